"""Moderation rules: which state a new comment starts in, and whether an article takes comments.

Pure reads on the comment's fields and settings, so each rule is testable on its own; the
services apply the verdict.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from blog.comments.models import CommentModeration
from blog.comments.queries import public_comments
from epw.core.folding import fold

State = CommentModeration.State

LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
DOMAIN = re.compile(r"(?:https?://)?(?:www\.)?([a-z0-9.-]+\.[a-z]{2,})", re.IGNORECASE)


@dataclass
class Verdict:
    state: str
    reasons: list[str] = field(default_factory=list)


def comments_open(article) -> bool:
    """Open unless switched off for the article or past its closing delay."""
    if not article.comments_open or not article.published_at:
        return False
    days = article.comments_close_after_days
    if days is None:
        days = settings.EPW_COMMENTS_CLOSE_AFTER_DAYS
    if not days:
        return True
    return timezone.now() < article.published_at + timedelta(days=days)


def is_trusted(email: str) -> bool:
    """An address with an approved comment: its proven owner is published without moderation."""
    return public_comments().filter(user_email__iexact=email).exclude(user_email="").exists()


def count_links(text: str) -> int:
    return len(LINK.findall(text))


def _words_in(words: list[str], text: str) -> list[str]:
    """The listed words the text holds, however it writes them (invisible characters, look-alike
    letters from other scripts, full-width forms: see epw.core.folding)."""
    folded = fold(text)
    return [word for word in words if word.strip() and fold(word).strip() in folded]


def _domains(*texts: str) -> set[str]:
    found = set()
    for text in texts:
        for match in DOMAIN.findall(text or ""):
            found.add(match.lower().rstrip("."))
    return found


def _disallowed_domain(email: str, url: str, text: str) -> str | None:
    banned = [d.lower().lstrip("@.") for d in settings.EPW_COMMENTS_DISALLOWED_DOMAINS if d]
    host = urlsplit(url).hostname or "" if url else ""
    candidates = _domains(text) | {email.rpartition("@")[2].lower(), host.lower()}
    for domain in candidates - {""}:
        for bad in banned:
            if domain == bad or domain.endswith("." + bad):
                return bad
    return None


def _disallowed_ip(ip: str | None) -> bool:
    if not ip:
        return False
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return False
    for entry in settings.EPW_COMMENTS_DISALLOWED_IPS:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


def spam_reasons(*, name: str, email: str, url: str, text: str, ip: str | None) -> list[str]:
    reasons = []
    words = _words_in(settings.EPW_COMMENTS_DISALLOWED_WORDS, f"{name}\n{url}\n{text}")
    if words:
        reasons.append("mots interdits : " + ", ".join(words))
    domain = _disallowed_domain(email, url, text)
    if domain:
        reasons.append(f"domaine interdit : {domain}")
    if _disallowed_ip(ip):
        reasons.append("adresse IP interdite")
    return reasons


def hold_reasons(*, name: str, url: str, text: str) -> list[str]:
    reasons = []
    if count_links(text) >= settings.EPW_COMMENTS_MAX_LINKS:
        reasons.append("liens multiples")
    words = _words_in(settings.EPW_COMMENTS_MODERATION_WORDS, f"{name}\n{url}\n{text}")
    if words:
        reasons.append("mots à modérer : " + ", ".join(words))
    return reasons


def initial_verdict(
    *, name: str, email: str, url: str, text: str, ip: str | None, trusted: bool, proven: bool
) -> Verdict:
    """The state a freshly posted comment starts in.

    `proven`: the sender showed they own the address. Without that proof even a trusted
    address goes through the e-mail confirmation, or anyone could write under it.
    """
    spam = spam_reasons(name=name, email=email, url=url, text=text, ip=ip)
    if spam:
        return Verdict(State.SPAM, spam)
    if not proven:
        return Verdict(
            State.UNCONFIRMED, ["adresse à confirmer" if trusted else "première participation"]
        )
    held = hold_reasons(name=name, url=url, text=text)
    if not trusted:
        return Verdict(State.HELD, ["première participation", *held])
    if held:
        return Verdict(State.HELD, held)
    return Verdict(State.PUBLIC)


def after_confirmation(*, trusted: bool, held_reasons: list[str]) -> str:
    """A confirmed first comment waits for a moderator: the address is not trusted yet."""
    if not trusted or held_reasons:
        return State.HELD
    return State.PUBLIC
