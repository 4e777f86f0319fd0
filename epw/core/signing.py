"""Signed values for e-mailed links, cookies and forms, over `django.core.signing`.

One salt per purpose (a token made for one use is refused by every other), an optional
timestamp checked against `max_age`, and one error convention: `unsign` raises `LinkExpired`
for a genuine but too old token and `LinkInvalid` for anything else (tampered, truncated,
made for another purpose). `LinkExpired` is a `LinkInvalid`, so callers that do not care why
catch the latter only.

    token = signing.sign(f"{pk}.{secret}", purpose="contributors.status")
    value = signing.unsign(token, purpose="contributors.status", max_age=60 * 86400)

The tokens are those of Django's `TimestampSigner` (or `Signer` with `timestamped=False`)
salted with the purpose, so links already sent keep working.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core import signing


class LinkInvalid(Exception):
    """The token was not made by this site for this purpose."""


class LinkExpired(LinkInvalid):
    """The token is genuine but older than allowed."""


def _signer(purpose: str, timestamped: bool) -> signing.Signer:
    return signing.TimestampSigner(salt=purpose) if timestamped else signing.Signer(salt=purpose)


def sign(value: str, *, purpose: str, timestamped: bool = True) -> str:
    return _signer(purpose, timestamped).sign(value)


def unsign(
    token: str, *, purpose: str, max_age: int | timedelta | None, timestamped: bool = True
) -> str:
    """The signed value; `max_age=None` accepts any age (for example to name an expired link)."""
    try:
        if timestamped:
            return _signer(purpose, True).unsign(token, max_age=max_age)
        return _signer(purpose, False).unsign(token)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except signing.BadSignature:
        raise LinkInvalid from None


def sign_object(value: Any, *, purpose: str) -> str:
    """A JSON-serialisable value, timestamped and signed (base64: fits in a cookie)."""
    return signing.TimestampSigner(salt=purpose).sign_object(value)


def unsign_object(token: str, *, purpose: str, max_age: int | timedelta | None) -> Any:
    try:
        return signing.TimestampSigner(salt=purpose).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise LinkExpired from None
    except (signing.BadSignature, ValueError):
        raise LinkInvalid from None


def fingerprint(value: str, *, purpose: str) -> str:
    """A keyed signature of `value` alone, to tie a token to data it does not carry."""
    return signing.Signer(salt=purpose).signature(value)
