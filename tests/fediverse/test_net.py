"""Requests to other servers never reach inside the network and never read without bound."""

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from fediverse import net


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        if self.path == "/big":
            body = b"x" * 4096
        elif self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/small")
            self.end_headers()
            return
        else:
            body = b'{"ok":true}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_loopback_address_is_refused(server, settings):
    settings.FEDIVERSE_PRIVATE_HOSTS_ALLOWED = []
    with pytest.raises(net.Refused):
        net.request("GET", f"http://{server}/small")


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/actor",
        "https://10.0.0.8/actor",
        "https://192.168.1.1/actor",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/actor",
        "https://localhost/actor",
        "file:///etc/passwd",
        "gopher://example.org/",
    ],
)
def test_private_addresses_and_other_schemes_are_refused(url, settings):
    settings.FEDIVERSE_PRIVATE_HOSTS_ALLOWED = []
    with pytest.raises(net.Refused):
        net.request("GET", url)


def test_an_allowed_host_is_read(server, settings):
    settings.FEDIVERSE_PRIVATE_HOSTS_ALLOWED = [server]
    answer = net.request("GET", f"http://{server}/small")
    assert answer.status == 200
    assert answer.body == b'{"ok":true}'
    assert answer.headers["content-type"] == "application/json"


def test_an_answer_over_the_cap_is_refused(server, settings):
    settings.FEDIVERSE_PRIVATE_HOSTS_ALLOWED = [server]
    with pytest.raises(net.Refused, match="too large"):
        net.request("GET", f"http://{server}/big", max_bytes=1000)


def test_redirects_are_followed_only_when_asked(server, settings):
    settings.FEDIVERSE_PRIVATE_HOSTS_ALLOWED = [server]
    assert net.request("GET", f"http://{server}/redirect").status == 302
    assert net.request("GET", f"http://{server}/redirect", follow=True).body == b'{"ok":true}'


def test_a_server_that_does_not_answer_is_unreachable_worth_trying_again(settings):
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.FEDIVERSE_PRIVATE_HOSTS_ALLOWED = [f"127.0.0.1:{port}"]
    with pytest.raises(net.Unreachable):
        net.request("GET", f"http://127.0.0.1:{port}/users/ana")
