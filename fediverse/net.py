"""Requests to other servers, bounded and unable to reach inside the network.

Every address a host name resolves to is checked when the connection is made (so a name that
changes its answer between a check and the connection gains nothing): loopback, private,
link-local and other non-global addresses are refused, unless the host is one the settings allow
(`FEDIVERSE_PRIVATE_HOSTS_ALLOWED`, for servers on loopback in tests). Bodies are read up to a
size cap, every step has a timeout, and redirects are followed by hand, each one checked again.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from django.conf import settings

MAX_REDIRECTS = 3
USER_AGENT = "EPW (+ActivityPub)"


class Refused(Exception):
    """The request was not made, or its answer was not read: the message says why."""


class Unreachable(Refused):
    """The server did not answer (network error, timeout): worth trying again later."""


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


def request(
    method: str,
    url: str,
    *,
    headers: dict[str, str] | None = None,
    body: bytes | None = None,
    max_bytes: int | None = None,
    follow: bool = False,
    status_only: bool = False,
) -> Response:
    """Send one request (following up to three redirects when `follow`) and read its answer:
    with `status_only`, its status and headers alone (a delivery's outcome does not depend on
    what a server says beyond its status, however large or broken)."""
    for _ in range(MAX_REDIRECTS + 1):
        response = _once(method, url, headers or {}, body, max_bytes, status_only)
        location = response.headers.get("location")
        if not (follow and response.status in {301, 302, 303, 307, 308} and location):
            return response
        url = urljoin(url, location)
    raise Refused("too many redirects")


def _once(method, url, headers, body, max_bytes, status_only) -> Response:
    parts = urlsplit(url)
    host, port = parts.hostname, parts.port
    if not host or parts.scheme not in {"https", "http"}:
        raise Refused(f"not a web address: {url[:200]}")
    if parts.scheme == "http" and not _allowed_private(host, port or 80):
        raise Refused("plain http is refused")
    secure = parts.scheme == "https"
    connection_class = http.client.HTTPSConnection if secure else http.client.HTTPConnection
    timeout = settings.FEDIVERSE_FETCH_TIMEOUT
    connection = connection_class(host, port, timeout=timeout)
    connection._create_connection = _guarded_connect  # checked on every connect, TLS on top
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    sent_headers = {"User-Agent": USER_AGENT, **headers}
    if body is not None:
        sent_headers.setdefault("Content-Length", str(len(body)))
    limit = max_bytes or settings.FEDIVERSE_MAX_DOCUMENT_BYTES
    try:
        connection.request(method, target, body=body, headers=sent_headers)
        answer = connection.getresponse()
        received = {name.lower(): value for name, value in answer.getheaders()}
        if status_only:
            return Response(status=answer.status, headers=received, body=b"")
        declared = answer.getheader("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise Refused("answer too large")
        content = answer.read(limit + 1)
        if len(content) > limit:
            raise Refused("answer too large")
        return Response(status=answer.status, headers=received, body=content)
    except (OSError, http.client.HTTPException) as error:
        raise Unreachable(f"{type(error).__name__}: {error}"[:200]) from None
    finally:
        connection.close()


def _guarded_connect(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None):
    host, port = address
    try:
        answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise Refused(f"unknown host {host}") from error
    allowed_private = _allowed_private(host, port)
    last_error: OSError | None = None
    for family, kind, proto, _name, sockaddr in answers:
        if not (allowed_private or ipaddress.ip_address(sockaddr[0]).is_global):
            raise Refused(f"{host} is on a private address")
        sock = socket.socket(family, kind, proto)
        if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
            sock.settimeout(timeout)
        try:
            sock.connect(sockaddr)
            return sock
        except OSError as error:
            sock.close()
            last_error = error
    raise last_error or Refused(f"no address for {host}")


def _allowed_private(host: str, port: int) -> bool:
    allowed = settings.FEDIVERSE_PRIVATE_HOSTS_ALLOWED
    return host in allowed or f"{host}:{port}" in allowed
