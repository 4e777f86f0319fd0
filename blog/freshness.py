"""The site generation as readers see it: moved by every change, including the clock's.

`epw.core.chrome_cache.site_generation()` moves when a service changes what a public page shows.
Some changes need nobody: a scheduled article goes live, an announcement starts or ends. The
next such moment is read once per generation and kept beside it; when it has passed, the
generation moves. Whatever is keyed by `current_generation()` (whole pages, listings) is
therefore never older than the pages it stands for.

`kept()` keeps any answer that depends only on what readers see (an article page's article,
neighbours and comments) for the rest of the generation.

Services move the generation after each change they make; saving or deleting a live article
moves it too, whatever saved it (a shell, an import, a restored revision), so that no kept
answer can miss an edit.
"""

import threading
import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from blog.models import Announcement, Article
from epw.core.chrome_cache import GENERATION_KEY, site_changed, site_generation
from epw.core.kept_cache import kept_cache

NEXT_CHANGE_KEY = "epw:site:next-change"
KEPT_SECONDS = 24 * 3600  # a later generation makes them unreachable long before
T = TypeVar("T")
_request = threading.local()  # the generation as read by the request this thread serves
LIVE = {Article.Status.PUBLISHED, Article.Status.SCHEDULED}


def current_generation() -> tuple[str, float]:
    """The current generation, and the next moment the pages change by the clock alone.

    Read once per request: a page asks for it for each thing it keeps (its listing, its
    article, its neighbours…). Outside a request it is read each time."""
    remembered = getattr(_request, "generation", None)
    if remembered is None:
        remembered = _read_generation()
        if getattr(_request, "serving", False):
            _request.generation = remembered
    return remembered


def _read_generation() -> tuple[str, float]:
    found = cache.get_many([GENERATION_KEY, NEXT_CHANGE_KEY])
    generation = site_generation(found.get(GENERATION_KEY))
    kept = found.get(NEXT_CHANGE_KEY)
    if kept is not None and kept[0] == generation:
        if time.time() < kept[1]:
            return generation, kept[1]
        site_changed()  # that moment has come: what was kept before it is out of date
        generation = site_generation()
    moment = next_change()
    cache.set(NEXT_CHANGE_KEY, (generation, moment), None)
    return generation, moment


def next_change() -> float:
    """When a public page next changes with no one doing anything: a scheduled article goes
    live, an announcement starts or ends (a timestamp, infinity when nothing is due)."""
    now = timezone.now()
    live = [Article.Status.PUBLISHED, Article.Status.SCHEDULED]
    moments = Article.objects.filter(status__in=live, published_at__gt=now).aggregate(
        at=Min("published_at")
    )
    announcements = Announcement.objects.filter(is_active=True).aggregate(
        starts=Min("starts_at", filter=Q(starts_at__gt=now)),
        ends=Min("ends_at", filter=Q(ends_at__gt=now)),
    )
    found = [m for m in (moments["at"], announcements["starts"], announcements["ends"]) if m]
    return min(found).timestamp() if found else float("inf")


def kept(name: str, compute: Callable[[], T]) -> T:
    """`compute()`, or what it answered earlier in this generation (None is not kept)."""
    key = f"kept:{current_generation()[0]}:{name}"
    value = kept_cache().get(key)
    if value is None:
        value = compute()
        if value is not None:
            kept_cache().set(key, value, KEPT_SECONDS)
    return value


def _article_changed(instance: Article, **kwargs) -> None:
    if instance.status in LIVE or instance.stored_status in LIVE:
        transaction.on_commit(site_changed)


def _request_started(**kwargs) -> None:
    _request.serving = True
    _request.generation = None


def _request_finished(**kwargs) -> None:
    _request.serving = False
    _request.generation = None


def connect_signals() -> None:
    post_save.connect(_article_changed, sender=Article, dispatch_uid="freshness-article-saved")
    post_delete.connect(_article_changed, sender=Article, dispatch_uid="freshness-article-gone")
    request_started.connect(_request_started, dispatch_uid="freshness-request-started")
    request_finished.connect(_request_finished, dispatch_uid="freshness-request-finished")
