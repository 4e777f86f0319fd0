"""Counting the buffered page views into the database (see the package docstring)."""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from blog.audience.models import (
    SITE_SCOPE,
    ArticleAudienceDay,
    AudienceCursor,
    AudienceDay,
    AudienceVisitor,
)
from blog.audience.recording import (
    BUCKET_SECONDS,
    BUFFER_TIMEOUT,
    SLOTS,
    Event,
    bucket_of,
    slot_key,
)
from blog.models import Article

# Minutes still open to hand-offs (the current one, and one for clocks a little apart).
GRACE_BUCKETS = 2
KEYS_PER_READ = 1024


@dataclass(frozen=True)
class FlushReport:
    batches: int
    events: int
    up_to_bucket: int


def audience_flush(*, now: float | None = None) -> FlushReport:
    """Count every closed minute of the cache buffer once, then forget the slots read.

    Safe to run at any time and from several machines at once: the cursor row is locked for
    the whole count, and the slots are deleted only after the count has committed.
    """
    now = time.time() if now is None else now
    horizon = bucket_of(now) - GRACE_BUCKETS
    with transaction.atomic():
        cursor, _ = AudienceCursor.objects.select_for_update().get_or_create(pk=1)
        first = max(cursor.bucket + 1, horizon - BUFFER_TIMEOUT // BUCKET_SECONDS)
        batches = _read_slots(range(first, horizon + 1))
        events = [event for batch in batches.values() for event in batch]
        if events:
            _count(events)
        _forget_old_visitors(timezone.localdate())
        if horizon > cursor.bucket:
            cursor.bucket = horizon
            cursor.save(update_fields=["bucket"])
    if batches:
        cache.delete_many(list(batches))
    return FlushReport(batches=len(batches), events=len(events), up_to_bucket=cursor.bucket)


def _read_slots(buckets: range) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = {}
    keys = [slot_key(bucket, slot) for bucket in buckets for slot in range(SLOTS)]
    for start in range(0, len(keys), KEYS_PER_READ):
        found.update(cache.get_many(keys[start : start + KEYS_PER_READ]))
    return found


def _count(events: list[Event]) -> None:
    views: Counter[tuple[date, int]] = Counter()
    seen: set[tuple[date, int, str]] = set()
    for day_iso, article, digest in events:
        day = date.fromisoformat(day_iso)
        for scope in {SITE_SCOPE, article}:
            views[day, scope] += 1
            seen.add((day, scope, digest))
    AudienceVisitor.objects.bulk_create(
        [AudienceVisitor(day=day, scope=scope, digest=digest) for day, scope, digest in seen],
        ignore_conflicts=True,
        batch_size=500,
    )
    days = {day for day, _ in views}
    scopes = {scope for _, scope in views}
    visitors = {
        (row["day"], row["scope"]): row["n"]
        for row in AudienceVisitor.objects.filter(day__in=days, scope__in=scopes)
        .values("day", "scope")
        .annotate(n=Count("pk"))
    }
    _add_site_days(views, visitors)
    _add_article_days(views, visitors)


def _add_site_days(views: Counter, visitors: dict) -> None:
    totals = {key[0]: n for key, n in views.items() if key[1] == SITE_SCOPE}
    existing = {row.day: row for row in AudienceDay.objects.filter(day__in=totals)}
    rows = []
    for day, n in totals.items():
        row = existing.get(day) or AudienceDay(day=day)
        row.page_views += n
        row.visitors = visitors.get((day, SITE_SCOPE), 0)
        rows.append(row)
    AudienceDay.objects.bulk_update([r for r in rows if r.pk], ["page_views", "visitors"])
    AudienceDay.objects.bulk_create([r for r in rows if not r.pk])


def _add_article_days(views: Counter, visitors: dict) -> None:
    totals = {key: n for key, n in views.items() if key[1] != SITE_SCOPE}
    if not totals:
        return
    live = set(Article.objects.filter(pk__in={pk for _, pk in totals}).values_list("pk", flat=True))
    totals = {key: n for key, n in totals.items() if key[1] in live}
    existing = {
        (row.day, row.article_id): row
        for row in ArticleAudienceDay.objects.filter(
            day__in={day for day, _ in totals}, article_id__in=live
        )
    }
    rows = []
    for (day, pk), n in totals.items():
        row = existing.get((day, pk)) or ArticleAudienceDay(day=day, article_id=pk)
        row.page_views += n
        row.visitors = visitors.get((day, pk), 0)
        rows.append(row)
    ArticleAudienceDay.objects.bulk_update(
        [r for r in rows if r.pk], ["page_views", "visitors"], batch_size=500
    )
    ArticleAudienceDay.objects.bulk_create([r for r in rows if not r.pk], batch_size=500)


def _forget_old_visitors(today: date) -> None:
    AudienceVisitor.objects.filter(day__lt=today - timedelta(days=1)).delete()
