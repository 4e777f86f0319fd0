"""Other servers' actors: their documents fetched, cached and refreshed, and the blocks on them.

A document is fetched only by the worker, never while a reader or a remote server waits: with a
GET signed by the blog's own key (servers in Mastodon's secure mode answer nothing otherwise),
through `net.request` (no private addresses, a timeout, a size cap). The cached copy is used for
a day (`FEDIVERSE_ACTOR_REFRESH_SECONDS`), then read again; a key that no longer verifies makes
the caller ask for a fresh copy once (the actor may have changed keys).
"""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from fediverse import net, services, signatures, uris
from fediverse.models import Block, RemoteActor

ACCEPT = (
    "application/activity+json, "
    'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
)
ACTOR_TYPES = {"Person", "Service", "Application", "Group", "Organization"}


class Unavailable(Exception):
    """No usable actor document: the message says why. `transient` when its server did not
    answer or said to come back (network error, timeout, 429, 5xx): worth trying again."""

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


def host_of(uri: str) -> str:
    """The server part of an address ("host" or "host:port"), in lower case."""
    return urlsplit(uri or "").netloc.lower()


def is_blocked(actor_uri: str) -> bool:
    """Whether the account, its server or a domain above it is on the admin's block list."""
    host = (urlsplit(actor_uri or "").hostname or "").lower()
    labels = host.split(".")
    domains = {".".join(labels[i:]) for i in range(len(labels))} - {""}
    return Block.objects.filter(Q(domain__in=domains) | Q(actor_uri=actor_uri)).exists()


def actor_by_key(key_id: str, *, refresh: bool = False) -> tuple[RemoteActor, bool]:
    """The actor owning the key `key_id`, and whether its document was just fetched.

    The cached copy serves unless `refresh` or older than a day; a copy that cannot be read
    again serves on (the server may be down for a while), a missing one raises `Unavailable`.
    """
    cached = RemoteActor.objects.filter(key_id=key_id).first()
    if cached and not refresh and not _stale(cached):
        return cached, False
    try:
        actor = actor_fetch(key_id.partition("#")[0])
    except Unavailable:
        if cached and not refresh:
            return cached, False
        raise
    if actor.key_id != key_id:
        raise Unavailable("the actor does not publish this key")
    return actor, True


def actor_fetch(url: str) -> RemoteActor:
    """Fetch the actor document at `url` (or the one owning the key document there) and keep it."""
    document = _fetch_json(url)
    if document.get("type") not in ACTOR_TYPES and isinstance(document.get("owner"), str):
        document = _fetch_json(document["owner"])  # a key document: its owner is the actor
    return actor_keep(document, fetched_from=url)


def actor_keep(document: dict, *, fetched_from: str) -> RemoteActor:
    """Keep what the blog needs of an actor document read at `fetched_from`, once checked."""
    uri = document.get("id")
    key = document.get("publicKey")
    if isinstance(key, list):
        key = key[0] if key else None
    if not isinstance(uri, str) or not uri.startswith(("https://", "http://")):
        raise Unavailable("not an actor document")
    if document.get("type") not in ACTOR_TYPES:
        raise Unavailable("not an actor document")
    if host_of(uri) != host_of(fetched_from):
        raise Unavailable("the actor document names another server")
    if not isinstance(key, dict) or key.get("owner") != uri or not key.get("publicKeyPem"):
        raise Unavailable("the actor document has no key of its own")
    inbox = document.get("inbox")
    if not isinstance(inbox, str) or host_of(inbox) != host_of(uri):
        raise Unavailable("the actor document has no inbox on its server")
    endpoints = document.get("endpoints") if isinstance(document.get("endpoints"), dict) else {}
    shared = endpoints.get("sharedInbox")
    values = {
        "domain": host_of(uri)[:255],
        "username": _text(document.get("preferredUsername"), 255),
        "name": _text(document.get("name"), 255),
        "url": _profile_url(document.get("url"), uri),
        "inbox": inbox[:500],
        "shared_inbox": shared[:500] if isinstance(shared, str) else "",
        "key_id": _text(key.get("id"), 500) or uri + "#main-key",
        "public_key_pem": _text(key["publicKeyPem"], 10_000),
        "fetched_at": timezone.now(),
    }
    actor, _created = RemoteActor.objects.update_or_create(uri=uri[:500], defaults=values)
    return actor


def _fetch_json(url: str) -> dict:
    site = services.site_actor_get()
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = signatures.sign(
        method="GET",
        path=path,
        host=parts.netloc,
        key_id=uris.key_id(site),
        private_key_pem=site.private_key_pem,
    )
    headers["Accept"] = ACCEPT
    try:
        answer = net.request("GET", url, headers=headers, follow=True)
    except net.Refused as error:
        raise Unavailable(str(error), transient=isinstance(error, net.Unreachable)) from None
    if answer.status != 200:
        transient = answer.status == 429 or answer.status >= 500
        raise Unavailable(f"HTTP {answer.status} from {host_of(url)}", transient=transient)
    try:
        document = json.loads(answer.body)
    except ValueError:
        raise Unavailable("the answer is not JSON") from None
    if not isinstance(document, dict):
        raise Unavailable("the answer is not a JSON object")
    return document


def _stale(actor: RemoteActor) -> bool:
    age = timedelta(seconds=settings.FEDIVERSE_ACTOR_REFRESH_SECONDS)
    return actor.fetched_at < timezone.now() - age


def _text(value, limit: int) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _profile_url(value, uri: str) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("href")
    if isinstance(value, str) and value.startswith(("https://", "http://")) and len(value) <= 500:
        return value
    return uri
