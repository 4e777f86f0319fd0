"""A commenter's remembered identity: name, e-mail and website kept in a signed cookie.

Only set when the commenter ticks « Se souvenir de moi », so the next form comes filled in;
posting without the box ticked forgets it. Signed so that a forged cookie fills in nothing.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

REMEMBER_COOKIE = "epw_commentateur"
REMEMBER_SALT = "comments.remember"


def remembered_identity(request: HttpRequest) -> dict:
    """Name, e-mail and website saved by a commenter who asked to be remembered."""
    try:
        raw = request.get_signed_cookie(REMEMBER_COOKIE, salt=REMEMBER_SALT)
        data = json.loads(raw)
    except (KeyError, signing.BadSignature, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: str(data.get(key, ""))[:254] for key in ("name", "email", "url")}


def remember_identity(
    response: HttpResponse, request: HttpRequest, *, name: str, email: str, url: str
) -> None:
    """Keep the commenter's identity on this device for the next form."""
    response.set_signed_cookie(
        REMEMBER_COOKIE,
        json.dumps({"name": name, "email": email, "url": url}),
        salt=REMEMBER_SALT,
        max_age=settings.EPW_COMMENTS_REMEMBER_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def forget_identity(response: HttpResponse) -> None:
    """The commenter left « Se souvenir de moi » unticked: the next form comes empty."""
    response.delete_cookie(REMEMBER_COOKIE)
