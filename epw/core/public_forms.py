"""The defences every public form shares, so that each one is protected the same way.

The policy:

- **Honeypot**: a field people never see (``honeypot``). A request that fills it in gets the
  answer of a success, and nothing is stored or sent.
- **Time trap**: a signed timestamp (``stamp``) issued when the form is shown. A form sent back
  less than ``EPW_PUBLIC_FORM_MIN_SECONDS`` later, or with a stamp forged or older than
  ``EPW_PUBLIC_FORM_MAX_AGE``, comes back with its input and a message asking to send it again.
- **Attempts**: every request a form receives counts, valid or not, per client address (IP),
  against ``EPW_PUBLIC_FORM_LIMITS[scope]``; past it the form comes back with its input, status
  429 and Retry-After. Forms that e-mail the address they are given also count attempts per
  address, all such forms together (``EPW_PUBLIC_FORM_LIMITS["address"]``); past it the form
  answers as if it had succeeded and does nothing, so nobody learns anything about an address.
- **E-mail budget**: whatever the number of client addresses or of parallel requests, no
  address receives from all public forms together more than ``EPW_PUBLIC_FORM_MAILS_PER_ADDRESS``
  e-mails (count, seconds), nor two within ``EPW_PUBLIC_FORM_MAIL_INTERVAL`` seconds. Services
  call `mail_budget_take` before e-mailing an address a form was given; past the budget they
  send nothing and the form answers as usual.

- **Same origin** instead of a CSRF token, so that a form works on a page served from a cache
  to a visitor with no cookie at all: a POST must say it comes from a page of this site,
  through ``Origin`` (every current browser sends it with a POST) or, from an older browser
  that sends none, ``Referer``; ``Sec-Fetch-Site: cross-site`` is refused outright. A request
  from another site, or naming none, is refused with 403 and an explanation. This is the
  check Django's CSRF middleware makes before its token; the token adds nothing against a
  browser that sends ``Origin``, and it cannot be in a page shared by every visitor.

A view opts in with the `public_form` decorator, its form with `TimeTrapMixin`, its template
with ``{% public_form_traps %}`` (``{% load public_forms %}``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django import forms
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from epw.core import ratelimit, signing
from epw.core.mail import normalise_address
from epw.core.models import MailBudget
from epw.core.privacy import client_ip, hashed

HONEYPOT = "honeypot"
STAMP = "stamp"
STAMP_PURPOSE = "public-forms.stamp"


@dataclass(frozen=True)
class Attempt:
    """What the rate limits say about the request a public form just received."""

    retry_after: int = 0  # > 0: this client sent too many attempts; answer 429
    address_spent: bool = False  # this address was named too often: answer, do nothing


def public_form(
    scope: str,
    *,
    success: Callable[..., HttpResponse] | None = None,
    methods: tuple[str, ...] = ("GET", "POST"),
    per_address: bool = False,
):
    """Count the request's attempt and answer a filled honeypot with `success` (the view's own
    answer to a success: it takes the view's arguments). The view reads `request.public_form`
    (an `Attempt`) and answers 429 with `ratelimit.too_many_requests` when told to wait.

    The counted method is POST, or GET for a form that only reads (search, `methods=("GET",)`).
    Other methods are refused with 405.
    """
    counted = "POST" if "POST" in methods else "GET"

    def decorator(view):
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            attempt = Attempt()
            if request.method == "POST" and not same_origin(request):
                return cross_site_refused(request)
            if request.method == counted:
                attempt = _count(request, scope, per_address=per_address)
                if success is not None and request.POST.get(HONEYPOT):
                    return success(request, *args, **kwargs)
            request.public_form = attempt
            return view(request, *args, **kwargs)

        return csrf_exempt(require_http_methods(list(methods))(wrapped))

    return decorator


def origin_checked(view):
    """A POST view whose forms sit on cached pages (no CSRF token): same-origin posts only."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if request.method == "POST" and not same_origin(request):
            return cross_site_refused(request)
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapped)


def same_origin(request: HttpRequest) -> bool:
    """Does this POST come from a page of this site (or a trusted origin)?"""
    if getattr(request, "_dont_enforce_csrf_checks", False):  # Django's test client
        return True
    if request.META.get("HTTP_SEC_FETCH_SITE") == "cross-site":
        return False
    origin = request.META.get("HTTP_ORIGIN") or request.META.get("HTTP_REFERER")
    if not origin or origin == "null":
        return False
    own = f"{request.scheme}://{request.get_host()}"
    if origin == own or origin.startswith(own + "/"):
        return True
    return any(
        origin == trusted or origin.startswith(trusted + "/")
        for trusted in settings.CSRF_TRUSTED_ORIGINS
    )


def cross_site_refused(request: HttpRequest) -> HttpResponse:
    """The answer to a post from another site: nothing done, and why."""
    return render(request, "403_csrf.html", {"cross_site": True}, status=403)


def _count(request: HttpRequest, scope: str, *, per_address: bool) -> Attempt:
    limit, period = settings.EPW_PUBLIC_FORM_LIMITS[scope]
    retry_after = ratelimit.hit(scope, client_ip(request), limit=limit, period=period)
    address = normalise_address(request.POST.get("email", "")) if per_address else ""
    spent = False
    if address and not retry_after:
        limit, period = settings.EPW_PUBLIC_FORM_LIMITS["address"]
        key = hashed(address, salt="public-forms.address")
        spent = bool(ratelimit.hit("address", key, limit=limit, period=period))
    return Attempt(retry_after=retry_after, address_spent=spent)


# Time trap -------------------------------------------------------------------------------


def new_stamp() -> str:
    """The signed moment a form is shown."""
    return signing.sign(str(int(time.time())), purpose=STAMP_PURPOSE)


class TimeTrapMixin(forms.Form):
    """Adds the signed timestamp a public form must carry back, not too fast, not too late."""

    stamp = forms.CharField(required=False, widget=forms.HiddenInput)

    trap_messages = {
        "too_fast": _(
            "Formulaire envoyé trop vite pour un humain : relisez-le quelques secondes "
            "puis envoyez-le à nouveau."
        ),
        "expired": _("Le formulaire a expiré : envoyez-le à nouveau."),
    }

    def clean_stamp(self) -> str:
        value = self.cleaned_data.get(STAMP) or ""
        try:
            shown = int(
                signing.unsign(
                    value, purpose=STAMP_PURPOSE, max_age=settings.EPW_PUBLIC_FORM_MAX_AGE
                )
            )
        except (signing.LinkInvalid, ValueError):
            raise forms.ValidationError(self.trap_messages["expired"], code="expired") from None
        if time.time() - shown < settings.EPW_PUBLIC_FORM_MIN_SECONDS:
            raise forms.ValidationError(self.trap_messages["too_fast"], code="too_fast")
        return value


# E-mail budget ---------------------------------------------------------------------------


def mail_budget_take(*, email: str) -> bool:
    """Count one e-mail to `email` if its budget allows it (True), else count nothing (False).

    The check and the count happen in one transaction on one locked row: parallel requests
    queue on it (PostgreSQL row lock, SQLite's single writer), so the cap is exact.
    """
    limit, period = settings.EPW_PUBLIC_FORM_MAILS_PER_ADDRESS
    key = hashed(normalise_address(email), salt="public-forms.mail-budget")
    now = time.time()
    with transaction.atomic():
        MailBudget.objects.get_or_create(address=key)
        budget = MailBudget.objects.select_for_update().get(address=key)
        recent = [sent for sent in budget.sent if sent > now - period]
        allowed = len(recent) < limit and (
            not recent or now - max(recent) >= settings.EPW_PUBLIC_FORM_MAIL_INTERVAL
        )
        if allowed:
            recent.append(now)
        if recent != budget.sent:
            budget.sent = recent
            budget.save(update_fields=["sent"])
    return allowed
