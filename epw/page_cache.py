"""Whole public pages kept for anonymous readers, and the HTTP caching headers of every page.

What is kept: the answer to an anonymous GET of a page named in `EPW_PAGE_CACHE_VIEWS` (home,
article, category, tag, author, archives, pages, tag list), 200, HTML, setting no cookie and
carrying no Content-Security-Policy nonce, keyed by path, page number and language. Readers
whose cookies change the page (a session: staff; a remembered commenter; a proven address) are
never served from it nor stored in it; any other query string (search, tracking parameters)
is not kept either.

When it is dropped (exactly): every entry holds the pages' generation
(`epw.core.chrome_cache`), which the services move after each commit that changes what a
public page shows (`site_changed()`, or `figures_changed()` for the subscriber count), and the
next moment the clock changes the site (`blog.freshness`: a scheduled article goes live, an
announcement starts or ends). No entry outlives either.

Headers: kept pages go out `public` with a short `max-age`, a longer `s-maxage` for a shared
cache (nginx, a CDN), `stale-while-revalidate`, an `ETag` and a `Last-Modified`, and answer 304
to a matching conditional request. Other HTML pages that say nothing themselves are `private,
no-store`.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from blog.audience.recording import counting_here, record_view
from blog.comments.identity import REMEMBER_COOKIE
from blog.comments.proof import COOKIE as PROOF_COOKIE
from blog.freshness import current_generation
from epw.core.chrome_cache import PAGES_KEY, pages_generation

PAGE_KEY = "epw:page:v3:{language}:{digest}"
KEPT_QUERY = {"page"}  # the one query parameter of a kept page: listings' page number
PRIVATE = "private, no-store"


@dataclass
class Entry:
    """A kept page: what is sent again, as it was first sent."""

    content: bytes
    headers: dict[str, str]  # as sent, but for Cache-Control (it counts down to `moment`)
    etag: str
    last_modified: float
    article: int  # for the audience figures: the article shown, or 0
    generation: str  # of the pages when it was kept: an entry of an earlier one is out of date
    moment: float  # the next change by the clock then: the entry is out of date from then on


def _bypass_cookies() -> tuple[str, ...]:
    return (settings.SESSION_COOKIE_NAME, REMEMBER_COOKIE, PROOF_COOKIE, "messages")


def eligible(request: HttpRequest) -> bool:
    """May this request be answered from the kept pages, and its answer kept?"""
    if request.method not in ("GET", "HEAD") or not settings.EPW_PAGE_CACHE_ENABLED:
        return False
    if request.path.startswith((settings.STATIC_URL, settings.MEDIA_URL, "/admin/")):
        return False
    if "HTTP_COOKIE" in request.META:
        cookies = request.COOKIES
        if any(name in cookies for name in _bypass_cookies()):
            return False
    if request.META.get("QUERY_STRING") and not all(name in KEPT_QUERY for name in request.GET):
        return False
    return view_name(request.path_info) in settings.EPW_PAGE_CACHE_VIEWS


@lru_cache(maxsize=4096)
def view_name(path: str) -> str:
    """The view a path leads to ("" for none), remembered: the URLs do not change while a
    process runs, and resolving costs more than serving a kept page."""
    try:
        return resolve(path).view_name
    except Resolver404:
        return ""


def _key(request: HttpRequest) -> str:
    language = _language(
        request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if "HTTP_COOKIE" in request.META
        else None,
    )
    digest = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False).hexdigest()
    return PAGE_KEY.format(language=language, digest=digest)


@lru_cache(maxsize=1024)
def _language(accept_language: str, cookie: str | None) -> str:
    """The language Django chooses for these headers (it reads nothing else here), remembered:
    readers send few distinct ones, and parsing them costs more than serving a kept page."""
    request = HttpRequest()
    request.META["HTTP_ACCEPT_LANGUAGE"] = accept_language
    if cookie is not None:
        request.COOKIES[settings.LANGUAGE_COOKIE_NAME] = cookie
    return translation.get_language_from_request(request)


def lookup(request: HttpRequest) -> HttpResponse | None:
    """The kept answer to this request, or None (the view answers, and `store` may keep it).

    A hit costs one read of the cache: the page with the pages' generation. The page is
    current if it was kept in this generation and the clock has not reached its next change
    since."""
    key = _key(request)
    found = cache.get_many([PAGES_KEY, key])
    entry = found.get(key)
    generation = pages_generation(found.get(PAGES_KEY))
    if entry is not None and entry.generation == generation and time.time() < entry.moment:
        request.page_cache = (key, entry.generation, entry.moment)
        if request.method == "GET" and counting_here():  # the view did not run: count it here
            record_view(request, entry.article)
        return _answer(request, entry)
    # When the clock has come, reading the site's generation moves both: this page is then
    # kept under the generation it was read in, and made again at the next request.
    request.page_cache = (key, generation, current_generation()[1])
    return None


def store(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    """Keep the view's answer when it is the same for every anonymous reader; set the caching
    headers either way."""
    if not keepable(request, response):
        if response.get("Content-Type", "").startswith("text/html"):
            response.headers.setdefault("Cache-Control", PRIVATE)
        return response
    key, generation, moment = request.page_cache
    content = response.content
    context = getattr(response, "context_data", None) or {}
    article = (
        context.get("article")
        if request.resolver_match.view_name.endswith("article_detail")
        else None
    )
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    etag = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
    last_modified = float(int(time.time()))
    headers = {
        name: value
        for name, value in response.items()
        if name.lower() not in {"cache-control", "etag", "last-modified", "expires"}
    }
    entry = Entry(
        content=content,
        headers={**headers, "ETag": etag, "Last-Modified": http_date(last_modified)},
        etag=etag,
        last_modified=last_modified,
        article=getattr(article, "pk", 0) or 0,
        generation=generation,
        moment=moment,
    )
    ttl = min(settings.EPW_PAGE_CACHE_SECONDS, moment - time.time())
    if request.method == "GET" and ttl >= 1:
        cache.set(key, entry, int(ttl))
    return _answer(request, entry, response=response)


def keepable(request: HttpRequest, response: HttpResponse) -> bool:
    if getattr(request, "page_cache", None) is None:
        return False
    match = request.resolver_match
    if match is None or match.view_name not in settings.EPW_PAGE_CACHE_VIEWS:
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if "Cache-Control" in response or "nonce-" in response.get("Content-Security-Policy", ""):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= {"accept-language", "cookie"}


def _answer(
    request: HttpRequest, entry: Entry, *, response: HttpResponse | None = None
) -> HttpResponse:
    """The kept page (or 304), with the headers of a page any cache may keep until the next
    change by the clock."""
    if response is None:
        response = HttpResponse(
            entry.content if request.method == "GET" else b"", headers=entry.headers
        )
        if request.method == "HEAD":
            response["Content-Length"] = str(len(entry.content))
    else:
        response["ETag"] = entry.etag
        response["Last-Modified"] = entry.headers["Last-Modified"]
    left = max(0, int(min(entry.moment - time.time(), 365 * 24 * 3600)))
    max_age = min(settings.EPW_PAGE_CACHE_MAX_AGE, left)
    shared = min(settings.EPW_PAGE_CACHE_SHARED_MAX_AGE, left)
    stale = min(settings.EPW_PAGE_CACHE_STALE_SECONDS, left)
    response["Cache-Control"] = (
        f"public, max-age={max_age}, s-maxage={shared}, stale-while-revalidate={stale}"
    )
    if _not_modified(request, entry):
        not_modified = HttpResponseNotModified()
        for name in ("Cache-Control", "ETag", "Last-Modified", "Vary"):
            not_modified[name] = response[name]
        return not_modified
    return response


def _not_modified(request: HttpRequest, entry: Entry) -> bool:
    """RFC 9110: If-None-Match decides when present; else If-Modified-Since."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = parse_etags(if_none_match)
        weak = entry.etag.removeprefix("W/")
        return "*" in tags or any(tag.removeprefix("W/") == weak for tag in tags)
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and entry.last_modified <= since
