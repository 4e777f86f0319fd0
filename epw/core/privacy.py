"""Client addresses: which one to trust, and how little of it to keep."""

from __future__ import annotations

import hashlib
import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """The client's address, trusting X-Forwarded-For only behind `EPW_TRUSTED_PROXIES` proxies."""
    proxies = settings.EPW_TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            candidate = forwarded[-proxies]
            if _valid(candidate):
                return candidate
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"


def truncated_ip(address: str) -> str | None:
    """The network part only: /24 for IPv4, /48 for IPv6 (enough for abuse, not a person)."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    prefix = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False).network_address)


def hashed(value: str, *, salt: str) -> str:
    """A keyed, non-reversible digest of `value` (for counting and matching, never displaying)."""
    key = hashlib.sha256(f"{settings.SECRET_KEY}:{salt}".encode()).digest()
    return hashlib.blake2b(value.encode(), key=key, digest_size=16).hexdigest()


def _valid(address: str) -> bool:
    try:
        ipaddress.ip_address(address)
    except ValueError:
        return False
    return True
