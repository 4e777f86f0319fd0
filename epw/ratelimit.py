"""Fixed-window rate limits on public forms, counted in the shared cache.

    retry_after = ratelimit.hit("newsletter-ip", client_ip(request), limit=5, period=3600)
    if retry_after:
        return ratelimit.too_many_requests(request, template, context, retry_after)

On Redis the counter is atomic; the file cache of the zero-set-up default may lose a count under
heavy concurrency, which only makes the limit slightly looser.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def hit(scope: str, key: str, *, limit: int, period: int) -> int:
    """Count one attempt; return 0 when allowed, else the seconds until the window ends."""
    now = int(time.time())
    window = now // period
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{window}:{digest}"
    if cache.add(cache_key, 1, timeout=period + 1):
        count = 1
    else:
        try:
            count = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            cache.set(cache_key, 1, timeout=period + 1)
            count = 1
    if count <= limit:
        return 0
    return max(1, (window + 1) * period - now)


def too_many_requests(
    request: HttpRequest, template: str, context: dict, retry_after: int
) -> HttpResponse:
    """Render the form page again (input kept) with status 429 and a Retry-After header."""
    response = render(request, template, {**context, "retry_after": retry_after}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
