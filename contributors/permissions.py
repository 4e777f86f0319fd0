"""Who may review submissions: one permission, checked by the services and offered in the admin."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

REVIEW_PERMISSION = "contributors.review_submission"
_APP_LABEL, _CODENAME = REVIEW_PERMISSION.split(".")


def can_review(user) -> bool:
    return user is not None and user.is_active and user.has_perm(REVIEW_PERMISSION)


def reviewers() -> QuerySet:
    """Active staff who can review (superusers included), as `can_review` decides it with
    Django's model backend."""
    granted = Q(
        user_permissions__codename=_CODENAME,
        user_permissions__content_type__app_label=_APP_LABEL,
    ) | Q(
        groups__permissions__codename=_CODENAME,
        groups__permissions__content_type__app_label=_APP_LABEL,
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(Q(is_superuser=True) | granted)
        .distinct()
    )
