"""What a page tells search engines, social networks and feed readers about itself.

Each view that shows one thing (an article, a page, a category, a tag, an author) describes it
with a `SeoMeta` built by its app (`blog.seo`, `contributors.seo`) and passes it to the template as
`page_seo`; the site-wide template tag (`epw/templatetags/seo_tags.py`) adds what every page has:
the canonical address, the site's name, description and main feed.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from epw.core.site import site_url

DESCRIPTION_LENGTH = 160
# As django.utils.html.json_script: no "</script>" or "<!--" can close the script element.
JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@dataclass
class FeedLink:
    title: str
    rss: str
    atom: str


@dataclass
class SeoMeta:
    canonical: str = ""
    title: str = ""
    description: str = ""
    type: str = "website"
    image: str = ""
    image_alt: str = ""
    image_width: int | None = None
    image_height: int | None = None
    published: str = ""
    modified: str = ""
    section: str = ""
    tags: list[str] = field(default_factory=list)
    author_urls: list[str] = field(default_factory=list)
    feeds: list[FeedLink] = field(default_factory=list)
    json_ld: SafeString = field(default_factory=SafeString)


def canonical_url(request: HttpRequest) -> str:
    """This page's public address without its query string, except a page number past the
    first. Built on `EPW_SITE_URL`, like the sitemap and feeds, never on the request's Host."""
    url = site_url(request.path)
    page = request.GET.get("page", "")
    if page.isascii() and page.isdigit() and int(page) > 1:
        url += f"?page={int(page)}"
    return url


def feed_link(rss, atom, obj) -> FeedLink:
    """The RSS and Atom links of a syndication feed pair, for `obj` (None: the site's feed)."""
    return FeedLink(
        title=rss.title(obj), rss=site_url(rss.path(obj)), atom=site_url(atom.path(obj))
    )


def shorten(text: str) -> str:
    """A description from plain text, at most DESCRIPTION_LENGTH characters."""
    return Truncator(text.strip()).chars(DESCRIPTION_LENGTH)


def iso(moment: datetime | None) -> str:
    return timezone.localtime(moment).replace(microsecond=0).isoformat() if moment else ""


def json_ld(data: dict) -> SafeString:
    """JSON safe to place inside a <script> element, whatever the strings it carries."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))
