"""Handing an activity to each inbox: one signed POST per pending `Delivery` row."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

from django.utils import timezone

from fediverse import net, signatures, uris
from fediverse.models import Delivery, OutgoingActivity

ACTIVITY_JSON = "application/activity+json"


def deliver_pending(*, activity_id: int) -> None:
    activity = OutgoingActivity.objects.select_related("actor").get(pk=activity_id)
    body = activity_body(activity)
    pending = activity.deliveries.filter(status=Delivery.Status.PENDING)
    for row in pending:
        _deliver(row, activity, body)


def _deliver(row: Delivery, activity: OutgoingActivity, body: bytes) -> None:
    target = urlsplit(row.inbox)
    headers = signatures.sign(
        method="POST",
        path=target.path or "/",
        host=target.netloc,
        key_id=uris.key_id(activity.actor),
        private_key_pem=activity.actor.private_key_pem,
        body=body,
    )
    headers["Content-Type"] = ACTIVITY_JSON
    row.attempts += 1
    try:
        answer = net.request("POST", row.inbox, headers=headers, body=body, max_bytes=64 * 1024)
    except net.Refused as error:
        row.last_error = str(error)[:300]
    else:
        if 200 <= answer.status < 300:
            row.status, row.sent_at, row.last_error = Delivery.Status.SENT, timezone.now(), ""
        else:
            row.last_error = f"HTTP {answer.status}"
    row.save(update_fields=["attempts", "status", "sent_at", "last_error"])


def activity_body(activity: OutgoingActivity) -> bytes:
    """The bytes posted to every inbox (the same for all, so their digests match)."""
    return json.dumps(activity.payload, ensure_ascii=False, separators=(",", ":")).encode()
