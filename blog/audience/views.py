"""The beacon: pages report their own view, so that pages served by a proxy cache count too."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from blog.audience.recording import record_view
from blog.models import Article
from epw.core import ratelimit
from epw.core.privacy import client_ip
from epw.core.public_forms import origin_checked

# Pages under the counted namespaces that are nobody's reading: previews (X-Robots-Tag).
NOT_COUNTED = {"blog:article_preview", "blog:article_share_preview"}
PATH_MAX = 2000


@never_cache
@origin_checked
@require_POST
def beacon(request: HttpRequest) -> HttpResponse:
    """A page just shown in a browser sends its path (`static/js/audience.js`); answer 204
    whatever happens, and count it once when it is a public page and the sender is not over
    `EPW_AUDIENCE_BEACON_LIMIT`. No cookie is read or set; the address is only hashed."""
    if not (settings.EPW_AUDIENCE_ENABLED and settings.EPW_AUDIENCE_BEACON):
        return HttpResponse(status=204)
    limit, period = settings.EPW_AUDIENCE_BEACON_LIMIT
    if ratelimit.hit("audience", client_ip(request), limit=limit, period=period):
        return HttpResponse(status=204)
    path = request.body[:PATH_MAX].decode("utf-8", "replace").strip()
    if not path.startswith("/") or path.startswith("//"):
        return HttpResponse(status=204)
    try:
        match = resolve(path)
    except Resolver404:
        return HttpResponse(status=204)
    if match.namespace not in settings.EPW_AUDIENCE_NAMESPACES or match.view_name in NOT_COUNTED:
        return HttpResponse(status=204)
    article = 0
    if match.view_name == "blog:article_detail":
        found = Article.objects.published().filter(slug=match.kwargs["slug"]).values("pk")
        article = next(iter(found), {"pk": None})["pk"]
        if article is None:  # no such public article: nobody read it
            return HttpResponse(status=204)
    record_view(request, article)
    return HttpResponse(status=204)
