"""Recording page views on the request path: at most one cache operation per request.

See the package docstring for the whole design.
"""

from __future__ import annotations

import atexit
import random
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from blog.audience.models import SITE_SCOPE
from epw.core.privacy import client_ip, hashed

BUCKET_SECONDS = 60
SLOTS = 256
BUFFER_TIMEOUT = 24 * 3600  # a flusher stopped for up to a day loses nothing
RETRY_SECONDS = 1

# Crawlers, link previews, monitors and command-line clients say so in their user agent.
# "bot" counts only as a word of its own or a name's ending before a version ("Googlebot/2.1",
# "AdsBot-Google"), not inside a phone's model name such as "CUBOT X19".
BOT_WORD = re.compile(r"\bbot\b|bot(?=[/-])")
BOT_MARKERS = (
    "crawl", "spider", "slurp", "archiver", "preview", "scrap", "fetch", "monitor",
    "check", "feed", "http", "curl", "wget", "python", "java", "go-", "ruby", "perl", "php",
    "headless", "lighthouse", "facebookexternalhit", "embedly", "whatsapp",
)  # fmt: skip

Event = tuple[str, int, str]  # (ISO day, article pk or SITE_SCOPE, visitor digest)


def is_bot(user_agent: str) -> bool:
    """`user_agent` in lower case."""
    return BOT_WORD.search(user_agent) is not None or any(
        marker in user_agent for marker in BOT_MARKERS
    )


@dataclass
class LocalDay:
    """Today's date in the site's time zone, worked out once per day rather than per request."""

    iso: str = ""
    starts: float = 0.0
    ends: float = 0.0

    def at(self, now: float) -> str:
        if not self.starts <= now < self.ends:
            local = timezone.localtime(datetime.fromtimestamp(now, tz=UTC))
            midnight = local.replace(hour=0, minute=0, second=0, microsecond=0)
            self.iso = local.date().isoformat()
            self.starts = midnight.timestamp()
            self.ends = (midnight + timedelta(days=1)).timestamp()
        return self.iso


def bucket_of(timestamp: float) -> int:
    return int(timestamp) // BUCKET_SECONDS


def slot_key(bucket: int, slot: int) -> str:
    return f"audience:{bucket}:{slot}"


def visitor_digest(request: HttpRequest, day: str) -> str:
    """The day's pseudonym of this browser: a keyed hash, never the address itself.

    The day is hashed with the address, not only put in the salt: `hashed()` keys with the
    first 64 bytes of `SECRET_KEY:salt`, which a long secret key fills on its own.
    """
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    return hashed(f"{day}|{client_ip(request)}|{user_agent}", salt=f"audience:{day}")


@dataclass
class Buffer:
    """The events of this process not yet handed to the cache."""

    events: list[Event] = field(default_factory=list)
    oldest: float | None = None
    not_before: float = 0.0  # after a taken slot, wait a little before trying another
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, event: Event) -> None:
        now = time.time()
        with self.lock:
            self.events.append(event)
            if self.oldest is None:
                self.oldest = now
            due = (
                len(self.events) >= settings.EPW_AUDIENCE_HANDOFF_EVENTS
                or now - self.oldest >= settings.EPW_AUDIENCE_HANDOFF_SECONDS
            )
            if not due or now < self.not_before:
                return
            batch, self.events, self.oldest = self.events, [], None
        self._hand_off(batch, now)

    def hand_off_all(self) -> None:
        with self.lock:
            batch, self.events, self.oldest = self.events, [], None
        if batch:
            self._hand_off(batch, time.time())

    def clear(self) -> None:
        with self.lock:
            self.events, self.oldest, self.not_before = [], None, 0.0

    def _hand_off(self, batch: list[Event], now: float) -> None:
        key = slot_key(bucket_of(now), random.randrange(SLOTS))  # noqa: S311 - not a secret
        if cache.add(key, batch, timeout=BUFFER_TIMEOUT):
            return
        with self.lock:  # slot taken: keep the batch, a later request tries another slot
            self.events[:0] = batch
            self.oldest = now if self.oldest is None else min(self.oldest, now)
            self.not_before = now + RETRY_SECONDS


buffer = Buffer()
local_day = LocalDay()
atexit.register(buffer.hand_off_all)


def countable(request: HttpRequest, response: HttpResponse) -> bool:
    """A page a person asked for: public HTML, GET, 200, from a browser, not staff.

    Previews (even through a shared link) send `X-Robots-Tag: noindex` and are not counted.
    """
    if request.method != "GET" or response.status_code != 200:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if "noindex" in response.get("X-Robots-Tag", ""):  # previews and other private pages
        return False
    match = request.resolver_match
    if match is None or match.namespace not in settings.EPW_AUDIENCE_NAMESPACES:
        return False
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if not user_agent or is_bot(user_agent.lower()):
        return False
    meta = request.META
    if "prefetch" in meta.get("HTTP_SEC_PURPOSE", "") + meta.get("HTTP_PURPOSE", ""):
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated and user.is_staff)


def article_pk(request: HttpRequest, response: HttpResponse) -> int:
    if request.resolver_match.view_name != "blog:article_detail":
        return SITE_SCOPE
    article = (getattr(response, "context_data", None) or {}).get("article")
    return article.pk if article is not None else SITE_SCOPE


class AudienceMiddleware:
    """Counts public page views into the process buffer (see `blog.audience`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if counting_here() and countable(request, response):
            day = local_day.at(time.time())
            buffer.record((day, article_pk(request, response), visitor_digest(request, day)))
        return response


def counting_here() -> bool:
    """Are page views counted on the server (this middleware, the page cache)? Else by the
    beacon the pages carry (`EPW_AUDIENCE_BEACON`), which counts pages served by a proxy too."""
    return settings.EPW_AUDIENCE_ENABLED and not settings.EPW_AUDIENCE_BEACON


def record_view(request: HttpRequest, article: int) -> None:
    """Count one view of a page known to be public (served from the page cache, or reported
    by the beacon): bots, prefetches and staff still are not counted."""
    user_agent = request.META.get("HTTP_USER_AGENT", "")
    if not user_agent or is_bot(user_agent.lower()):
        return
    meta = request.META
    if "prefetch" in meta.get("HTTP_SEC_PURPOSE", "") + meta.get("HTTP_PURPOSE", ""):
        return
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return
    day = local_day.at(time.time())
    buffer.record((day, article or SITE_SCOPE, visitor_digest(request, day)))
