"""Follow requests held for approval (a site setting): an editor accepts or refuses them.

The follower's server learns the answer from an `Accept` or a `Reject` of its `Follow`, sent
to its inbox only (not public, not in the outbox).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from fediverse import services, uris
from fediverse.models import Follower


class FollowingError(Exception):
    """A move the follow request's state does not allow, said for the editor."""


def _follow(follower: Follower) -> dict:
    """The `Follow` being answered, as its author's server knows it."""
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


@transaction.atomic
def follower_approve(*, follower: Follower) -> Follower:
    """Accept a pending follow request: the account follows from now on."""
    follower = (
        Follower.objects.select_for_update().select_related("actor", "remote").get(pk=follower.pk)
    )
    if follower.status != Follower.Status.PENDING:
        raise FollowingError(_("Cet abonnement est déjà accepté."))
    follower.status = Follower.Status.ACCEPTED
    follower.save(update_fields=["status"])
    _answer(follower, "Accept")
    return follower


@transaction.atomic
def follower_reject(*, follower: Follower) -> None:
    """Refuse a follow request, or remove a follower: the account no longer follows."""
    follower = (
        Follower.objects.select_for_update().select_related("actor", "remote").get(pk=follower.pk)
    )
    _answer(follower, "Reject")
    follower.delete()
