"""Background work of the fediverse side: thin tasks taking primary keys.

`deliver_activity` posts an activity's due deliveries and comes back when its next retry is
due. A watchdog, `watch_deliveries`, comes back every half lease while any delivery is pending
and starts a pass over all of them: that is what resumes the work of a worker killed
mid-delivery (its task is never run again; its claimed rows are free once their lease is over).
One watchdog at a time: each one is scheduled through a cache key that lives a little less
than its interval. Backends that cannot defer work (the immediate backend of the tests) run
without retries nor watchdog.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django_tasks import task

from fediverse import delivery

WATCH_KEY = "fediverse:watchdog"


@task(queue_name="fediverse")
def deliver_activity(*, activity_id: int) -> None:
    _watch_soon()
    delivery.deliver_due(activity_id=activity_id)
    _come_back(activity_id)


@task(queue_name="fediverse")
def deliver_all() -> None:
    delivery.deliver_due()


@task(queue_name="fediverse", priority=20)
def watch_deliveries() -> None:
    if not (settings.FEDIVERSE_ENABLED and delivery.has_pending()):
        return
    _watch_soon()
    deliver_all.enqueue()


@task(queue_name="fediverse")
def sync_article(*, article_id: int, reason: str) -> None:
    # fediverse.publishing enqueues this task: imported when it runs.
    from fediverse.publishing import article_sync

    article_sync(article_id=article_id, reason=reason)


def _come_back(activity_id: int) -> None:
    if not _can_defer():
        return
    at = delivery.next_attempt_at(activity_id=activity_id)
    if at is not None:
        deliver_activity.using(run_after=max(at, timezone.now())).enqueue(activity_id=activity_id)


def _watch_soon() -> None:
    interval = max(1, settings.FEDIVERSE_LEASE_SECONDS // 2)
    if _can_defer() and cache.add(WATCH_KEY, True, max(1, interval - 1)):
        at = timezone.now() + timedelta(seconds=interval)
        watch_deliveries.using(run_after=at).enqueue()


def _can_defer() -> bool:
    return deliver_activity.get_backend().supports_defer
