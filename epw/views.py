"""Site-wide views that belong to no single app."""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.middleware import csrf
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """Tell a load balancer whether this process can reach its database and cache."""
    checks = {"database": _database_ok(), "cache": _cache_ok()}
    healthy = all(checks.values())
    body = {name: "ok" if ok else "error" for name, ok in checks.items()}
    return JsonResponse(body, status=200 if healthy else 503)


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def _cache_ok() -> bool:
    try:
        cache.set("healthz", "ok", timeout=10)
        return cache.get("healthz") == "ok"
    except Exception:  # noqa: BLE001 - every cache backend raises its own errors
        return False


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
