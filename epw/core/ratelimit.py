"""Rate limits on public forms, counted in the shared cache.

    retry_after = ratelimit.hit("newsletter-ip", client_ip(request), limit=5, period=3600)
    if retry_after:
        return ratelimit.too_many_requests(request, template, context, retry_after)

A window opens at a client's first attempt and lasts `period` seconds, so no clock boundary
lets a burst through twice. One cache value per client holds both the window's start and the
count (start * STEP + count), so each attempt costs one atomic add or increment on Redis; the
file cache of the zero-set-up default may lose a count under heavy concurrency, which only
makes the limit slightly looser.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

STEP = 10**6


def hit(scope: str, key: str, *, limit: int, period: int) -> int:
    """Count one attempt; return 0 when allowed, else the seconds until the window ends."""
    now = int(time.time())
    digest = hashlib.sha256(f"{scope}:{key}".encode()).hexdigest()[:32]
    cache_key = f"ratelimit:{scope}:{digest}"
    opened = now * STEP + 1
    if cache.add(cache_key, opened, timeout=period):
        value = opened
    else:
        try:
            value = cache.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            value = None
        if value is None or value // STEP + period <= now:
            cache.set(cache_key, opened, timeout=period)
            value = opened
    start, count = divmod(value, STEP)
    remaining = start + period - now
    if count > 1:
        # Some backends (the file cache) forget the timeout on increment: set it again.
        cache.touch(cache_key, remaining)
    if count <= limit:
        return 0
    return max(1, remaining)


def too_many_requests(
    request: HttpRequest, template: str, context: dict, retry_after: int
) -> HttpResponse:
    """Render the form page again (input kept) with status 429 and a Retry-After header."""
    context = {**context, "retry_after": retry_after, "retry_minutes": math.ceil(retry_after / 60)}
    response = render(request, template, context, status=429)
    response["Retry-After"] = str(retry_after)
    return response
