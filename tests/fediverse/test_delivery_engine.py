"""The delivery engine: batches claimed with a lease, retries with back-off, giving up, dead
servers, and resuming after a worker died."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks import default_task_backend

from fediverse import delivery, services, tasks
from fediverse.models import Delivery, Follower
from tests.fediverse import inbox_server


@pytest.fixture
def inboxes(settings):
    found, stop = inbox_server.start()
    settings.FEDIVERSE_ENABLED = True
    settings.FEDIVERSE_PRIVATE_HOSTS_ALLOWED = [found.host]
    yield found
    stop()


def _send(inboxes, paths):
    """An activity stored with one row per path, not delivered yet (no commit in these tests)."""
    return services.activity_send(
        actor=services.site_actor_get(),
        type="Create",
        object={"type": "Note"},
        inboxes=[inboxes.url(path) for path in paths],
    )


def _row(activity, inboxes, path) -> Delivery:
    return activity.deliveries.get(inbox=inboxes.url(path))


def test_a_failing_inbox_is_retried_later_and_later_then_given_up(db, inboxes):
    inboxes.statuses["/s1/inbox"] = 503
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        activity = _send(inboxes, ["/s1/inbox", "/s2/inbox"])
        assert delivery.deliver_due() == 1
    row = _row(activity, inboxes, "/s1/inbox")
    assert (row.status, row.attempts, row.last_error) == ("pending", 1, "HTTP 503")
    assert row.next_attempt_at == start + timedelta(minutes=1)

    with time_machine.travel(start + timedelta(seconds=30), tick=False):
        assert delivery.deliver_due() == 0  # not due yet: nothing posted
    assert inboxes.paths().count("/s1/inbox") == 1

    delays = []
    at = start
    row.refresh_from_db()
    while row.status == "pending":
        at = row.next_attempt_at
        with time_machine.travel(at, tick=False):
            delivery.deliver_due()
        row.refresh_from_db()
        delays.append((row.next_attempt_at or at) - at)
    assert delays[:4] == [timedelta(minutes=m) for m in (4, 16, 64, 256)]
    assert timedelta(hours=12) in delays  # at most 12 h between tries
    assert row.status == "given_up"
    assert at == activity.created_at + timedelta(days=3)  # the last try, three days on
    assert inboxes.paths().count("/s2/inbox") == 1  # the good inbox got it once


def test_too_many_requests_is_retried_other_refusals_are_final(db, inboxes):
    inboxes.statuses.update({"/s1/inbox": 429, "/s2/inbox": 403, "/s3/inbox": 400})
    activity = _send(inboxes, ["/s1/inbox", "/s2/inbox", "/s3/inbox"])
    delivery.deliver_due()
    statuses = dict(activity.deliveries.values_list("inbox", "status"))
    assert statuses == {
        inboxes.url("/s1/inbox"): "pending",
        inboxes.url("/s2/inbox"): "given_up",
        inboxes.url("/s3/inbox"): "given_up",
    }


def test_an_inbox_that_is_gone_loses_its_followers(db, inboxes):
    site = services.site_actor_get()
    gone = inboxes.follower(site, server="s1", name="partie", shared=False)
    kept = inboxes.follower(site, server="s2", name="restee")
    inboxes.statuses[gone.remote.inbox.split(inboxes.host)[1]] = 410
    activity = services.activity_send(
        actor=site, type="Create", object={}, inboxes=services.follower_inboxes(actor=site)
    )
    delivery.deliver_due()
    assert list(Follower.objects.all()) == [kept]
    assert activity.deliveries.get(inbox=gone.remote.inbox).status == "given_up"


def test_a_worker_killed_mid_batch_is_resumed_without_sending_twice(db, inboxes, settings):
    """Rows it had marked sent stay sent; rows it held are posted once its lease is over."""
    activity = _send(inboxes, [f"/s{i}/inbox" for i in range(6)])
    rows = list(activity.deliveries.order_by("pk"))
    now = timezone.now()
    # The dead worker had posted and recorded two rows, and held the other four.
    Delivery.objects.filter(pk__in=[r.pk for r in rows[:2]]).update(status="sent", sent_at=now)
    held = Delivery.objects.filter(pk__in=[r.pk for r in rows[2:]])
    held.update(claimed_until=now + timedelta(seconds=settings.FEDIVERSE_LEASE_SECONDS))

    assert delivery.deliver_due() == 0  # still held: nobody else takes them
    assert inboxes.received == []

    lease_over = now + timedelta(seconds=settings.FEDIVERSE_LEASE_SECONDS + 1)
    with time_machine.travel(lease_over, tick=False):
        assert delivery.deliver_due() == 4
    assert inboxes.paths() == [f"/s{i}/inbox" for i in range(2, 6)]
    assert set(activity.deliveries.values_list("status", flat=True)) == {"sent"}
    assert delivery.deliver_due() == 0


def test_two_workers_never_claim_the_same_rows(db, inboxes, settings):
    settings.FEDIVERSE_BATCH_SIZE = 3
    _send(inboxes, [f"/s{i}/inbox" for i in range(5)])
    first = delivery._claim(None, 3)
    second = delivery._claim(None, 3)
    third = delivery._claim(None, 3)
    assert len(first) == 3 and len(second) == 2 and third == []
    assert not {r.pk for r in first} & {r.pk for r in second}


def test_an_outcome_is_not_recorded_by_a_worker_that_lost_its_claim(db, inboxes):
    activity = _send(inboxes, ["/s1/inbox"])
    [row] = delivery._claim(None, 10)
    # Its lease ran out and another worker claimed the row meanwhile.
    Delivery.objects.filter(pk=row.pk).update(claimed_until=timezone.now() + timedelta(hours=1))
    delivery._record(row, activity, delivery._Outcome("sent"))
    assert Delivery.objects.get(pk=row.pk).status == "pending"


def test_a_server_failing_for_days_is_skipped_but_tried_once_a_day(db, inboxes):
    inboxes.statuses["/s1/inbox"] = 502
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        delivery.deliver_due(activity_id=_send(inboxes, ["/s1/inbox"]).pk)
    days_later = start + timedelta(days=3, minutes=1)
    with time_machine.travel(days_later, tick=False):
        probe = _send(inboxes, ["/s1/inbox"])
        delivery.deliver_due(activity_id=probe.pk)  # the day's one try
        skipped = _send(inboxes, ["/s1/inbox"])
        delivery.deliver_due(activity_id=skipped.pk)
    assert inboxes.paths().count("/s1/inbox") == 2
    row = skipped.deliveries.get()
    assert row.status == "given_up" and "skipped" in row.last_error

    inboxes.statuses["/s1/inbox"] = 202  # it came back: the next day's try ends the streak
    with time_machine.travel(days_later + timedelta(days=1, minutes=1), tick=False):
        delivery.deliver_due(activity_id=probe.pk)
        later = _send(inboxes, ["/s1/inbox"])
        delivery.deliver_due(activity_id=later.pk)
    assert later.deliveries.get().status == "sent"


def test_queries_per_batch_are_bounded(db, inboxes, settings):
    settings.FEDIVERSE_BATCH_SIZE = 10

    def queries_for(count: int) -> int:
        Delivery.objects.all().delete()
        _send(inboxes, [f"/n{count}s{i}/inbox" for i in range(count)])
        with CaptureQueriesContext(connection) as captured:
            assert delivery.deliver_due() == count
        return len(captured)

    ten, twenty = queries_for(10), queries_for(20)
    # A batch: its claim (4), its rows and its activities (2), then one commit per row to
    # record it; and a last claim that finds nothing (3).
    assert ten <= 6 + 10 + 3
    assert twenty - ten <= 6 + 10


def test_rows_wait_while_federation_is_off(db, inboxes, settings):
    activity = _send(inboxes, ["/s1/inbox"])
    settings.FEDIVERSE_ENABLED = False
    assert delivery.deliver_due() == 0
    assert inboxes.received == []
    assert activity.deliveries.get().status == "pending"


def test_the_worker_comes_back_for_retries_and_a_watchdog_resumes_stalled_rows(db, inboxes):
    inboxes.statuses["/s1/inbox"] = 500
    start = timezone.now()
    deferring = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend", "QUEUES": []}}
    with override_settings(TASKS=deferring), time_machine.travel(start, tick=False):
        activity = _send(inboxes, ["/s1/inbox", "/s2/inbox"])
        tasks.deliver_activity.call(activity_id=activity.pk)
        scheduled = {r.task.name: r.task.run_after for r in default_task_backend.results}
        assert scheduled == {
            "watch_deliveries": start + timedelta(seconds=300),
            "deliver_activity": start + timedelta(minutes=1),  # the failed row's retry
        }
        # A second delivery task does not start a second watchdog.
        default_task_backend.clear()
        tasks.deliver_activity.call(activity_id=activity.pk)
        assert "watch_deliveries" not in {r.task.name for r in default_task_backend.results}

    cache.clear()  # the watchdog's key has expired by the time it runs
    with override_settings(TASKS=deferring), time_machine.travel(start + timedelta(minutes=5)):
        default_task_backend.clear()
        tasks.watch_deliveries.call()
        names = sorted(r.task.name for r in default_task_backend.results)
    assert names == ["deliver_all", "watch_deliveries"]  # a row is still pending

    inboxes.statuses["/s1/inbox"] = 202
    with time_machine.travel(start + timedelta(minutes=5)):
        tasks.deliver_all.call()
    assert set(activity.deliveries.values_list("status", flat=True)) == {"sent"}
    with override_settings(TASKS=deferring):
        default_task_backend.clear()
        tasks.watch_deliveries.call()
        assert default_task_backend.results == []  # nothing pending: the watchdog stops
