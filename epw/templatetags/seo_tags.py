"""What every page tells search engines, social networks and feed readers about itself.

`{% seo_meta as seo %}` starts from what the view said about its page (`page_seo`, built by
`blog.seo` or `contributors.seo`) and adds what every page has: its canonical address, the site's
name and description where the page has none of its own, and the site's main feed first. It runs
no query: the views have loaded everything.
"""

from dataclasses import replace

from django import template
from django.conf import settings
from django.utils.translation import gettext

from blog.feeds import ArticleAtomFeed, ArticleFeed
from epw.core.seo import SeoMeta, canonical_url, feed_link
from epw.core.site import site_url

register = template.Library()


@register.simple_tag(takes_context=True)
def seo_meta(context) -> SeoMeta | None:
    """The page's canonical URL, OpenGraph/Twitter values, feed links and JSON-LD."""
    request = context.get("request")
    if request is None:  # e.g. rendered outside a request: nothing reliable to say
        return None
    page = context.get("page_seo") or SeoMeta()
    return replace(
        page,
        canonical=page.canonical or canonical_url(request),
        title=page.title or settings.EPW_SITE_NAME,
        description=page.description or default_description(context),
        feeds=[feed_link(ArticleFeed(), ArticleAtomFeed(), None), *page.feeds],
    )


@register.simple_tag(name="site_url")
def site_url_tag(path: str) -> str:
    """`path` on the site's public address, whatever host served this request."""
    return site_url(path)


def default_description(context) -> str:
    chrome = context.get("chrome")
    tagline = chrome.settings.tagline if chrome is not None else ""
    return tagline or gettext(
        "Le magazine de l’écriture pour le web : rédaction, référencement, réseaux sociaux "
        "et newsletters."
    )
