"""Proof that a commenter owns an address: a signed cookie, set once they have shown it.

Typing an address proves nothing; opening the link e-mailed to it does. The browser that
confirmed then holds this cookie, and its next comments under that address need no new
confirmation. Trust (publication without moderation) only counts for a proven sender.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from epw.core import signing
from epw.core.mail import normalise_address

COOKIE = "epw_adresse_prouvee"
SALT = "comments.proven-address"


def proven_address(request: HttpRequest) -> str:
    """The address this browser has proven it owns, or "" (no cookie, forged or too old)."""
    value = request.COOKIES.get(COOKIE, "")
    if not value:
        return ""
    try:
        address = signing.unsign_object(
            value, purpose=SALT, max_age=settings.EPW_COMMENTS_PROOF_COOKIE_AGE
        )
    except signing.LinkInvalid:
        return ""
    return address if isinstance(address, str) else ""


def sender_proven(request: HttpRequest, email: str) -> bool:
    """The browser holds the proof for `email`, or a signed-in staff member uses their own."""
    address = normalise_address(email)
    if not address:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_active and user.is_staff:
        if normalise_address(user.email or "") == address:
            return True
    return proven_address(request) == address


def remember(response: HttpResponse, request: HttpRequest, email: str) -> None:
    """Let this browser comment under `email` without confirming it again (about a year)."""
    address = normalise_address(email)
    if not address:
        return
    response.set_cookie(
        COOKIE,
        signing.sign_object(address, purpose=SALT),
        max_age=settings.EPW_COMMENTS_PROOF_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE or request.is_secure(),
    )
