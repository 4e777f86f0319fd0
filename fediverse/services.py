"""State changes of the fediverse side of the blog: actors' keys, activities sent, old records."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from fediverse import signatures, tasks, uris
from fediverse.contexts import ACTIVITY_CONTEXT
from fediverse.models import (
    Delivery,
    Follower,
    IncomingActivity,
    LocalActor,
    OutgoingActivity,
)

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


def site_actor_get() -> LocalActor:
    """The blog's own actor, created with its key pair the first time it is needed."""
    return _actor_get(kind=LocalActor.Kind.SITE, contributor=None)


def author_actor_get(*, contributor) -> LocalActor:
    """An author's actor, created with its key pair the first time it is needed."""
    return _actor_get(kind=LocalActor.Kind.AUTHOR, contributor=contributor)


def _actor_get(*, kind: str, contributor) -> LocalActor:
    found = LocalActor.objects.filter(kind=kind, contributor=contributor).first()
    if found:
        return found
    private, public = signatures.new_key_pair()
    try:
        with transaction.atomic():
            return LocalActor.objects.create(
                kind=kind, contributor=contributor, private_key_pem=private, public_key_pem=public
            )
    except IntegrityError:  # another process created it meanwhile
        return LocalActor.objects.get(kind=kind, contributor=contributor)


def follower_inboxes(*, actor: LocalActor) -> list[str]:
    """Where to deliver to an actor's accepted followers: one address per shared inbox."""
    followers = Follower.objects.filter(actor=actor, status=Follower.Status.ACCEPTED)
    rows = followers.values_list("remote__shared_inbox", "remote__inbox")
    return sorted({shared or inbox for shared, inbox in rows})


@transaction.atomic
def activity_send(
    *,
    actor: LocalActor,
    type: str,
    object: dict | str,
    inboxes: Iterable[str],
    article=None,
    public: bool = True,
    to: Iterable[str] = (),
) -> OutgoingActivity:
    """Store an activity of `actor` and one delivery per distinct inbox, sent by the worker.

    Public activities (articles and their updates) are addressed to everyone and the actor's
    followers and listed in the outbox; others (an Accept) only to `to`.
    """
    activity = OutgoingActivity(actor=actor, type=type, article=article, public=public)
    addressed = [PUBLIC, uris.followers(actor)] if public else []
    activity.payload = {
        "@context": ACTIVITY_CONTEXT,
        "id": uris.activity(activity.uuid),
        "type": type,
        "actor": uris.actor(actor),
        "to": [*addressed[:1], *to],
        "cc": addressed[1:],
        "object": object,
    }
    activity.save()
    Delivery.objects.bulk_create(
        [Delivery(activity=activity, inbox=inbox) for inbox in sorted(set(inboxes))],
        ignore_conflicts=True,
    )
    if settings.FEDIVERSE_ENABLED:
        transaction.on_commit(lambda: tasks.deliver_activity.enqueue(activity_id=activity.pk))
    return activity


def records_purge(*, received_before: timedelta, sent_before: timedelta) -> tuple[int, int]:
    """Forget activities received long ago (a replay that old is refused by its date anyway)
    and the finished deliveries of old activities (the activities stay, for the outboxes).
    Returns how many of each were deleted."""
    now = timezone.now()
    received, _ = IncomingActivity.objects.filter(received_at__lt=now - received_before).delete()
    finished = Delivery.objects.filter(
        activity__created_at__lt=now - sent_before,
        status__in=[Delivery.Status.SENT, Delivery.Status.GIVEN_UP],
    )
    sent, _ = finished.delete()
    return received, sent
