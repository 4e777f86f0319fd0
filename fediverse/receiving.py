"""What the worker does with an activity the inbox stored: believe it or refuse it, then apply it.

1. Find the key named by the signature: the cached actor holding it, else the actor document
   fetched from its server (`remote_actors`). When that server does not answer, the activity
   waits and is checked again later (`FEDIVERSE_KEY_WAIT_SECONDS` at most), then refused.
2. Verify the signature against the method, path and headers the inbox kept, at the time it was
   received. A signature that fails on a cached key is tried once more on a fresh copy of the
   actor (keys change); then it is refused.
3. The key's owner must be the activity's actor, and neither may be blocked.
4. Apply it (`handlers`) inside a savepoint: a refused activity leaves nothing behind, and above
   all no comment. The row ends `applied` or `refused` with the reason, and is handled once
   even when two workers pick it up.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from fediverse import handlers, remote_actors, signatures
from fediverse.handlers import Refusal
from fediverse.models import IncomingActivity, RemoteActor

logger = logging.getLogger(__name__)
Status = IncomingActivity.Status


class _Unanswered(Exception):
    """The sender's server did not answer for its key: the activity may be checked later."""


def activity_receive(*, incoming_id: int, may_wait: bool = False) -> IncomingActivity | None:
    """Check and apply one stored activity; return it with its final status, or still
    `received` when it waits for its sender's server to answer (only if `may_wait`)."""
    incoming = IncomingActivity.objects.filter(pk=incoming_id, status=Status.RECEIVED).first()
    if incoming is None:
        return None
    try:
        remote = _sender(incoming)
    except _Unanswered as error:
        waited = timezone.now() - incoming.received_at
        if may_wait and waited < timedelta(seconds=settings.FEDIVERSE_KEY_WAIT_SECONDS):
            incoming.error = f"waiting for its server: {error}"[:300]
            IncomingActivity.objects.filter(pk=incoming.pk).update(error=incoming.error)
            return incoming
        return _close(incoming.pk, Status.REFUSED, f"key unavailable: {error}")
    except Refusal as refusal:
        return _close(incoming.pk, Status.REFUSED, str(refusal))
    with transaction.atomic():
        locked = (
            IncomingActivity.objects.select_for_update()
            .filter(pk=incoming.pk, status=Status.RECEIVED)
            .first()
        )
        if locked is None:  # another worker got there first
            return None
        try:
            with transaction.atomic():
                handlers.apply(locked.payload, remote)
        except Refusal as refusal:
            locked.status, locked.error = Status.REFUSED, str(refusal)[:300]
        else:
            locked.status, locked.error = Status.APPLIED, ""
        locked.save(update_fields=["status", "error"])
    if locked.status == Status.REFUSED:
        logger.info("fediverse: refused %s: %s", locked.activity_id, locked.error)
    return locked


def _sender(incoming: IncomingActivity) -> RemoteActor:
    """The remote actor who signed the activity, once the signature is checked."""
    stored = incoming.signature
    try:
        signature = signatures.parse(stored.get("header", ""))
    except signatures.SignatureError as error:
        raise Refusal(str(error)) from None
    if remote_actors.is_blocked(incoming.actor_uri):
        raise Refusal("blocked")
    try:
        remote, fresh = remote_actors.actor_by_key(signature.key_id)
        try:
            _verify(signature, stored, remote, incoming)
        except signatures.SignatureError:
            if fresh:
                raise
            remote, _fresh = remote_actors.actor_by_key(signature.key_id, refresh=True)
            _verify(signature, stored, remote, incoming)
    except remote_actors.Unavailable as error:
        if error.transient:
            raise _Unanswered(str(error)) from None
        raise Refusal(f"key unavailable: {error}") from None
    except signatures.SignatureError as error:
        raise Refusal(str(error)) from None
    if remote.uri != incoming.actor_uri:
        raise Refusal("the key's owner is not the activity's actor")
    return remote


def _verify(signature, stored: dict, remote: RemoteActor, incoming: IncomingActivity) -> None:
    signatures.verify(
        signature=signature,
        method=stored.get("method", "POST"),
        path=stored.get("path", ""),
        headers=stored.get("headers", {}),
        public_key_pem=remote.public_key_pem,
        now=incoming.received_at,
    )


def _close(pk: int, status: str, error: str) -> IncomingActivity | None:
    IncomingActivity.objects.filter(pk=pk, status=Status.RECEIVED).update(
        status=status, error=error[:300]
    )
    logger.info("fediverse: refused activity %s: %s", pk, error)
    return IncomingActivity.objects.filter(pk=pk).first()
