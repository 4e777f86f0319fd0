"""Inboxes of several fake servers on one loopback HTTP server: each server is a path prefix
(`/s1/inbox`, `/s2/inbox`…), and each path can be told which status to answer."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from django.utils import timezone

from fediverse.models import Follower, RemoteActor


@dataclass
class Inboxes:
    host: str
    received: list = field(default_factory=list)  # (path, headers, body)
    statuses: dict = field(default_factory=dict)  # path → status (202 otherwise)

    def url(self, path: str) -> str:
        return f"http://{self.host}{path}"

    def activities(self, path: str | None = None) -> list[dict]:
        return [json.loads(body) for at, _, body in self.received if path in (None, at)]

    def paths(self) -> list[str]:
        return sorted(path for path, _, _ in self.received)

    def follower(self, local_actor, *, server: str, name: str, shared: bool = True) -> Follower:
        """A remote account of `server` following `local_actor` (accepted)."""
        remote = RemoteActor.objects.create(
            uri=self.url(f"/{server}/users/{name}"),
            domain=server,
            username=name,
            inbox=self.url(f"/{server}/users/{name}/inbox"),
            shared_inbox=self.url(f"/{server}/inbox") if shared else "",
            key_id=self.url(f"/{server}/users/{name}#main-key"),
            public_key_pem="-",
            fetched_at=timezone.now(),
        )
        return Follower.objects.create(
            actor=local_actor,
            remote=remote,
            status=Follower.Status.ACCEPTED,
            follow_id=self.url(f"/{server}/follows/{name}"),
        )


def start(inboxes_factory=Inboxes):
    """Start the server; returns (Inboxes, stop)."""
    state: dict = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            inboxes = state["inboxes"]
            inboxes.received.append((self.path, dict(self.headers), body))
            self.send_response(inboxes.statuses.get(self.path, 202))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    state["inboxes"] = inboxes_factory(host=f"127.0.0.1:{httpd.server_address[1]}")
    return state["inboxes"], httpd.shutdown
