"""Who may moderate comments: one rule, made of permissions.

A member of staff moderates when they hold one of `MODERATION_PERMISSIONS`, directly or through
a group (the « Modérateur » and « Rédaction en chef » roles hold them, see epw/roles.py);
superusers hold every permission. The admin's decisions and the e-mail telling of a held
comment follow the same rule.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q

MODERATION_PERMISSIONS = (
    "django_comments.can_moderate",
    "django_comments_xtd.can_moderate",
    "django_comments_xtd.change_xtdcomment",
)


def can_moderate(user: AbstractBaseUser | None) -> bool:
    """Whether `user` may approve, reject, file as spam or delete comments."""
    if user is None or not user.is_active or not user.is_staff:
        return False
    return any(user.has_perm(permission) for permission in MODERATION_PERMISSIONS)


def moderator_addresses() -> list[str]:
    """E-mail addresses of everyone `can_moderate` lets in, in one query."""
    granted = Q(is_superuser=True)
    for permission in MODERATION_PERMISSIONS:
        app_label, codename = permission.split(".")
        granted |= Q(
            user_permissions__content_type__app_label=app_label,
            user_permissions__codename=codename,
        ) | Q(
            groups__permissions__content_type__app_label=app_label,
            groups__permissions__codename=codename,
        )
    staff = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    return sorted({user.email for user in staff.filter(granted)})
