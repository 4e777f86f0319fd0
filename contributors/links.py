"""Signed, expiring links sent to applicants: confirm the address, follow the submission.

Each link carries the submission id and its per-submission secret, signed with one salt per
purpose. Erasing an applicant's data or rotating the secret kills every link already sent.
A token reads back as that (id, secret) key; finding the submission it names is the model's
part (`Submission.objects.from_link`).
"""

from __future__ import annotations

from typing import Protocol

from django.conf import settings
from django.urls import reverse

from epw.core import signing
from epw.core.site import site_url

CONFIRM_SALT = "contributors.confirm"
STATUS_SALT = "contributors.status"


class Linked(Protocol):
    """What a link is made for: a submission, by its key and secret."""

    pk: int
    secret: str


def _sign(submission: Linked, salt: str) -> str:
    return signing.sign(f"{submission.pk}.{submission.secret}", purpose=salt)


def _key(token: str, salt: str, max_age: int) -> tuple[int, str]:
    value = signing.unsign(token, purpose=salt, max_age=max_age)
    pk, _, secret = value.partition(".")
    if not (pk.isdigit() and secret):
        raise signing.LinkInvalid
    return int(pk), secret


def confirm_token(submission: Linked) -> str:
    return _sign(submission, CONFIRM_SALT)


def status_token(submission: Linked) -> str:
    return _sign(submission, STATUS_SALT)


def confirm_key(token: str) -> tuple[int, str]:
    """(submission id, secret) of a confirmation link; raises `signing.LinkExpired` or
    `signing.LinkInvalid`."""
    return _key(token, CONFIRM_SALT, settings.EPW_SUBMISSION_CONFIRM_MAX_AGE)


def status_key(token: str) -> tuple[int, str]:
    """(submission id, secret) of a status link; raises `signing.LinkExpired` or
    `signing.LinkInvalid`."""
    return _key(token, STATUS_SALT, settings.EPW_SUBMISSION_LINK_MAX_AGE)


def confirm_url(submission: Linked) -> str:
    token = confirm_token(submission)
    return site_url(reverse("contributors:submission_confirm", kwargs={"token": token}))


def status_path(submission: Linked) -> str:
    return reverse("contributors:submission_status", kwargs={"token": status_token(submission)})


def status_url(submission: Linked) -> str:
    return site_url(status_path(submission))
