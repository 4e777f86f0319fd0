"""Background work on what other servers send: thin tasks taking primary keys."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from fediverse import receiving, replies
from fediverse.models import IncomingActivity


@task(queue_name="fediverse")
def receive_activity(*, incoming_id: int) -> None:
    may_wait = receive_activity.get_backend().supports_defer
    incoming = receiving.activity_receive(incoming_id=incoming_id, may_wait=may_wait)
    if incoming is not None and incoming.status == IncomingActivity.Status.RECEIVED:
        # Its sender's server did not answer: again after as long as it has waited (1 min to 1 h).
        waited = (timezone.now() - incoming.received_at).total_seconds()
        later = timezone.now() + timedelta(seconds=min(3600, max(60, waited)))
        receive_activity.using(run_after=later).enqueue(incoming_id=incoming_id)


@task(queue_name="fediverse")
def send_reply(*, comment_id: int) -> None:
    replies.reply_send(comment_id=comment_id)
