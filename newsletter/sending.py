"""Sending an edition exactly once per confirmed subscriber, across crashes and workers.

The unit of work is a `Delivery` row, unique per (edition, subscriber):

1. `edition_start_sending` creates the rows of every confirmed subscriber in keyset batches
   (`bulk_create(ignore_conflicts=True)`: starting twice adds nothing).
2. A worker *claims* a batch: pending → sending with its own token, in one short transaction
   (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so two workers never claim the same rows;
   SQLite serialises writers with IMMEDIATE transactions).
3. It sends each message of the batch over one connection and marks that row sent right after
   the transport accepted it, in its own commit.

The one window that no local transaction can close is between the transport accepting a
message and the commit that records it. We choose *at-least-once* for it: a row left in
"sending" by a worker that died is given back to the queue once its lease
(`NEWSLETTER_LEASE_SECONDS`) has passed, so a worker killed in that window (a few hundred
microseconds per message) may cause one duplicate for one subscriber, never a missing copy.
Everything outside that window — kills between batches, kills while a batch is claimed but not
yet sent, two workers at once — yields exactly one copy each.

Failures are recorded on the row and retried with exponential back-off up to
`NEWSLETTER_MAX_ATTEMPTS`; memory stays flat because only one batch is in memory at a time.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.crypto import get_random_string

from newsletter.emails import EditionMessages
from newsletter.models import Delivery, Edition, Subscriber

logger = logging.getLogger(__name__)

CREATE_CHUNK = 2000


def edition_start_sending(*, edition_id: int) -> bool:
    """Scheduled (time come) → sending, with one delivery row per confirmed subscriber.

    Returns True when the edition is (now) sending; False when it was unscheduled, moved to a
    later time, or is already sent.
    """
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition_id)
        if edition.status == Edition.Status.SENDING:
            return True
        if edition.status != Edition.Status.SCHEDULED:
            return False
        if edition.scheduled_at and edition.scheduled_at > timezone.now():
            return False
        now = timezone.now()
        last_pk = 0
        while True:
            chunk = list(
                Subscriber.objects.confirmed()
                .filter(pk__gt=last_pk)
                .order_by("pk")
                .values_list("pk", flat=True)[:CREATE_CHUNK]
            )
            if not chunk:
                break
            Delivery.objects.bulk_create(
                [Delivery(edition_id=edition.pk, subscriber_id=pk) for pk in chunk],
                ignore_conflicts=True,
            )
            last_pk = chunk[-1]
        edition.status = Edition.Status.SENDING
        edition.started_at = now
        edition.heartbeat_at = now
        edition.recipients_count = edition.deliveries.count()
        edition.save(update_fields=["status", "started_at", "heartbeat_at", "recipients_count"])
    return True


def edition_send_pending(*, edition_id: int) -> str:
    """Send every delivery that can be sent now; returns "sent", "waiting" or "idle".

    "waiting": rows remain (retries due later, or rows another worker holds); the caller
    decides when to come back.
    """
    edition = Edition.objects.get(pk=edition_id)
    if edition.status != Edition.Status.SENDING:
        return "idle"
    worker = get_random_string(16)
    messages = EditionMessages(edition)
    size = max(1, settings.NEWSLETTER_BATCH_SIZE)
    rate = settings.NEWSLETTER_SEND_RATE
    while True:
        started = time.monotonic()
        _release_stale_claims(edition_id)
        batch = _claim(edition_id, worker, size)
        if not batch:
            return "sent" if _finish_if_done(edition_id) else "waiting"
        _send_batch(batch, worker, messages)
        Edition.objects.filter(pk=edition_id).update(heartbeat_at=timezone.now())
        if rate:
            time.sleep(max(0.0, len(batch) / rate - (time.monotonic() - started)))


def next_retry_at(edition_id: int):
    """When the earliest delayed retry of this edition is due (None if none)."""
    return Delivery.objects.filter(
        edition_id=edition_id, status=Delivery.Status.PENDING, next_attempt_at__isnull=False
    ).aggregate(at=Min("next_attempt_at"))["at"]


def edition_progress(edition: Edition) -> dict[str, int]:
    counts = dict(
        edition.deliveries.values_list("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return {
        "total": sum(counts.values()),
        "sent": counts.get(Delivery.Status.SENT, 0),
        "failed": counts.get(Delivery.Status.FAILED, 0),
        "skipped": counts.get(Delivery.Status.SKIPPED, 0),
    }


def _claim(edition_id: int, worker: str, size: int) -> list[Delivery]:
    now = timezone.now()
    with transaction.atomic():
        due = Delivery.objects.filter(
            Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now),
            edition_id=edition_id,
            status=Delivery.Status.PENDING,
        ).order_by("pk")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        ids = list(due.values_list("pk", flat=True)[:size])
        if not ids:
            return []
        Delivery.objects.filter(pk__in=ids, status=Delivery.Status.PENDING).update(
            status=Delivery.Status.SENDING, claimed_by=worker, claimed_at=now
        )
    return list(
        Delivery.objects.filter(pk__in=ids, claimed_by=worker, status=Delivery.Status.SENDING)
        .select_related("subscriber")
        .only("pk", "attempts", "subscriber__id", "subscriber__email", "subscriber__status")
        .order_by("pk")
    )


def _send_batch(batch: list[Delivery], worker: str, messages: EditionMessages) -> None:
    mine = Delivery.objects.filter(claimed_by=worker, status=Delivery.Status.SENDING)
    with get_connection() as smtp:
        for delivery in batch:
            subscriber = delivery.subscriber
            if subscriber.status != Subscriber.Status.CONFIRMED:
                mine.filter(pk=delivery.pk).update(status=Delivery.Status.SKIPPED)
                continue
            try:
                messages.for_subscriber(subscriber, smtp).send()
            except Exception as exc:  # noqa: BLE001 — any transport error is recorded and retried
                _record_failure(delivery, worker, exc)
                continue
            _mark_sent(delivery.pk, worker)


def _mark_sent(delivery_id: int, worker: str) -> None:
    # Plain SQL in autocommit: this runs once per message, right after the transport accepted
    # it, and its commit is what closes the at-least-once window described above.
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Delivery._meta.db_table} SET status = %s, sent_at = %s, "
            "attempts = attempts + 1, last_error = '' WHERE id = %s AND claimed_by = %s",
            [Delivery.Status.SENT.value, timezone.now(), delivery_id, worker],
        )


def _record_failure(delivery: Delivery, worker: str, exc: Exception) -> None:
    attempts = delivery.attempts + 1
    final = attempts >= settings.NEWSLETTER_MAX_ATTEMPTS
    delay = settings.NEWSLETTER_RETRY_BASE_SECONDS * 2 ** (attempts - 1)
    logger.warning("Delivery %s failed (attempt %s): %s", delivery.pk, attempts, exc)
    Delivery.objects.filter(pk=delivery.pk, claimed_by=worker).update(
        status=Delivery.Status.FAILED if final else Delivery.Status.PENDING,
        attempts=attempts,
        next_attempt_at=None if final else timezone.now() + timedelta(seconds=delay),
        last_error=f"{type(exc).__name__}: {exc}"[:2000],
        claimed_by="",
    )


def _release_stale_claims(edition_id: int) -> int:
    """Give back rows held by a worker that stopped answering (at-least-once, see above)."""
    cutoff = timezone.now() - timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
    released = Delivery.objects.filter(
        edition_id=edition_id, status=Delivery.Status.SENDING, claimed_at__lt=cutoff
    ).update(status=Delivery.Status.PENDING, claimed_by="")
    if released:
        logger.warning("Edition %s: %s stale deliveries given back", edition_id, released)
    return released


def _finish_if_done(edition_id: int) -> bool:
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition_id)
        if edition.status != Edition.Status.SENDING:
            return edition.status == Edition.Status.SENT
        if edition.deliveries.filter(
            status__in=[Delivery.Status.PENDING, Delivery.Status.SENDING]
        ).exists():
            return False
        edition.status = Edition.Status.SENT
        edition.sent_at = timezone.now()
        edition.save(update_fields=["status", "sent_at"])
    return True
