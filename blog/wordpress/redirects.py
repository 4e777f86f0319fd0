"""Old WordPress addresses answered with a 301 to their EPW pages.

Permalinks recorded at import (whatever the blog's permalink structure was) are matched
exactly; the usual WordPress forms are recognised by pattern: ``/YYYY/MM/DD/slug/``,
``/YYYY/MM/slug/``, ``/slug/``, attachment pages, ``/category/…/``, ``/tag/…/``,
``/author/…/``, feeds, uploaded files, ``/index.php/…``, and query strings (``/?p=ID``,
``/index.php?cat=4&feed=rss2``…). An address WordPress would have answered for an item the
public may not see, or for none, gets the site's own 404 page.

An attachment page goes to the article the file belongs to: that is where the reader who
followed the link finds the file with its context (the article's text, caption, comments), as
the attachment page showed them; a file attached to no imported item goes to the file itself.
"""

import re
from urllib.parse import urlencode

from django.core.files.storage import default_storage
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponsePermanentRedirect, QueryDict
from django.urls import Resolver404, resolve, reverse
from taggit.models import Tag

from blog.models import Article, Category, Page, WordPressItem
from blog.wordpress.media import PREFIX, UPLOADS
from blog.wordpress.slugs import wp_slug

Kind = WordPressItem.Kind
MODELS: dict[str, type[Model]] = {
    Kind.POST: Article,
    Kind.PAGE: Page,
    Kind.CATEGORY: Category,
    Kind.TAG: Tag,
}
# WordPress's public query variables that name what to show, and what they may designate.
BY_ID = (
    ("p", (Kind.POST, Kind.PAGE, Kind.ATTACHMENT)),
    ("page_id", (Kind.PAGE, Kind.POST)),
    ("attachment_id", (Kind.ATTACHMENT,)),
    ("cat", (Kind.CATEGORY,)),
    ("author", (Kind.AUTHOR,)),
)
BY_SLUG = (
    ("name", (Kind.POST, Kind.PAGE, Kind.ATTACHMENT)),
    ("pagename", (Kind.PAGE, Kind.POST)),
    ("attachment", (Kind.ATTACHMENT,)),
    ("category_name", (Kind.CATEGORY,)),
    ("tag", (Kind.TAG,)),
    ("author_name", (Kind.AUTHOR,)),
)
IDS = {key for key, _kinds in BY_ID}
QUERY_KEYS = {key for key, _kinds in BY_ID + BY_SLUG} | {"m", "year", "feed", "s", "paged"}
FEED_FORMATS = {"rss", "rss2", "atom", "rdf"}
LISTINGS = {Kind.CATEGORY, Kind.TAG, Kind.AUTHOR}
RESIZED = re.compile(r"-\d+x\d+(\.\w+)$")  # plume-300x200.jpg, a size WordPress made
NUMBER = re.compile(r"[0-9]{1,9}")  # ids of WordPress items, years, page numbers
HOME = {"/index.php", "/index.php/"}  # what WordPress answered as its home page, but "/"


class WordPressRedirectMiddleware:
    """Answers a 301 where EPW has no page but an imported WordPress one lived."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        if response.status_code != 404 or "\x00" in request.path:
            return response
        asks, home = asks_wordpress(request.GET), request.path in HOME
        target = resolve_query(request.GET, home=home) if asks else None
        if target is None and not (asks and home):
            target = resolve_path(request.path)
        return HttpResponsePermanentRedirect(target) if target else response

    def process_view(self, request: HttpRequest, view, args, kwargs):
        """The home page with WordPress's query (``/?p=12``) is the item asked for, or a 404:
        WordPress answered 404 there too, and the home page would hide a broken link."""
        if request.path != "/" or not asks_wordpress(request.GET):
            return None
        target = resolve_query(request.GET)
        if target is None:
            raise Http404
        return HttpResponsePermanentRedirect(target)


def asks_wordpress(query: QueryDict) -> bool:
    """Whether the query names something to show, as WordPress's query variables did."""
    return "s" in query or any(query.get(key) for key in QUERY_KEYS)


def resolve_query(query: QueryDict, *, home: bool = True) -> str | None:
    """The new address for ``/?p=12``, ``/?page_id=3``, ``/?cat=4&feed=rss2``, ``/?m=202103``…

    Without an item, date or search, ``feed`` and ``paged`` are the home page's (elsewhere,
    the path says which listing they are of).
    """
    if "\x00" in "".join(query.values()):
        return None
    feed = query.get("feed", "")
    if feed and feed.removeprefix("comments-") not in FEED_FORMATS:
        return None
    atom = feed.endswith("atom")
    for key, kinds in BY_ID + BY_SLUG:
        value = query.get(key, "")
        if not value:
            continue
        found = _by_id(kinds, value) if key in IDS else _by_slug(kinds, _query_slug(value))
        if found and feed:
            return _feed_of(found, atom=atom, listing=kinds[0] in LISTINGS)
        return _paged_query(found, query) if kinds[0] in LISTINGS else found
    dates = [query.get("m", "")[:4], query.get("m", "")[4:6]] if query.get("m") else []
    dates = dates or [query.get("year", ""), query.get("monthnum", "")]
    dates = [part for part in dates if part]
    if dates:
        if not all(NUMBER.fullmatch(part) for part in dates):
            return None
        return _paged_query(_archive(dates), query)
    if "s" in query:
        search = f"{reverse('blog:search')}?{urlencode({'q': query['s'][:200]})}"
        return _paged_query(search, query)
    if not home:
        return None
    if feed:
        if feed.startswith("comments-"):
            return reverse("blog_comments:feed")
        return reverse("blog:feed_atom" if atom else "blog:feed")
    return _paged_query(reverse("blog:home"), query) if query.get("paged") else None


def resolve_path(path: str) -> str | None:
    """The new address for an old WordPress path, or None when it is not one."""
    if path in HOME or path.startswith("/index.php/"):  # permalinks without rewriting
        path = path.removeprefix("/index.php")
        if path in {"", "/"}:
            return reverse("blog:home")
    record = WordPressItem.objects.filter(
        old_path__in={path, path.rstrip("/"), path.rstrip("/") + "/"},
        kind__in=(Kind.POST, Kind.PAGE, Kind.ATTACHMENT),
    ).first()
    if record:
        return target_of(record)
    if path.startswith(UPLOADS):
        return _upload(path.removeprefix(UPLOADS))
    segments = [segment for segment in path.split("/") if segment]
    if not segments or len(segments) > 8:
        return None
    if len(segments) > 1 and segments[-2] == "page" and NUMBER.fullmatch(segments[-1]):
        return _paged(segments[:-2], int(segments[-1]))
    atom = False
    if segments[-1] in FEED_FORMATS and len(segments) > 1 and segments[-2] == "feed":
        atom = segments.pop() == "atom"
    if segments[-1] == "feed":
        return _feed(segments[:-1], atom=atom)
    head, last = segments[0], segments[-1]
    if head == "category" and len(segments) > 1:
        return _by_slug((Kind.CATEGORY,), last)
    if head == "tag" and len(segments) == 2:
        return _by_slug((Kind.TAG,), last)
    if head == "author" and len(segments) == 2:
        return _by_slug((Kind.AUTHOR,), last)
    if len(segments) > 1 and segments[-2] == "attachment":  # /slug/attachment/file-name/
        return _by_slug((Kind.ATTACHMENT,), last)
    dates = [segment for segment in segments if NUMBER.fullmatch(segment)]
    if len(dates) == len(segments):
        return _archive(dates)
    if segments[: len(dates)] != dates or len(dates) > 3 or len(segments) - len(dates) > 2:
        return None
    # /slug/, /2021/03/slug/, /2021/03/14/slug/, and attachment pages under a post.
    kinds = (Kind.POST, Kind.PAGE) if len(segments) - len(dates) == 1 else (Kind.ATTACHMENT,)
    return _by_slug(kinds, last) or _by_slug((Kind.ATTACHMENT,), last)


def target_of(record: WordPressItem) -> str | None:
    """Where an imported item lives now, if the public may see it there.

    A draft, private or scheduled article and an unpublished page have no target: a 301 to
    them would reveal their title in the address, and be cached.
    """
    if record.kind == Kind.ATTACHMENT:
        if record.parent_wp_id:
            parent = WordPressItem.objects.filter(
                kind__in=(Kind.POST, Kind.PAGE), wp_id=record.parent_wp_id
            ).first()
            if parent:
                return target_of(parent)
        return default_storage.url(record.media_path) if record.media_path else None
    model = _model(record.kind)
    if model is None:
        return None
    objects = model._default_manager.all()
    if model is Article:
        objects = Article.objects.published()
    elif model is Page:
        objects = objects.filter(is_published=True)
    obj = objects.filter(pk=record.object_id).first()
    if obj is None:
        return None
    if isinstance(obj, Tag):
        return reverse("blog:tag_detail", kwargs={"slug": obj.slug})
    return obj.get_absolute_url()


def _model(kind: str) -> type[Model] | None:
    if kind == Kind.AUTHOR:
        # Author profiles belong to an app above the blog: reached through the relation.
        return Article.authors.rel.model
    return MODELS.get(kind)


def _first(records, kinds: tuple[str, ...]) -> str | None:
    found = {record.kind: record for record in records}
    for kind in kinds:
        if kind in found:
            return target_of(found[kind])
    return None


def _by_id(kinds: tuple[str, ...], value: str) -> str | None:
    if not NUMBER.fullmatch(value):
        return None
    return _first(WordPressItem.objects.filter(kind__in=kinds, wp_id=int(value)), kinds)


def _query_slug(value: str) -> str:
    """``parent/child`` names the child; of ``a,b`` or ``a+b`` (several tags), the first."""
    return re.split(r"[,+ ]", value.strip("/").rsplit("/", 1)[-1])[0]


def _by_slug(kinds: tuple[str, ...], slug: str) -> str | None:
    slug = wp_slug(slug)
    if not slug:
        return None
    return _first(WordPressItem.objects.filter(kind__in=kinds, wp_slug=slug), kinds)


def _upload(relative: str) -> str | None:
    """The imported copy of a file of ``wp-content/uploads``, else of its full-size original."""
    parts = [part for part in relative.split("/") if part not in {"", ".", ".."}]
    if not parts or "\x00" in relative:
        return None
    relative = "/".join(parts)
    for candidate in dict.fromkeys([relative, RESIZED.sub(r"\1", relative)]):
        name = f"{PREFIX}/{candidate}"
        known = WordPressItem.objects.filter(kind=Kind.ATTACHMENT, media_path=name).exists()
        if known or default_storage.exists(name):
            return default_storage.url(name)
    return None


def _archive(dates: list[str]) -> str | None:
    year = int(dates[0])
    if not 1990 <= year <= 2999 or len(dates) > 3:
        return None
    if len(dates) == 1:
        return reverse("blog:archive_year", kwargs={"year": year})
    month = int(dates[1])
    if not 1 <= month <= 12:
        return None
    return reverse("blog:archive_month", kwargs={"year": year, "month": month})


def _paged(segments: list[str], number: int) -> str | None:
    """``/page/2/``, ``/category/x/page/2/``…: the same listing's page, as EPW numbers them."""
    if not segments:
        target = reverse("blog:home")
    elif segments[0] in {"category", "tag", "author"} or all(NUMBER.fullmatch(s) for s in segments):
        target = resolve_path("/" + "/".join(segments) + "/")
    else:
        return None
    return _page_of(target, number)


def _paged_query(target: str | None, query: QueryDict) -> str | None:
    """A listing with WordPress's ``paged=N``: the same page of EPW's listing."""
    paged = query.get("paged", "")
    if not target or not paged:
        return target
    return _page_of(target, int(paged)) if NUMBER.fullmatch(paged) else None


def _page_of(target: str | None, number: int) -> str | None:
    if not target or number < 2:
        return target
    return f"{target}{'&' if '?' in target else '?'}{urlencode({'page': number})}"


def _feed(segments: list[str], *, atom: bool) -> str | None:
    """``/feed/``, ``/feed/atom/``, ``/comments/feed/``, ``/category/x/feed/``, a post's
    ``/2021/03/14/slug/feed/`` (its comments)…"""
    if not segments:
        return reverse("blog:feed_atom" if atom else "blog:feed")
    if segments == ["comments"]:
        return reverse("blog_comments:feed")
    head, last = segments[0], segments[-1]
    if head in {"category", "tag"} and len(segments) > 1:
        kind = Kind.CATEGORY if head == "category" else Kind.TAG
        return _feed_of(_by_slug((kind,), last), atom=atom, listing=True)
    if head == "author" and len(segments) == 2:
        return _feed_of(_by_slug((Kind.AUTHOR,), last), atom=atom, listing=True)
    return _feed_of(resolve_path("/" + "/".join(segments) + "/"), atom=atom, listing=False)


def _feed_of(target: str | None, *, atom: bool, listing: bool) -> str | None:
    """A listing's feed; an article's comments feed; a page has no feed: its own address."""
    if target is None or listing:
        return target and f"{target}{'flux/atom/' if atom else 'flux/'}"
    try:
        match = resolve(target)
    except Resolver404:
        return target
    if match.view_name == "blog:article_detail":
        return reverse("blog_comments:article_feed", kwargs={"slug": match.kwargs["slug"]})
    return target
