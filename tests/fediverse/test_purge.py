"""Old fediverse records are forgotten by the daily purge; what the outboxes show stays."""

import io
from datetime import timedelta

import time_machine
from django.core.management import call_command
from django.utils import timezone

from fediverse import services
from fediverse.models import Delivery, IncomingActivity, OutgoingActivity


def _activity(inboxes):
    return services.activity_send(
        actor=services.site_actor_get(), type="Create", object={"type": "Note"}, inboxes=inboxes
    )


def test_old_received_activities_and_finished_deliveries_are_purged(db):
    start = timezone.now()
    with time_machine.travel(start - timedelta(days=40), tick=False):
        old = _activity(
            ["https://a.example/inbox", "https://b.example/inbox", "https://c.example/inbox"]
        )
        old.deliveries.filter(inbox__contains="a.example").update(status=Delivery.Status.SENT)
        old.deliveries.filter(inbox__contains="b.example").update(status=Delivery.Status.GIVEN_UP)
        IncomingActivity.objects.create(
            activity_id="https://a.example/1", actor_uri="https://a.example/users/ana", type="Like"
        )
    recent = _activity(["https://a.example/inbox"])
    recent.deliveries.update(status=Delivery.Status.SENT)
    IncomingActivity.objects.create(
        activity_id="https://a.example/2", actor_uri="https://a.example/users/ana", type="Like"
    )

    output = io.StringIO()
    call_command("purge_fediverse", stdout=output)
    assert "Received activities deleted: 1; finished deliveries: 2." in output.getvalue()

    assert list(IncomingActivity.objects.values_list("activity_id", flat=True)) == [
        "https://a.example/2"
    ]
    # The old activity's pending delivery stays, as do both activities.
    assert list(old.deliveries.values_list("inbox", flat=True)) == ["https://c.example/inbox"]
    assert recent.deliveries.count() == 1
    assert OutgoingActivity.objects.count() == 2
