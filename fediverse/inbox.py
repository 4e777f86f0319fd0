"""The blog's inboxes, where other servers post activities (the shared one and each actor's).

Only what costs nothing is checked while the sender waits: rate limits, the size, the JSON, a
Signature header that covers a recent Date and a Digest matching the body, the key on the
actor's server, blocks and replays. The activity is then stored with what the worker needs to
check the signature (method, path, signed headers) and a task does the rest: fetching the
sender's key is never done in this request. Answers carry no page: they are for servers.

A blocked sender is answered 202 and its activity dropped: it learns nothing and does not retry.
An activity already received is answered 202 too, and is not applied again; so is the deletion
of an account the blog never heard of.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from contributors.models import Contributor
from epw.core import ratelimit
from epw.core.privacy import client_ip
from fediverse import remote_actors, signatures, tasks_inbox
from fediverse.models import IncomingActivity, RemoteActor
from fediverse.switch import federation_on

CONTENT_TYPES = ("application/activity+json", "application/ld+json", "application/json")


class Refused(Exception):
    def __init__(self, status: int, reason: str, retry_after: int = 0):
        super().__init__(reason)
        self.status, self.reason, self.retry_after = status, reason, retry_after


@csrf_exempt
@federation_on
@require_POST
def shared_inbox(request):
    """Activities from other servers for any of the blog's actors (Mastodon posts here)."""
    return _receive(request)


@csrf_exempt
@federation_on
@require_POST
def site_inbox(request):
    """Activities from other servers for the blog's own actor."""
    return _receive(request)


@csrf_exempt
@federation_on
@require_POST
def author_inbox(request, contributor_id: int):
    """Activities from other servers for one author's actor."""
    get_object_or_404(Contributor, pk=contributor_id)
    return _receive(request)


def _receive(request) -> HttpResponse:
    try:
        incoming = _checked(request)
    except Refused as refusal:
        response = JsonResponse({"error": refusal.reason}, status=refusal.status)
        if refusal.retry_after:
            response["Retry-After"] = str(refusal.retry_after)
        return response
    if incoming is not None:
        pk = incoming.pk
        transaction.on_commit(lambda: tasks_inbox.receive_activity.enqueue(incoming_id=pk))
    return HttpResponse(status=202)


def _checked(request) -> IncomingActivity | None:
    """The activity stored for the worker, or None when it is dropped (blocked, replayed)."""
    _limit("fediverse-inbox-ip", client_ip(request), settings.FEDIVERSE_INBOX_RATE_IP)
    body = _body(request)
    activity = _activity(body)
    actor_uri = activity["actor"]
    signature, signed = _signature(request, body)
    if remote_actors.host_of(signature.key_id) != remote_actors.host_of(actor_uri):
        raise Refused(401, "the key is not on the actor's server")
    domain = remote_actors.host_of(actor_uri)
    _limit("fediverse-inbox-domain", domain, settings.FEDIVERSE_INBOX_RATE_DOMAIN)
    if remote_actors.is_blocked(actor_uri) or _unknown_account_gone(activity):
        return None
    try:
        with transaction.atomic():
            return IncomingActivity.objects.create(
                activity_id=activity["id"],
                actor_uri=actor_uri,
                type=activity["type"][:20],
                payload=activity,
                signature=signed,
            )
    except IntegrityError:  # received before: never applied twice
        return None


def _unknown_account_gone(activity: dict) -> bool:
    """A server announces a deleted account to every inbox it knows: unless the account is one
    the blog knows, there is nothing to undo, and no key worth fetching to check it."""
    gone = activity["object"] if activity["type"] == "Delete" else None
    gone = gone.get("id") if isinstance(gone, dict) else gone
    if gone != activity["actor"]:
        return False
    return not RemoteActor.objects.filter(uri=activity["actor"]).exists()


def _limit(scope: str, key: str, rate: tuple[int, int]) -> None:
    limit, period = rate
    retry_after = ratelimit.hit(scope, key, limit=limit, period=period)
    if retry_after:
        raise Refused(429, "too many requests", retry_after)


def _body(request) -> bytes:
    cap = settings.FEDIVERSE_INBOX_MAX_BYTES
    declared = request.META.get("CONTENT_LENGTH") or "0"
    if not declared.isdigit() or int(declared) > cap:
        raise Refused(413, "body too large")
    content_type = request.content_type or ""
    if content_type not in CONTENT_TYPES:
        raise Refused(415, "not an ActivityStreams document")
    body = request.read(cap + 1)
    if len(body) > cap:
        raise Refused(413, "body too large")
    return body


def _activity(body: bytes) -> dict:
    try:
        activity = json.loads(body)
    except ValueError:
        raise Refused(400, "not JSON") from None
    if not isinstance(activity, dict):
        raise Refused(400, "not a JSON object")
    actor = activity.get("actor")
    if isinstance(actor, dict):
        actor = actor.get("id")
    ok = all(isinstance(activity.get(name), str) for name in ("id", "type"))
    if not ok or not isinstance(actor, str) or not actor.startswith(("https://", "http://")):
        raise Refused(400, "an activity needs an id, a type and an actor")
    if len(activity["id"]) > 500 or len(actor) > 500:
        raise Refused(400, "address too long")
    if remote_actors.host_of(activity["id"]) != remote_actors.host_of(actor):
        raise Refused(400, "the activity is not on the actor's server")
    activity["actor"] = actor
    return activity


def _signature(request, body: bytes) -> tuple[signatures.Signature, dict]:
    """The parsed Signature header and what the worker needs to verify it."""
    header = request.headers.get("Signature", "")
    try:
        signature = signatures.parse(header)
        missing = [name for name in signatures.SIGNED_ON_POST if name not in signature.headers]
        if missing:
            raise signatures.SignatureError(f"signature does not cover {', '.join(missing)}")
        named = [name for name in signature.headers if name != "(request-target)"]
        headers = {name: request.headers[name] for name in named if name in request.headers}
        if len(headers) != len(named):
            raise signatures.SignatureError("a signed header is absent")
        algorithm, _equals, value = headers["digest"].partition("=")
        if f"{algorithm.upper()}={value}" != signatures.digest(body):
            raise signatures.SignatureError("body digest does not match")
        signatures.check_date(headers["date"], datetime.now(UTC))
    except signatures.SignatureError as error:
        raise Refused(401, str(error)) from None
    signed = {
        "method": request.method,
        "path": request.get_full_path(),
        "header": header,
        "headers": headers,
    }
    return signature, signed
