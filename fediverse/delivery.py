"""Handing activities to inboxes: each `Delivery` row posted, signed, until sent or given up.

The protocol, as the newsletter's (newsletter.sending):

1. `services.activity_send` stores one row per distinct inbox, unique per (activity, inbox).
2. A worker *claims* a batch of due rows (pending, next attempt time come, no live claim) by
   setting their `claimed_until` to the end of its lease, a value of its own (random
   microseconds) that then serves as its token. PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED`,
   so two workers never pick the same rows; SQLite serialises writers, and the UPDATE repeats
   the conditions, so the second of two workers claims nothing it did not see free.
3. It posts each row of the batch and records the outcome right after, in its own commit,
   guarded by its token.

The one window no local transaction can close is between the remote server accepting the POST
and the commit that records it. A worker killed there leaves the row claimed; once its lease
(`FEDIVERSE_LEASE_SECONDS`) has passed, the row is claimed again and posted again: at least
once, never a missing copy. The second copy carries the same activity and object ids, which
receivers recognise (Mastodon finds the object already known and does nothing), so no reader
sees it twice. Kills anywhere else —
between rows, between batches, with rows claimed and not yet posted — give exactly one POST.

Outcomes: 2xx, sent. 4xx other than 429, refused for good (given up); 410 Gone also removes
the followers behind that inbox. 429, 5xx and network errors: tried again after
`FEDIVERSE_RETRY_BASE_SECONDS` × 4ⁿ (at most `FEDIVERSE_RETRY_MAX_SECONDS`), until the activity
is `FEDIVERSE_GIVE_UP_DAYS` old, then given up.

Dead servers: the first failure of a host opens its failing streak (kept in the shared cache,
ended by any success); once the streak is `FEDIVERSE_DEAD_INBOX_DAYS` old, that host's rows are
given up without a request, except one try a day that can end the streak. The cache, not a
table: losing it only means a dead server is tried again for a while.

Memory stays flat: one batch of rows in memory at a time, and each activity's body once.
"""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import Min, Q, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from fediverse import net, signatures, uris
from fediverse.models import Delivery, Follower, OutgoingActivity

logger = logging.getLogger(__name__)

ACTIVITY_JSON = "application/activity+json"
DAY = 24 * 3600
FAILING_KEY = "fediverse:failing:{host}"
PROBE_KEY = "fediverse:probe:{host}"
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class _Outcome:
    status: str  # "sent", "gone", "refused" or "retry"
    error: str = ""


def deliver_due(*, activity_id: int | None = None) -> int:
    """Post every due row (of one activity, or all), batch after batch; returns how many were
    sent. Does nothing while federation is off: the rows wait."""
    if not settings.FEDIVERSE_ENABLED:
        return 0
    size = max(1, settings.FEDIVERSE_BATCH_SIZE)
    sent = 0
    while batch := _claim(activity_id, size):
        sent += _send_batch(batch)
    return sent


def next_attempt_at(*, activity_id: int | None = None) -> datetime | None:
    """When the next pending row of the activity (or of any) may be tried: a retry's time, or
    the end of a claim that a worker might not honour."""
    pending = Delivery.objects.filter(status=Delivery.Status.PENDING)
    if activity_id is not None:
        pending = pending.filter(activity_id=activity_id)
    # A row may be tried once both its retry time and its claim are over.
    free_at = Greatest(
        Coalesce("next_attempt_at", Value(EPOCH)), Coalesce("claimed_until", Value(EPOCH))
    )
    return pending.aggregate(at=Min(free_at))["at"]


def has_pending() -> bool:
    return Delivery.objects.filter(status=Delivery.Status.PENDING).exists()


def activity_body(activity: OutgoingActivity) -> bytes:
    """The bytes posted to every inbox (the same for all, so their digests match)."""
    return json.dumps(activity.payload, ensure_ascii=False, separators=(",", ":")).encode()


def _due(now: datetime):
    return Delivery.objects.filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
        status=Delivery.Status.PENDING,
    )


def _claim(activity_id: int | None, size: int) -> list[Delivery]:
    now = timezone.now()
    lease = timedelta(seconds=settings.FEDIVERSE_LEASE_SECONDS)
    token = now + lease + timedelta(microseconds=secrets.randbelow(1_000_000))
    due = _due(now)
    if activity_id is not None:
        due = due.filter(activity_id=activity_id)
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return []
        _due(now).filter(pk__in=ids).update(claimed_until=token)
    return list(
        Delivery.objects.filter(pk__in=ids, claimed_until=token)
        .only("pk", "activity_id", "inbox", "attempts", "claimed_until")
        .order_by("pk")
    )


def _send_batch(batch: list[Delivery]) -> int:
    activities = {
        activity.pk: (activity, activity_body(activity))
        for activity in OutgoingActivity.objects.filter(
            pk__in={row.activity_id for row in batch}
        ).select_related("actor")
    }
    sent = 0
    for row in batch:
        activity, body = activities[row.activity_id]
        host = urlsplit(row.inbox).netloc
        if _dead(host):
            outcome = _Outcome("refused", "server failing for days: skipped")
        else:
            outcome = _post(row.inbox, activity, body)
            _remember(host, outcome)
        _record(row, activity, outcome)
        sent += outcome.status == "sent"
    return sent


def _post(inbox: str, activity: OutgoingActivity, body: bytes) -> _Outcome:
    target = urlsplit(inbox)
    headers = signatures.sign(
        method="POST",
        path=(target.path or "/") + (f"?{target.query}" if target.query else ""),
        host=target.netloc,
        key_id=uris.key_id(activity.actor),
        private_key_pem=activity.actor.private_key_pem,
        body=body,
    )
    headers["Content-Type"] = ACTIVITY_JSON
    try:
        answer = net.request("POST", inbox, headers=headers, body=body, status_only=True)
    except net.Refused as error:
        return _Outcome("retry", str(error))
    if 200 <= answer.status < 300:
        return _Outcome("sent")
    error = f"HTTP {answer.status}"
    if answer.status == 410:
        return _Outcome("gone", error)
    if 400 <= answer.status < 500 and answer.status != 429:
        return _Outcome("refused", error)
    return _Outcome("retry", error)


def _record(row: Delivery, activity: OutgoingActivity, outcome: _Outcome) -> None:
    """The row's new state, in its own commit, if the claim is still this worker's."""
    now = timezone.now()
    mine = Delivery.objects.filter(pk=row.pk, claimed_until=row.claimed_until)
    changes = {"attempts": row.attempts + 1, "last_error": outcome.error[:300]}
    if outcome.status == "sent":
        changes.update(status=Delivery.Status.SENT, sent_at=now, claimed_until=None)
    elif outcome.status == "retry" and now < _give_up_at(activity):
        delay = settings.FEDIVERSE_RETRY_BASE_SECONDS * 4 ** (changes["attempts"] - 1)
        delay = min(delay, settings.FEDIVERSE_RETRY_MAX_SECONDS)
        retry_at = min(now + timedelta(seconds=delay), _give_up_at(activity))
        changes.update(next_attempt_at=retry_at, claimed_until=None)
    else:
        changes.update(status=Delivery.Status.GIVEN_UP, claimed_until=None)
    if not mine.update(**changes):
        logger.warning("Delivery %s: claim lost before its outcome was recorded", row.pk)
        return
    if outcome.status == "gone":
        # The account (or server) behind this inbox is no more: it follows no one here.
        Follower.objects.filter(
            Q(remote__inbox=row.inbox) | Q(remote__shared_inbox=row.inbox)
        ).delete()
    if outcome.status != "sent":
        logger.info("Delivery %s to %s: %s", row.pk, row.inbox, outcome.error)


def _give_up_at(activity: OutgoingActivity) -> datetime:
    return activity.created_at + timedelta(days=settings.FEDIVERSE_GIVE_UP_DAYS)


def _dead(host: str) -> bool:
    since = cache.get(FAILING_KEY.format(host=host))
    now = timezone.now().timestamp()
    if since is None or now - since < settings.FEDIVERSE_DEAD_INBOX_DAYS * DAY:
        return False
    # A dead server is still tried once a day, so that it can come back (times are kept in
    # the values: a cache's own expiry follows another clock than the database's).
    last_try = cache.get(PROBE_KEY.format(host=host))
    if last_try is not None and now - last_try < DAY:
        return True
    cache.set(PROBE_KEY.format(host=host), now, _keep())
    return False


def _remember(host: str, outcome: _Outcome) -> None:
    key = FAILING_KEY.format(host=host)
    if outcome.status == "retry":
        cache.add(key, timezone.now().timestamp(), _keep())
    else:  # it answered: whatever it said, it is alive
        cache.delete(key)


def _keep() -> int:
    return (settings.FEDIVERSE_DEAD_INBOX_DAYS + 30) * DAY
