"""Background work of the newsletter: thin tasks taking primary keys, calling services and
the e-mail builders of `newsletter.emails`.

Sending an edition is one long task per worker (`NEWSLETTER_PARALLEL_SENDS` of them); a
watchdog task, re-enqueued while the edition is sending, resumes the send when no worker has
shown a sign of life for a lease (a worker killed mid-send, its machine gone…). Backends that
cannot defer work (the immediate backend of the tests) run without the watchdog.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from newsletter import emails, sending
from newsletter.models import Edition, Subscriber


@task(queue_name="newsletter", priority=50)
def send_subscriber_email(*, subscriber_id: int, kind: str) -> None:
    subscriber = Subscriber.objects.filter(pk=subscriber_id).first()
    message = emails.subscriber_message(subscriber, kind) if subscriber else None
    if message is not None:
        message.send()


@task(queue_name="newsletter", priority=50)
def send_edition_test(*, edition_id: int, to: str) -> None:
    edition = Edition.objects.get(pk=edition_id)
    emails.edition_test_message(edition, to).send()


@task(queue_name="newsletter")
def start_edition(*, edition_id: int) -> None:
    if not sending.edition_start_sending(edition_id=edition_id):
        return
    if _can_defer():
        watch_edition.using(run_after=_lease_from_now()).enqueue(edition_id=edition_id)
        for _ in range(settings.NEWSLETTER_PARALLEL_SENDS - 1):
            send_edition.enqueue(edition_id=edition_id)
    _send(edition_id)


@task(queue_name="newsletter")
def send_edition(*, edition_id: int) -> None:
    _send(edition_id)


@task(queue_name="newsletter", priority=20)
def watch_edition(*, edition_id: int) -> None:
    edition = Edition.objects.get(pk=edition_id)
    if edition.status != Edition.Status.SENDING:
        return
    watch_edition.using(run_after=_lease_from_now()).enqueue(edition_id=edition_id)
    lease = timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS)
    now = timezone.now()
    silent = Edition.objects.filter(
        pk=edition_id, status=Edition.Status.SENDING, heartbeat_at__lt=now - lease
    ).update(heartbeat_at=now)
    if silent:
        for _ in range(settings.NEWSLETTER_PARALLEL_SENDS):
            send_edition.enqueue(edition_id=edition_id)


def enqueue_start(*, edition_id: int, at: datetime) -> None:
    """Start the edition at `at`: deferred where the backend can, else now (it checks the time)."""
    if at > timezone.now() and _can_defer():
        start_edition.using(run_after=at).enqueue(edition_id=edition_id)
    else:
        start_edition.enqueue(edition_id=edition_id)


def _send(edition_id: int) -> None:
    if sending.edition_send_pending(edition_id=edition_id) != "waiting" or not _can_defer():
        return
    retry_at = sending.next_retry_at(edition_id)
    if retry_at is not None:
        send_edition.using(run_after=retry_at).enqueue(edition_id=edition_id)


def _can_defer() -> bool:
    return start_edition.get_backend().supports_defer


def _lease_from_now() -> datetime:
    return timezone.now() + timedelta(seconds=max(1, settings.NEWSLETTER_LEASE_SECONDS // 2))
