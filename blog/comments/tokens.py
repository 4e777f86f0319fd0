"""Signed links for commenters: only a comment id, one salt per purpose, always expiring."""

from __future__ import annotations

from django.conf import settings

from epw.core import signing

CONFIRM = "comments.confirm"
MUTE = "comments.mute"
SENT = "comments.sent"


def make(purpose: str, comment_id: int) -> str:
    return signing.sign(str(comment_id), purpose=purpose)


def read(purpose: str, token: str, *, max_age: int | None) -> int:
    """The comment id in `token`; raises `signing.LinkExpired` or `signing.LinkInvalid`.

    `max_age=None` reads an expired token too, to say where its expired link led.
    """
    value = signing.unsign(token, purpose=purpose, max_age=max_age)
    try:
        return int(value)
    except ValueError:
        raise signing.LinkInvalid from None


def confirm_max_age() -> int:
    return settings.EPW_COMMENTS_CONFIRM_MAX_AGE


def mute_max_age() -> int:
    return settings.EPW_COMMENTS_MUTE_MAX_AGE
