"""What other servers read to find, describe and follow the blog and its authors.

Every answer here is JSON built from the database, never kept by the page cache (only HTML
pages named in EPW_PAGE_CACHE_VIEWS are), and every view answers 404 while federation is off.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

from django.core.paginator import InvalidPage, Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext
from django.views.decorators.http import require_safe

from blog.models import Article
from contributors.models import Contributor
from epw.core.site import site_host, site_netloc
from fediverse import documents, services, uris
from fediverse.models import Follower, LocalActor, OutgoingActivity
from fediverse.switch import federation_on

ACTIVITY_JSON = "application/activity+json"
JRD_JSON = "application/jrd+json"
NODEINFO_JSON = f'application/json; profile="{documents.NODEINFO_SCHEMA}#"'


def _json(data: dict, content_type: str, *, status: int = 200, cors: bool = False) -> JsonResponse:
    response = JsonResponse(
        data, content_type=content_type, status=status, json_dumps_params={"ensure_ascii": False}
    )
    if cors:
        response["Access-Control-Allow-Origin"] = "*"
    return response


def _activity_json(data: dict) -> JsonResponse:
    response = _json(data, ACTIVITY_JSON)
    patch_vary_headers(response, ["Accept"])
    return response


def _wants_html(request: HttpRequest) -> bool:
    """A browser following a link to an actor, rather than a server asking for its document."""
    accept = request.headers.get("Accept", "")
    if "activity+json" in accept or "ld+json" in accept:
        return False
    return "text/html" in accept


# Discovery -----------------------------------------------------------------------------------


@federation_on
@require_safe
def webfinger(request: HttpRequest) -> HttpResponse:
    """For other servers: `acct:redaction@host` (or an actor's address) → the actor's address."""
    resource = request.GET.get("resource", "").strip()
    if not resource:
        error = gettext("Le paramètre « resource » est requis.")
        return _json({"error": error}, JRD_JSON, status=400, cors=True)
    found = _resource(resource)
    if found is None:
        raise Http404
    username, contributor = found
    if contributor is None:
        actor_uri = uris.site_actor()
    else:
        actor_uri = uris.author_actor(contributor.pk)
    document = documents.webfinger(
        username=username, actor_uri=actor_uri, profile=documents.profile_url(contributor)
    )
    return _json(document, JRD_JSON, cors=True)


def _resource(resource: str) -> tuple[str, Contributor | None] | None:
    """The (handle, author or None for the blog) a WebFinger resource names, if any."""
    blog = documents.site_username()
    if resource.startswith(("https://", "http://")):
        if resource == uris.site_actor():
            return blog, None
        number = resource.removeprefix(uris.author_actor(0)[:-1])
        if number == resource or not number.isdigit():
            return None
        contributor = documents.followable_authors().filter(pk=int(number)).first()
    else:
        username, at, host = resource.removeprefix("acct:").lstrip("@").rpartition("@")
        if not at or host.lower() not in {site_host().lower(), site_netloc().lower()}:
            return None
        username = username.lower()
        if username == blog:
            return blog, None
        contributor = documents.followable_authors().filter(slug=username).first()
    return (contributor.slug, contributor) if contributor else None


@federation_on
@require_safe
def nodeinfo_links(request: HttpRequest) -> HttpResponse:
    """For other servers and crawlers: where the NodeInfo document is."""
    return _json(documents.nodeinfo_links(), "application/json", cors=True)


@federation_on
@require_safe
def nodeinfo(request: HttpRequest) -> HttpResponse:
    """For other servers and crawlers: what this server is and how much it publishes."""
    published = Article.objects.published()
    half_year = published.filter(published_at__gte=timezone.now() - timedelta(days=180))
    month = half_year.filter(published_at__gte=timezone.now() - timedelta(days=30))

    def accounts(articles) -> int:
        """The blog, if it published any of these articles, and the authors who did."""
        authors = Contributor.objects.filter(articles__in=articles).distinct().count()
        return authors + int(articles.exists())

    document = documents.nodeinfo(
        users=1 + Contributor.objects.filter(articles__in=published).distinct().count(),
        active_month=accounts(month),
        active_halfyear=accounts(half_year),
        posts=published.count(),
        description=documents.site_settings().tagline,
    )
    return _json(document, NODEINFO_JSON, cors=True)


# Actors and their collections ----------------------------------------------------------------


def _author_or_404(contributor_id: int) -> Contributor:
    contributor = documents.followable_authors().filter(pk=contributor_id).first()
    if contributor is None:
        raise Http404
    return contributor


def _actor(contributor_id: int | None) -> LocalActor:
    """The blog's actor, or an author's (404 for an author without a public article)."""
    if contributor_id is None:
        return services.site_actor_get()
    contributor = _author_or_404(contributor_id)
    actor = services.author_actor_get(contributor=contributor)
    actor.contributor = contributor
    return actor


@federation_on
@require_safe
def actor(request: HttpRequest, contributor_id: int | None = None) -> HttpResponse:
    """For other servers: the actor document; for a browser: a redirect to the profile page."""
    if _wants_html(request):
        contributor = None if contributor_id is None else _author_or_404(contributor_id)
        response = redirect(documents.profile_url(contributor))
        patch_vary_headers(response, ["Accept"])
        return response
    local = _actor(contributor_id)
    return _activity_json(documents.actor_document(local, row=documents.site_settings()))


@federation_on
@require_safe
def outbox(request: HttpRequest, contributor_id: int | None = None) -> HttpResponse:
    """For other servers: the actor's public activities, newest first, page by page."""
    local = _actor(contributor_id)
    rows = (
        OutgoingActivity.objects.filter(actor=local, public=True)
        .order_by("-created_at", "-pk")
        .values_list("payload", flat=True)
    )
    return _collection(request, uris.outbox(local), rows, documents.outbox_item)


@federation_on
@require_safe
def followers(request: HttpRequest, contributor_id: int | None = None) -> HttpResponse:
    """For other servers: the addresses of the actor's accepted followers, page by page."""
    local = _actor(contributor_id)
    rows = (
        Follower.objects.filter(actor=local, status=Follower.Status.ACCEPTED)
        .order_by("-created_at", "-pk")
        .values_list("remote__uri", flat=True)
    )
    return _collection(request, uris.followers(local), rows, str)


@federation_on
@require_safe
def following(request: HttpRequest, contributor_id: int | None = None) -> HttpResponse:
    """For other servers: whom the actor follows (nobody: the blog only publishes)."""
    if contributor_id is not None:
        _author_or_404(contributor_id)
        address = uris.author_actor(contributor_id) + "/following"
    else:
        address = uris.site_actor() + "/following"
    return _activity_json(documents.collection(address=address, total=0))


def _collection(request: HttpRequest, address: str, rows: QuerySet, item: Callable) -> HttpResponse:
    """The collection itself, or with `?page=N` one of its pages (404 past the last)."""
    paginator = Paginator(rows, documents.PAGE_SIZE)
    number = request.GET.get("page")
    if number is None:
        return _activity_json(documents.collection(address=address, total=paginator.count))
    try:
        page = paginator.page(number)
    except InvalidPage as error:
        raise Http404 from error
    items = [item(row) for row in page.object_list]
    return _activity_json(documents.collection_page(address=address, page=page, items=items))
