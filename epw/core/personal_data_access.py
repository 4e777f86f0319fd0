"""Who may answer personal data requests, and the changelist action that opens one.

A leaf module: the apps' admins offer the action without knowing the request's machinery
(`epw.personal_data`), which they must not import; the action hands the address to the
« Données personnelles » page through the session, so it never appears in a URL or a log.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.models import AbstractBaseUser
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from epw.core.mail import normalise_address

# Every one of these is needed: the erasure deletes subscribers and submissions and rewrites
# comments (the « Rédaction en chef » group holds them all).
PERMISSIONS = (
    "newsletter.delete_subscriber",
    "contributors.delete_submission",
    "django_comments_xtd.change_xtdcomment",
)
SESSION_KEY = "epw_personal_data_address"


def can_handle_personal_data(user: AbstractBaseUser | None) -> bool:
    """Active staff holding every permission the erasure uses."""
    return bool(user and user.is_active and user.is_staff and user.has_perms(PERMISSIONS))


def address_action(field: str):
    """A changelist action opening the personal data page for the address in `field`."""

    @admin.action(description=_("Données personnelles de cette adresse (export, effacement)"))
    def personal_data(modeladmin, request, queryset):
        if not can_handle_personal_data(request.user):
            modeladmin.message_user(
                request,
                _("Vous n’avez pas le droit de traiter les demandes de données personnelles."),
                messages.ERROR,
            )
            return None
        addresses = {normalise_address(value) for value in queryset.values_list(field, flat=True)}
        addresses.discard("")
        if len(addresses) != 1:
            modeladmin.message_user(
                request, _("Choisissez des lignes d’une seule et même adresse."), messages.WARNING
            )
            return None
        request.session[SESSION_KEY] = addresses.pop()
        return redirect("personal_data")

    return personal_data
