"""HTTP signatures as Mastodon signs and checks them (draft-cavage-http-signatures-12).

A signed request carries `Signature: keyId="…",algorithm="rsa-sha256",headers="(request-target)
host date digest",signature="…"`: an RSA-SHA256 signature over one line per named header. A
POST also carries `Digest: SHA-256=…` of its body, so the signature covers the body too. The
checks here are pure: finding the key behind a keyId (a network fetch) is the caller's business.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

# Mastodon refuses a Date more than 12 hours old, and one more than an hour ahead.
MAX_AGE = timedelta(hours=12)
MAX_AHEAD = timedelta(hours=1)
SIGNED_ON_POST = ("(request-target)", "host", "date", "digest")
SIGNED_ON_GET = ("(request-target)", "host", "date")
_PARAMETER = re.compile(r'(\w+)="([^"]*)"')


class SignatureError(Exception):
    """The request is not signed, or not signed well enough to be believed."""


@dataclass(frozen=True)
class Signature:
    key_id: str
    headers: tuple[str, ...]
    signature: bytes


def new_key_pair() -> tuple[str, str]:
    """A fresh RSA key pair as (private PEM, public PEM)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private.decode(), public.decode()


def digest(body: bytes) -> str:
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()


def http_date(at: datetime | None = None) -> str:
    return format_datetime(at or datetime.now(UTC), usegmt=True)


def sign(
    *,
    method: str,
    path: str,
    host: str,
    key_id: str,
    private_key_pem: str,
    body: bytes | None = None,
    at: datetime | None = None,
) -> dict[str, str]:
    """The headers that sign a request: Date, Digest (with a body) and Signature."""
    headers = {"host": host, "date": http_date(at)}
    names = SIGNED_ON_GET
    if body is not None:
        headers["digest"] = digest(body)
        names = SIGNED_ON_POST
    text = _signed_text(names, method, path, headers)
    raw = _private_key(private_key_pem).sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())
    headers["signature"] = (
        f'keyId="{key_id}",algorithm="rsa-sha256",headers="{" ".join(names)}",'
        f'signature="{base64.b64encode(raw).decode()}"'
    )
    signed = {"Date": headers["date"], "Signature": headers["signature"]}
    if body is not None:
        signed["Digest"] = headers["digest"]
    return signed


@lru_cache(maxsize=64)
def _private_key(pem: str) -> rsa.RSAPrivateKey:
    # Loading checks the key, which takes tens of milliseconds: once per key and process, not
    # once per delivery.
    return serialization.load_pem_private_key(pem.encode(), password=None)


def parse(header: str) -> Signature:
    """Read a Signature header; raises SignatureError when it is malformed."""
    parameters = dict(_PARAMETER.findall(header or ""))
    try:
        key_id = parameters["keyId"]
        raw = base64.b64decode(parameters["signature"], validate=True)
    except (KeyError, ValueError):
        raise SignatureError("malformed Signature header") from None
    if parameters.get("algorithm", "rsa-sha256").lower() not in {"rsa-sha256", "hs2019"}:
        raise SignatureError("unsupported signature algorithm")
    names = tuple(parameters.get("headers", "date").lower().split())
    return Signature(key_id=key_id, headers=names, signature=raw)


def verify(
    *,
    signature: Signature,
    method: str,
    path: str,
    headers: dict[str, str],
    public_key_pem: str,
    body: bytes | None = None,
    now: datetime | None = None,
) -> None:
    """Check a parsed signature against the request; raises SignatureError when it fails.

    `headers` maps lower-case header names to values. The signature must cover the request
    target, the host and a recent date, and, with a body, a digest that matches it.
    """
    lower = {name.lower(): value for name, value in headers.items()}
    required = SIGNED_ON_POST if body is not None else SIGNED_ON_GET
    if missing := [name for name in required if name not in signature.headers]:
        raise SignatureError(f"signature does not cover {', '.join(missing)}")
    check_date(lower.get("date", ""), now or datetime.now(UTC))
    if body is not None and lower.get("digest", "") != digest(body):
        raise SignatureError("body digest does not match")
    try:
        text = _signed_text(signature.headers, method, path, lower)
        key = serialization.load_pem_public_key(public_key_pem.encode())
        key.verify(signature.signature, text.encode(), padding.PKCS1v15(), hashes.SHA256())
    except KeyError as missing_header:
        raise SignatureError(f"signed header {missing_header} is absent") from None
    except (InvalidSignature, ValueError, TypeError):
        raise SignatureError("signature does not verify") from None


def _signed_text(names, method: str, path: str, headers: dict[str, str]) -> str:
    lines = []
    for name in names:
        if name == "(request-target)":
            lines.append(f"(request-target): {method.lower()} {path}")
        else:
            lines.append(f"{name}: {headers[name]}")
    return "\n".join(lines)


def check_date(value: str, now: datetime) -> None:
    """Refuse a missing Date, or one outside the window Mastodon allows around `now`."""
    try:
        at = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        raise SignatureError("missing or malformed Date") from None
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    if at < now - MAX_AGE or at > now + MAX_AHEAD:
        raise SignatureError("Date is too far from now")
