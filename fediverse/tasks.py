"""Background deliveries: thin tasks taking primary keys."""

from __future__ import annotations

from django_tasks import task

from fediverse import delivery


@task(queue_name="fediverse")
def deliver_activity(*, activity_id: int) -> None:
    delivery.deliver_pending(activity_id=activity_id)
