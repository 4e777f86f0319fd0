"""Site-wide middleware."""

import re

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.contrib.redirects.models import Redirect
from django.contrib.sites.shortcuts import get_current_site

from epw import page_cache


class SafeRedirectFallbackMiddleware(RedirectFallbackMiddleware):
    """contrib.redirects' fallback, minus the lookup of addresses no redirect can hold
    (PostgreSQL cannot even compare text with a NUL byte, and would answer with an error),
    plus the old addresses reached with a query string (?utm_source=…), which keep it."""

    def process_response(self, request, response):
        if "\x00" in request.get_full_path():
            return response
        response = super().process_response(request, response)
        query = request.META.get("QUERY_STRING", "")
        if response.status_code != 404 or not query:
            return response
        redirect = self._redirect_for_path(request)
        if redirect is None:
            return response
        if redirect.new_path == "":
            return self.response_gone_class()
        separator = "&" if "?" in redirect.new_path else "?"
        return self.response_redirect_class(f"{redirect.new_path}{separator}{query}")

    @staticmethod
    def _redirect_for_path(request) -> Redirect | None:
        site = get_current_site(request)
        paths = [request.path]
        if not request.path.endswith("/"):
            paths.append(f"{request.path}/")
        for path in paths:
            redirect = Redirect.objects.filter(site=site, old_path=path).first()
            if redirect is not None:
                return redirect
        return None


# An embed's facade (templates/blog/includes/_embed.html) names the player it loads on a click;
# a media file (data-embed-direct) plays in the page itself and is no frame.
EMBED_PLAYER = re.compile(
    rb'<figure [^>]*\bdata-embed-player="(https://[a-z0-9.-]+(?::[0-9]+)?)/[^"]*"'
    rb"(?![^>]*\bdata-embed-direct)"
)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's policy (settings.CONTENT_SECURITY_POLICY), whose frame-src also allows the
    players of the embeds shown on this very page: PeerTube and Mastodon embeds come from any
    host, and a page frames nothing else. Facades are only ever written by blog.embeds (the
    sanitiser keeps no data-embed-player attribute), so the page's own HTML names them."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        origins = embed_player_origins(response)
        if origins:
            parts.update = (parts.update or {}) | {"frame-src": sorted(origins)}
        return parts


def embed_player_origins(response) -> set[str]:
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return set()
    if b"data-embed-player" not in response.content:
        return set()
    return {origin.decode() for origin in EMBED_PLAYER.findall(response.content)}


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every response, from settings.PERMISSIONS_POLICY:
    {feature: [allowed origins]}, an empty list switching the feature off."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}=({' '.join(origins)})"
            for feature, origins in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class PageCacheMiddleware:
    """Anonymous readers' pages from the page cache (`epw.page_cache`), and every page's
    caching headers. Placed first after SecurityMiddleware: a kept page costs two cache reads."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.page_cache = None
        if page_cache.eligible(request):
            kept = page_cache.lookup(request)
            if kept is not None:
                return kept
        return page_cache.store(request, self.get_response(request))
