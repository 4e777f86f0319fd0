"""Public newsletter pages: signup, confirmation, unsubscription (page and RFC 8058 one-click)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from epw.core import ratelimit, signing
from epw.core.public_forms import public_form
from newsletter import services
from newsletter.consent import CONSENT_TEXT, CONSENT_VERSION
from newsletter.forms import SignupForm
from newsletter.models import Subscriber
from newsletter.tokens import confirm_payload, unsubscribe_subscriber

SIGNUP_TEMPLATE = "newsletter/signup.html"


def _signed_up(request: HttpRequest) -> HttpResponse:
    return redirect("newsletter:signup_done")


@public_form("newsletter", success=_signed_up, per_address=True)
def signup(request: HttpRequest) -> HttpResponse:
    """Readers sign up (from any slot of the site or this page); every address gets one answer."""
    form = SignupForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST":
        if request.public_form.retry_after:
            return ratelimit.too_many_requests(
                request, SIGNUP_TEMPLATE, context, request.public_form.retry_after
            )
        if form.is_valid():
            if not request.public_form.address_spent:
                services.subscriber_signup(
                    email=form.cleaned_data["email"],
                    source=form.cleaned_data["source"],
                    consent_text=str(CONSENT_TEXT),
                    consent_version=CONSENT_VERSION,
                )
            return _signed_up(request)
    return render(request, SIGNUP_TEMPLATE, context, status=400 if form.errors else 200)


def signup_done(request: HttpRequest) -> HttpResponse:
    """The same answer for every address: look in your inbox."""
    return render(request, "newsletter/signup_done.html")


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link of the confirmation e-mail: GET shows a button, POST confirms (scanners GET)."""
    template = "newsletter/confirm.html"
    if request.method == "GET":
        try:
            confirm_payload(token)
        except signing.LinkInvalid as exc:
            expired = isinstance(exc, signing.LinkExpired)
            return render(request, template, {"invalid": True, "expired": expired}, status=400)
        return render(request, template, {"token": token})
    try:
        services.subscriber_confirm(token=token)
    except services.NewsletterError as exc:
        return render(request, template, {"invalid": True, "error": str(exc)}, status=400)
    return render(request, template, {"confirmed": True})


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The unsubscribe page of every e-mail: a button, and a way back after leaving."""
    template = "newsletter/unsubscribe.html"
    try:
        subscriber = unsubscribe_subscriber(token)
    except signing.LinkInvalid:
        return render(request, template, {"invalid": True}, status=400)
    resubscribing = request.method == "POST" and request.POST.get("action") == "resubscribe"
    if request.method == "POST":
        if resubscribing:
            try:
                subscriber = services.subscriber_resubscribe(subscriber=subscriber)
            except services.NewsletterError as exc:
                return render(request, template, {"invalid": True, "error": str(exc)}, status=400)
        else:
            subscriber = services.subscriber_unsubscribe(subscriber=subscriber)
    return render(
        request,
        template,
        {
            "token": token,
            "email": subscriber.email,
            "unsubscribed": subscriber.status == Subscriber.Status.UNSUBSCRIBED,
            "resubscribed": resubscribing and subscriber.status == Subscriber.Status.CONFIRMED,
        },
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def one_click(request: HttpRequest, token: str) -> HttpResponse:
    """RFC 8058 one-click unsubscribe, POSTed by mail clients; the signed token is the proof."""
    if request.method == "GET":
        return redirect("newsletter:unsubscribe", token=token)
    try:
        subscriber = unsubscribe_subscriber(token)
    except signing.LinkInvalid:
        return HttpResponseBadRequest("Invalid token", content_type="text/plain")
    services.subscriber_unsubscribe(subscriber=subscriber)
    return HttpResponse("Unsubscribed", content_type="text/plain")
