"""What a page tells search engines, social networks and feed readers about itself.

`{% seo_meta as seo %}` reads the page's subject from the template context (`article`, `page`,
`category`, `tag` or `contributor`, as the views already provide them) and returns the values
`includes/seo.html` prints. It runs no query: the views have loaded everything it reads.
"""

import json
from dataclasses import dataclass, field
from datetime import datetime

from django import template
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext
from taggit.models import Tag

from blog.feeds import (
    ArticleAtomFeed,
    ArticleFeed,
    CategoryAtomFeed,
    CategoryFeed,
    TagAtomFeed,
    TagFeed,
    summary_text,
)
from blog.models import Article, Category, Page
from contributors.feeds import ContributorAtomFeed, ContributorFeed
from contributors.models import Contributor
from epw.core.site import site_url

register = template.Library()

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
    canonical: str
    title: str
    description: str
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


@register.simple_tag(takes_context=True)
def seo_meta(context) -> SeoMeta | None:
    """The page's canonical URL, OpenGraph/Twitter values, feed links and JSON-LD."""
    request: HttpRequest | None = context.get("request")
    if request is None:  # e.g. rendered outside a request: nothing reliable to say
        return None
    seo = SeoMeta(
        canonical=canonical_url(request),
        title=settings.EPW_SITE_NAME,
        description=default_description(context),
        feeds=[feed_link(ArticleFeed(), ArticleAtomFeed(), None)],
    )
    article, page = context.get("article"), context.get("page")
    category, tag = context.get("category"), context.get("tag")
    contributor = context.get("contributor")
    if isinstance(article, Article):
        describe_article(seo, article)
    elif isinstance(page, Page):
        seo.title = page.title
        seo.description = page.seo_description or page.title
    elif isinstance(category, Category):
        seo.title = category.name
        seo.description = shorten(category.description or category.name)
        seo.feeds.append(feed_link(CategoryFeed(), CategoryAtomFeed(), category))
    elif isinstance(tag, Tag):
        seo.title = tag.name
        seo.description = gettext("Articles avec l’étiquette « %(name)s »") % {"name": tag.name}
        seo.feeds.append(feed_link(TagFeed(), TagAtomFeed(), tag))
    elif isinstance(contributor, Contributor):
        seo.title = contributor.display_name
        seo.description = shorten(contributor.bio or contributor.display_name)
        seo.feeds.append(feed_link(ContributorFeed(), ContributorAtomFeed(), contributor))
    return seo


@register.simple_tag(name="site_url")
def site_url_tag(path: str) -> str:
    """`path` on the site's public address, whatever host served this request."""
    return site_url(path)


def canonical_url(request: HttpRequest) -> str:
    """This page's public address without its query string, except a page number past the
    first. Built on `EPW_SITE_URL`, like the sitemap and feeds, never on the request's Host."""
    url = site_url(request.path)
    page = request.GET.get("page", "")
    if page.isascii() and page.isdigit() and int(page) > 1:
        url += f"?page={int(page)}"
    return url


def default_description(context) -> str:
    chrome = context.get("chrome")
    tagline = chrome.settings.tagline if chrome is not None else ""
    return tagline or gettext(
        "Le magazine de l’écriture pour le web : rédaction, référencement, réseaux sociaux "
        "et newsletters."
    )


def shorten(text: str) -> str:
    """A description from plain text, at most DESCRIPTION_LENGTH characters."""
    return Truncator(text.strip()).chars(DESCRIPTION_LENGTH)


def iso(moment: datetime | None) -> str:
    return timezone.localtime(moment).replace(microsecond=0).isoformat() if moment else ""


def feed_link(rss, atom, obj) -> FeedLink:
    return FeedLink(
        title=rss.title(obj),
        rss=site_url(rss.path(obj)),
        atom=site_url(atom.path(obj)),
    )


def describe_article(seo: SeoMeta, article: Article) -> None:
    authors = list(article.authors.all())
    seo.type = "article"
    seo.title = article.seo_title or article.title
    seo.description = article.seo_description or shorten(summary_text(article))
    seo.published = iso(article.published_at)
    seo.modified = iso(article.last_modified)
    seo.section = article.category.name if article.category else ""
    seo.tags = [tag.name for tag in article.tags.all()]
    seo.author_urls = [site_url(a.get_absolute_url()) for a in authors]
    if article.cover:
        seo.image = site_url(article.cover.url)
        seo.image_alt = article.cover_alt
        seo.image_width, seo.image_height = article.cover_width, article.cover_height
    seo.json_ld = json_ld(article_graph(seo, article, authors))


def article_graph(seo: SeoMeta, article: Article, authors: list[Contributor]) -> dict:
    """schema.org `Article` and its `BreadcrumbList` (Home › Category › Article)."""
    home = site_url(reverse("blog:home"))
    entry = {
        "@type": "Article",
        "headline": article.title,
        "description": seo.description,
        "datePublished": seo.published,
        "dateModified": seo.modified,
        "author": [
            {"@type": "Person", "name": author.display_name, "url": url}
            for author, url in zip(authors, seo.author_urls, strict=True)
        ],
        "publisher": {"@type": "Organization", "name": settings.EPW_SITE_NAME, "url": home},
        "mainEntityOfPage": seo.canonical,
        "url": seo.canonical,
        "inLanguage": settings.LANGUAGE_CODE,
    }
    if seo.image:
        entry["image"] = [seo.image]
    if seo.section:
        entry["articleSection"] = seo.section
    if seo.tags:
        entry["keywords"] = seo.tags
    trail = [(gettext("Accueil"), home)]
    if article.category:
        trail.append((article.category.name, site_url(article.category.get_absolute_url())))
    trail.append((article.title, seo.canonical))
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }
    return {"@context": "https://schema.org", "@graph": [entry, breadcrumbs]}


def json_ld(data: dict) -> SafeString:
    """JSON safe to place inside a <script> element, whatever the strings it carries."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_SCRIPT_ESCAPES))
