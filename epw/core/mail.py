"""Templated e-mail: one subject, a plain-text part and an optional HTML part per message.

Templates live in `<app>/email/<name>_subject.txt`, `<name>.txt` and, optionally,
`<name>.html`. Callers send from tasks or `transaction.on_commit`, never from a request thread
before the data it describes is committed. Tasks run in the site's default language: a message
to a reader passes the `language` stored when they acted (see `active_language`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import TemplateDoesNotExist
from django.template.loader import render_to_string
from django.utils import translation


def normalise_address(email: str) -> str:
    """An e-mail address as it is stored and compared everywhere: Unicode NFC, without invisible
    characters (zero-width, bidi controls) or surrounding spaces, in lower case."""
    email = unicodedata.normalize("NFC", email or "")
    email = "".join(char for char in email if unicodedata.category(char) != "Cf")
    return email.strip().lower()


def render_email(
    template: str,
    context: Mapping,
    *,
    to: Sequence[str],
    headers: Mapping[str, str] | None = None,
    reply_to: Sequence[str] | None = None,
    from_email: str | None = None,
    language: str | None = None,
) -> EmailMultiAlternatives:
    """Build (without sending) the message rendered from the `template` prefix."""
    with translation.override(language or settings.LANGUAGE_CODE):
        site = {"site_name": settings.EPW_SITE_NAME, "site_url": settings.EPW_SITE_URL}
        context = {**site, **context}
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
        try:
            html = render_to_string(f"{template}.html", context)
        except TemplateDoesNotExist:
            html = None
    message = EmailMultiAlternatives(
        subject=single_line(subject),
        body=body,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        to=list(to),
        headers=dict(headers or {}),
        reply_to=list(reply_to or []),
    )
    if html:
        message.attach_alternative(html, "text/html")
    return message


def active_language() -> str:
    """The language of the current request as one of `settings.LANGUAGES` (for later e-mails)."""
    try:
        return translation.get_supported_language_variant(
            translation.get_language() or settings.LANGUAGE_CODE
        )
    except LookupError:
        return settings.LANGUAGE_CODE


def send_email(template: str, context: Mapping, **kwargs) -> None:
    """Render and send one message (see `render_email` for the arguments)."""
    render_email(template, context, **kwargs).send()


def single_line(text: str) -> str:
    """A header-safe version of `text`: no line breaks, collapsed whitespace."""
    return " ".join(text.split())
