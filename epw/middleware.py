"""Site-wide middleware."""

from django.contrib.redirects.middleware import RedirectFallbackMiddleware
from django.contrib.redirects.models import Redirect
from django.contrib.sites.shortcuts import get_current_site


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
