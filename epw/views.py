"""Site-wide views that belong to no single app."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware import csrf
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from epw import health


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Tell a load balancer or a monitor whether this process can serve pages and run its
    work: schema migrated, database writable, cache answering, task queue moving."""
    checks = health.run_checks()
    body = {name: "ok" if ok else "error" for name, ok in checks.items()}
    return JsonResponse(body, status=200 if all(checks.values()) else 503)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A 400 page that does not use the request (its host or headers may be what is wrong)."""
    return HttpResponse(loader.get_template("400.html").render(), status=400)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A refused form (missing or stale CSRF token) explained in the site's layout."""
    context = {"no_cookie": reason == csrf.REASON_NO_CSRF_COOKIE}
    return render(request, "403_csrf.html", context, status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's own 404, in the site's layout."""
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """A 500 page that needs neither the database nor the request context."""
    return HttpResponse(loader.get_template("500.html").render(), status=500)
