"""Background work on what other servers send: thin tasks taking primary keys."""

from __future__ import annotations

from django_tasks import task

from fediverse import receiving, replies


@task(queue_name="fediverse")
def receive_activity(*, incoming_id: int) -> None:
    receiving.activity_receive(incoming_id=incoming_id)


@task(queue_name="fediverse")
def send_reply(*, comment_id: int) -> None:
    replies.reply_send(comment_id=comment_id)
