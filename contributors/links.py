"""Signed, expiring links sent to applicants: confirm the address, follow the submission.

Each link carries the submission id and its per-submission secret, signed with one salt per
purpose. Erasing an applicant's data or rotating the secret kills every link already sent.
"""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from epw.core import signing

CONFIRM_SALT = "contributors.confirm"
STATUS_SALT = "contributors.status"


def _sign(submission, salt: str) -> str:
    return signing.sign(f"{submission.pk}.{submission.secret}", purpose=salt)


def _unsign(token: str, salt: str, max_age: int):
    from contributors.models import Submission

    try:
        value = signing.unsign(token, purpose=salt, max_age=max_age)
        pk, secret = value.split(".", 1)
        return Submission.objects.get(pk=int(pk), secret=secret)
    except (signing.LinkInvalid, ValueError, Submission.DoesNotExist):
        return None


def confirm_token(submission) -> str:
    return _sign(submission, CONFIRM_SALT)


def status_token(submission) -> str:
    return _sign(submission, STATUS_SALT)


def submission_from_confirm_token(token: str):
    """The submission a confirmation link names, or None if tampered with or expired."""
    return _unsign(token, CONFIRM_SALT, settings.EPW_SUBMISSION_CONFIRM_MAX_AGE)


def submission_from_status_token(token: str):
    """The submission a status link names, or None if tampered with or expired."""
    return _unsign(token, STATUS_SALT, settings.EPW_SUBMISSION_LINK_MAX_AGE)


def confirm_url(submission) -> str:
    path = reverse("contributors:submission_confirm", kwargs={"token": confirm_token(submission)})
    return settings.EPW_SITE_URL.rstrip("/") + path


def status_path(submission) -> str:
    return reverse("contributors:submission_status", kwargs={"token": status_token(submission)})


def status_url(submission) -> str:
    return settings.EPW_SITE_URL.rstrip("/") + status_path(submission)
