"""An activity is stored once and posted, signed, to each distinct inbox."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from fediverse import services, signatures, uris
from fediverse.models import Delivery


class _Inbox(BaseHTTPRequestHandler):
    received: list = []
    status = 202
    answer = b""

    def do_POST(self):  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((self.path, dict(self.headers), body))
        self.send_response(self.status)
        self.send_header("Content-Length", str(len(self.answer)))
        self.end_headers()
        self.wfile.write(self.answer)

    def log_message(self, *args):
        pass


@pytest.fixture
def inbox_server(settings):
    _Inbox.received = []
    _Inbox.status = 202
    _Inbox.answer = b""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Inbox)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    host = f"127.0.0.1:{httpd.server_address[1]}"
    settings.FEDIVERSE_ENABLED = True
    settings.FEDIVERSE_PRIVATE_HOSTS_ALLOWED = [host]
    yield host
    httpd.shutdown()


def test_each_inbox_receives_the_activity_once_signed_by_the_actor(
    db, inbox_server, django_capture_on_commit_callbacks
):
    actor = services.site_actor_get()
    inboxes = [f"http://{inbox_server}/inbox", f"http://{inbox_server}/users/ana/inbox"]
    with django_capture_on_commit_callbacks(execute=True):
        activity = services.activity_send(
            actor=actor, type="Create", object={"type": "Note"}, inboxes=inboxes * 2
        )

    assert sorted(path for path, _, _ in _Inbox.received) == ["/inbox", "/users/ana/inbox"]
    path, headers, body = _Inbox.received[0]
    assert json.loads(body)["id"] == uris.activity(activity.uuid)
    signature = signatures.parse(headers["Signature"])
    assert signature.key_id == uris.key_id(actor)
    signatures.verify(
        signature=signature,
        method="POST",
        path=path,
        headers=headers,
        public_key_pem=actor.public_key_pem,
        body=body,
    )
    assert set(activity.deliveries.values_list("status", flat=True)) == {Delivery.Status.SENT}


def test_a_refusing_inbox_leaves_the_delivery_pending_with_the_error(
    db, inbox_server, django_capture_on_commit_callbacks
):
    _Inbox.status = 500
    actor = services.site_actor_get()
    with django_capture_on_commit_callbacks(execute=True):
        activity = services.activity_send(
            actor=actor, type="Create", object={}, inboxes=[f"http://{inbox_server}/inbox"]
        )
    row = activity.deliveries.get()
    assert (row.status, row.attempts, row.last_error) == (Delivery.Status.PENDING, 1, "HTTP 500")


def test_a_delivery_accepted_with_a_huge_answer_is_sent_once(
    db, inbox_server, django_capture_on_commit_callbacks
):
    _Inbox.answer = b"x" * (2 * 1024 * 1024)
    actor = services.site_actor_get()
    with django_capture_on_commit_callbacks(execute=True):
        activity = services.activity_send(
            actor=actor, type="Create", object={}, inboxes=[f"http://{inbox_server}/inbox"]
        )
    assert activity.deliveries.get().status == Delivery.Status.SENT
    assert len(_Inbox.received) == 1


def test_nothing_is_delivered_with_federation_off(db, inbox_server, settings):
    settings.FEDIVERSE_ENABLED = False
    actor = services.site_actor_get()
    services.activity_send(
        actor=actor, type="Create", object={}, inboxes=[f"http://{inbox_server}/inbox"]
    )
    assert _Inbox.received == []


def test_the_site_actor_is_created_once_with_its_keys(db):
    first = services.site_actor_get()
    assert services.site_actor_get() == first
    assert "BEGIN PUBLIC KEY" in first.public_key_pem
