"""Site-wide middleware."""

from django.contrib.redirects.middleware import RedirectFallbackMiddleware


class SafeRedirectFallbackMiddleware(RedirectFallbackMiddleware):
    """contrib.redirects' fallback, minus the lookup of addresses no redirect can hold:
    PostgreSQL cannot even compare text with a NUL byte, and would answer with an error."""

    def process_response(self, request, response):
        if "\x00" in request.get_full_path():
            return response
        return super().process_response(request, response)
