"""The messages the newsletter sends: signup e-mails and editions.

Every message that comes from the list carries the RFC 2369 / RFC 8058 headers so mail clients
offer their own one-click unsubscribe button. An edition is rendered once per batch with a
placeholder for the per-subscriber link, then specialised cheaply for each subscriber.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from epw.core.mail import render_email
from epw.core.site import site_host, site_url
from newsletter.models import Edition, Subscriber
from newsletter.tokens import confirm_token, unsubscribe_token

UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/epw-placeholder/"


def unsubscribe_urls(
    subscriber: Subscriber, patterns: tuple[str, str] | None = None
) -> tuple[str, str]:
    """(page shown to people, RFC 8058 one-click endpoint) for this subscriber."""
    token = unsubscribe_token(subscriber)
    page, one_click = patterns or unsubscribe_url_patterns()
    return page.replace(TOKEN_SLOT, token), one_click.replace(TOKEN_SLOT, token)


TOKEN_SLOT = "TOKEN-SLOT"


def unsubscribe_url_patterns() -> tuple[str, str]:
    """Both URLs with a slot for the token: reversed once per batch, not twice per message."""
    return (
        site_url(reverse("newsletter:unsubscribe", kwargs={"token": TOKEN_SLOT})),
        site_url(reverse("newsletter:one_click", kwargs={"token": TOKEN_SLOT})),
    )


def list_headers(one_click_url: str) -> dict[str, str]:
    targets = [f"<{one_click_url}>"]
    if settings.NEWSLETTER_UNSUBSCRIBE_MAILTO:
        targets.append(f"<mailto:{settings.NEWSLETTER_UNSUBSCRIBE_MAILTO}?subject=unsubscribe>")
    return {
        "List-Unsubscribe": ", ".join(targets),
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"{settings.EPW_SITE_NAME} <newsletter.{site_host()}>",
        "Precedence": "bulk",
    }


def subscriber_message(subscriber: Subscriber, kind: str) -> EmailMultiAlternatives | None:
    """The message of `kind` ("confirm", "welcome", "already_subscribed") that a signup service
    queued, or None when the subscriber's state has moved on since (confirmed, unsubscribed…)."""
    if kind == "confirm":
        if subscriber.status != Subscriber.Status.PENDING:
            return None
        return confirmation_message(subscriber)
    if subscriber.status != Subscriber.Status.CONFIRMED:
        return None
    return list_message(f"newsletter/email/{kind}", subscriber)


def confirmation_message(subscriber: Subscriber) -> EmailMultiAlternatives:
    url = site_url(reverse("newsletter:confirm", kwargs={"token": confirm_token(subscriber)}))
    return render_email(
        "newsletter/email/confirm",
        {"confirm_url": url, "max_age_days": settings.NEWSLETTER_CONFIRM_MAX_AGE // 86400},
        to=[subscriber.email],
        language=subscriber.language,
    )


def list_message(template: str, subscriber: Subscriber) -> EmailMultiAlternatives:
    """A message about the subscription itself (welcome, already subscribed)."""
    page_url, one_click_url = unsubscribe_urls(subscriber)
    return render_email(
        template,
        {"unsubscribe_url": page_url},
        to=[subscriber.email],
        headers=list_headers(one_click_url),
        language=subscriber.language,
    )


class EditionMessages:
    """Builds the messages of one edition: rendered once, specialised per subscriber."""

    def __init__(self, edition: Edition, *, test: bool = False) -> None:
        self.template = render_email(
            "newsletter/email/edition",
            edition_context(edition, unsubscribe_url=UNSUBSCRIBE_PLACEHOLDER, test=test),
            to=["placeholder@example.invalid"],
        )
        html = [body for body, mimetype in self.template.alternatives if mimetype == "text/html"]
        self.html = html[0] if html else None
        self.url_patterns = unsubscribe_url_patterns()

    def for_subscriber(self, subscriber: Subscriber, connection=None) -> EmailMultiAlternatives:
        page_url, one_click_url = unsubscribe_urls(subscriber, self.url_patterns)
        return self.for_address(subscriber.email, page_url, list_headers(one_click_url), connection)

    def for_address(
        self, address: str, page_url: str, headers: dict[str, str], connection=None
    ) -> EmailMultiAlternatives:
        message = EmailMultiAlternatives(
            subject=self.template.subject,
            body=self.template.body.replace(UNSUBSCRIBE_PLACEHOLDER, page_url),
            from_email=self.template.from_email,
            to=[address],
            headers=headers,
            connection=connection,
        )
        if self.html is not None:
            message.attach_alternative(
                self.html.replace(UNSUBSCRIBE_PLACEHOLDER, page_url), "text/html"
            )
        return message


def edition_test_message(edition: Edition, to: str) -> EmailMultiAlternatives:
    """One copy for an editor, marked as a test.

    Its unsubscribe link leads to the newsletter page (there is no subscription to end), and it
    carries no one-click header: a mail client must not POST to a page that expects nothing.
    """
    page = site_url(reverse("newsletter:signup"))
    return EditionMessages(edition, test=True).for_address(
        to, page, {"List-Unsubscribe": f"<{page}>"}
    )


def edition_context(edition: Edition, *, unsubscribe_url: str, test: bool = False) -> dict:
    items = edition.items.select_related("article").order_by("position", "pk")
    articles = [
        {
            "title": item.article.title,
            "url": site_url(item.article.get_absolute_url()),
            # A summary cut from the sanitised body keeps its entities (&amp;, &nbsp;…).
            "summary": item.article.summary,
        }
        for item in items
    ]
    return {
        "edition": edition,
        "intro_paragraphs": intro_paragraphs(edition.intro),
        "articles": articles,
        "unsubscribe_url": unsubscribe_url,
        "test": test,
    }


def intro_paragraphs(intro: str) -> list[str]:
    """The paragraphs of a plain-text intro (browsers send a textarea with CRLF line endings)."""
    text = intro.replace("\r\n", "\n").replace("\r", "\n")
    return [part.strip() for part in re.split(r"\n[ \t]*\n", text) if part.strip()]
