"""A small server on loopback that speaks to the blog as Mastodon does.

It publishes actor documents (`/users/<name>`, with their RSA keys) shaped like Mastodon's, and
has a shared inbox (`/inbox`) and personal ones (`/users/<name>/inbox`) that record every POST.
Its users send the blog signed activities (Follow, Undo, Create, Update, Delete, Like,
Announce) through the Django test client, signed as Mastodon signs them; what the blog sends
back is checked against the blog actor's key.

    with MastodonServer(settings) as server:
        server.send(client, "/fediverse/inbox", server.follow("ana", uris.site_actor()))
"""

from __future__ import annotations

import base64
import hashlib
import itertools
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from fediverse import signatures

AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
ACTIVITY_JSON = "application/activity+json"


class MastodonServer:
    def __init__(self, settings, names=("ana", "bruno")):
        self.settings = settings
        self.keys = {name: signatures.new_key_pair() for name in names}
        self.received: list[tuple[str, dict, bytes]] = []  # POSTs: path, headers, body
        self.fetched: list[tuple[str, dict]] = []  # GETs: path, headers
        self.down = False  # answers every GET with 503 while True
        self._numbers = itertools.count(1)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.host = f"127.0.0.1:{self._httpd.server_address[1]}"
        self.base = f"http://{self.host}"

    def __enter__(self):
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()
        self.settings.FEDIVERSE_ENABLED = True
        self.settings.FEDIVERSE_PRIVATE_HOSTS_ALLOWED = [self.host]
        return self

    def __exit__(self, *exc):
        self._httpd.shutdown()
        self._httpd.server_close()

    # Its users, as the blog fetches them ------------------------------------------------------

    def actor_uri(self, name: str) -> str:
        return f"{self.base}/users/{name}"

    def key_id(self, name: str) -> str:
        return self.actor_uri(name) + "#main-key"

    def actor_document(self, name: str) -> dict:
        uri = self.actor_uri(name)
        return {
            "@context": [AS_CONTEXT, "https://w3id.org/security/v1"],
            "id": uri,
            "type": "Person",
            "following": f"{uri}/following",
            "followers": f"{uri}/followers",
            "inbox": f"{uri}/inbox",
            "outbox": f"{uri}/outbox",
            "preferredUsername": name,
            "name": name.capitalize() + " Martin",
            "summary": "<p>Lectrice attentive.</p>",
            "url": f"{self.base}/@{name}",
            "manuallyApprovesFollowers": False,
            "publicKey": {
                "id": self.key_id(name),
                "owner": uri,
                "publicKeyPem": self.keys[name][1],
            },
            "endpoints": {"sharedInbox": f"{self.base}/inbox"},
        }

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                server.fetched.append((self.path, dict(self.headers)))
                if server.down:
                    self.send_response(503)
                    self.end_headers()
                    return
                name = self.path.removeprefix("/users/")
                if not self.path.startswith("/users/") or name not in server.keys:
                    self.send_response(404)
                    self.end_headers()
                    return
                body = json.dumps(server.actor_document(name)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/activity+json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                server.received.append((self.path, dict(self.headers), body))
                self.send_response(202)
                self.end_headers()

            def log_message(self, *args):
                pass

        return Handler

    # What its users send ----------------------------------------------------------------------

    def _activity(self, name: str, kind: str, object, **extra) -> dict:
        uri = self.actor_uri(name)
        number = next(self._numbers)
        return {
            "@context": AS_CONTEXT,
            "id": f"{uri}#{kind.lower()}s/{number}",
            "type": kind,
            "actor": uri,
            "object": object,
            **extra,
        }

    def follow(self, name: str, target: str) -> dict:
        return self._activity(name, "Follow", target)

    def undo(self, name: str, activity: dict) -> dict:
        inner = {key: value for key, value in activity.items() if key != "@context"}
        return self._activity(name, "Undo", inner)

    def like(self, name: str, target: str) -> dict:
        return self._activity(name, "Like", target)

    def announce(self, name: str, target: str) -> dict:
        uri = self.actor_uri(name)
        number = next(self._numbers)
        return {
            "@context": AS_CONTEXT,
            "id": f"{uri}/statuses/{number}/activity",
            "type": "Announce",
            "actor": uri,
            "published": "2026-12-02T10:00:00Z",
            "to": [PUBLIC],
            "cc": [f"{uri}/followers"],
            "object": target,
        }

    def note(self, name: str, content: str, *, in_reply_to: str, number: int | None = None):
        uri = self.actor_uri(name)
        number = number or next(self._numbers)
        return {
            "id": f"{uri}/statuses/{number}",
            "type": "Note",
            "summary": None,
            "inReplyTo": in_reply_to,
            "published": "2026-12-02T10:00:00Z",
            "url": f"{self.base}/@{name}/{number}",
            "attributedTo": uri,
            "to": [PUBLIC],
            "cc": [f"{uri}/followers"],
            "sensitive": False,
            "content": content,
            "tag": [],
        }

    def create(self, name: str, note: dict) -> dict:
        return {
            "@context": AS_CONTEXT,
            "id": note["id"] + "/activity",
            "type": "Create",
            "actor": self.actor_uri(name),
            "published": note["published"],
            "to": note["to"],
            "cc": note["cc"],
            "object": note,
        }

    def update(self, name: str, note: dict) -> dict:
        return self._activity(name, "Update", note)

    def delete(self, name: str, note_id: str) -> dict:
        return self._activity(name, "Delete", {"id": note_id, "type": "Tombstone"})

    def signed_headers(
        self, name, path, body, *, host="testserver", at=None, content_type=ACTIVITY_JSON
    ):
        """The headers Mastodon sends with a POST, signed as it signs them: (request-target),
        host, date, digest and content-type, RSA-SHA256 (written here, not with the blog's
        own signing code, so that the two are checked against each other)."""
        headers = {
            "Host": host,
            "Date": signatures.http_date(at),
            "Digest": "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode(),
            "Content-Type": content_type,
        }
        names = ["(request-target)", "host", "date", "digest", "content-type"]
        lines = [f"(request-target): post {path}"]
        lines += [f"{n}: {headers[n.title()] if n != 'host' else host}" for n in names[1:]]
        key = serialization.load_pem_private_key(self.keys[name][0].encode(), password=None)
        raw = key.sign("\n".join(lines).encode(), padding.PKCS1v15(), hashes.SHA256())
        headers["Signature"] = (
            f'keyId="{self.key_id(name)}",algorithm="rsa-sha256",headers="{" ".join(names)}",'
            f'signature="{base64.b64encode(raw).decode()}"'
        )
        return headers

    def send(self, client, path: str, activity: dict, *, name: str | None = None, headers=None):
        """Post `activity` to the blog's inbox at `path`, signed by its actor (or `name`)."""
        name = name or activity["actor"].rsplit("/", 1)[1]
        body = json.dumps(activity).encode()
        sent = headers if headers is not None else self.signed_headers(name, path, body)
        return client.post(path, data=body, content_type="application/activity+json", headers=sent)

    # What the blog sent it --------------------------------------------------------------------

    def activities(self, public_key_for) -> list[dict]:
        """Every activity posted to its inboxes, each signature checked with the key that
        `public_key_for(key_id)` gives (the blog actor's published key)."""
        found = []
        for path, headers, body in self.received:
            signature = signatures.parse(headers["Signature"])
            signatures.verify(
                signature=signature,
                method="POST",
                path=path,
                headers=headers,
                public_key_pem=public_key_for(signature.key_id),
                body=body,
            )
            assert urlsplit(f"http://{headers['Host']}").netloc == self.host
            found.append(json.loads(body))
        return found


def blog_key(key_id: str) -> str:
    """The public key of the blog's actor named by `key_id`, as its actor document shows it."""
    from fediverse import uris
    from fediverse.models import LocalActor

    for actor in LocalActor.objects.all():
        if uris.key_id(actor) == key_id:
            return actor.public_key_pem
    raise AssertionError(f"no actor of the blog has the key {key_id}")
