"""Signed links in newsletter e-mails: confirmation (expiring) and unsubscription (lasting).

A confirmation token names the subscriber and the moment of the signup it confirms, so an old
link stops working once the address signs up again or is erased. An unsubscribe token names one
subscriber and nobody else; it never expires, as old e-mails must keep their one-click link.
"""

from __future__ import annotations

from django.conf import settings

from epw.core import signing
from newsletter.models import Subscriber

CONFIRM_SALT = "newsletter.confirm"
UNSUBSCRIBE_SALT = "newsletter.unsubscribe"


def confirm_token(subscriber: Subscriber) -> str:
    return signing.sign(f"{subscriber.pk}.{signup_stamp(subscriber)}", purpose=CONFIRM_SALT)


def signup_stamp(subscriber: Subscriber) -> int:
    """The moment of the signup a confirmation link is made for (each new signup moves it)."""
    return int(subscriber.consented_at.timestamp()) if subscriber.consented_at else 0


def confirm_payload(token: str) -> tuple[int, int]:
    """(subscriber pk, signup stamp); raises `signing.LinkExpired` or `signing.LinkInvalid`."""
    value = signing.unsign(token, purpose=CONFIRM_SALT, max_age=settings.NEWSLETTER_CONFIRM_MAX_AGE)
    return _two_ints(value)


def unsubscribe_token(subscriber: Subscriber) -> str:
    value = f"{subscriber.pk}.{_email_tag(subscriber)}"
    return signing.sign(value, purpose=UNSUBSCRIBE_SALT, timestamped=False)


def unsubscribe_subscriber(token: str) -> Subscriber:
    """The subscriber a token was made for; raises `signing.LinkInvalid` otherwise."""
    value = signing.unsign(token, purpose=UNSUBSCRIBE_SALT, max_age=None, timestamped=False)
    pk, _, tag = value.partition(".")
    if not pk.isdigit():
        raise signing.LinkInvalid
    subscriber = Subscriber.objects.filter(pk=int(pk)).first()
    if subscriber is None or _email_tag(subscriber) != tag:
        raise signing.LinkInvalid
    return subscriber


def _email_tag(subscriber: Subscriber) -> str:
    # A short digest of the address: a token survives nothing but its own subscriber row.
    return signing.fingerprint(subscriber.email, purpose=f"{UNSUBSCRIBE_SALT}.email")[:10]


def _two_ints(value: str) -> tuple[int, int]:
    first, _, second = value.partition(".")
    if not (first.isdigit() and second.isdigit()):
        raise signing.LinkInvalid
    return int(first), int(second)
