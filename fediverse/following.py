"""Followers' requests answered: accepted (at once, or by an editor when the site settings say
so) or rejected. The answer goes to the follower's own inbox, addressed to them alone."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from fediverse import services, uris
from fediverse.models import Follower


class FollowingError(Exception):
    """A change of a follower that is not allowed in its current state; `message` says why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _follow(follower: Follower) -> dict:
    """The Follow being answered, as its sender wrote it (Mastodon matches the answer by id)."""
    return {
        "id": follower.follow_id,
        "type": "Follow",
        "actor": follower.remote.uri,
        "object": uris.actor(follower.actor),
    }


def _answer(follower: Follower, kind: str) -> None:
    services.activity_send(
        actor=follower.actor,
        type=kind,
        object=_follow(follower),
        inboxes=[follower.remote.inbox],
        public=False,
        to=[follower.remote.uri],
    )


def accept_send(*, follower: Follower) -> None:
    """Tell an accepted follower so (again, if they asked again)."""
    _answer(follower, "Accept")


@transaction.atomic
def follower_approve(*, follower: Follower) -> Follower:
    """An editor accepts a pending follower: from now on they receive the actor's articles."""
    locked = Follower.objects.select_for_update().select_related("actor", "remote")
    follower = locked.get(pk=follower.pk)
    if follower.status == Follower.Status.ACCEPTED:
        raise FollowingError(_("Cet abonné est déjà accepté."))
    follower.status = Follower.Status.ACCEPTED
    follower.save(update_fields=["status"])
    _answer(follower, "Accept")
    return follower


@transaction.atomic
def follower_reject(*, follower: Follower) -> None:
    """An editor refuses a follower (pending or not): they are told, and removed."""
    locked = Follower.objects.select_for_update().select_related("actor", "remote")
    follower = locked.get(pk=follower.pk)
    _answer(follower, "Reject")
    follower.delete()
