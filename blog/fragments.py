"""Fragments of the reading pages rendered once per version of their content, kept in the cache.

**Article text.** The title, standfirst and body as the article page shows them (French
typography, embeds as facades) are made once per article version and language: no regular
expression runs over a body on a reader's request. The facades hold translated words, hence a
cache per language rather than a stored column.

**Cards.** A card shows the article's own row (title, summary, cover, date, reading time) and
its authors, category and tags. Its key holds the article's `version`, which moves with every
save and every bulk change, and the site generation (`epw.core.chrome_cache`), which moves when
an author, a category or a tag changes (signals connected below), so a key never outlives its
content. It also holds the language, the card's variant and a digest of the card's templates,
so a new release never shows a card of the old one.

A listing reads its page of cards in one `get_many`; only the missing ones need their rows,
authors and tags, which are then read in one batch.
"""

import hashlib
from collections.abc import Sequence

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.template.loader import get_template, render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from blog.embeds import with_facades
from blog.listings import Listed
from blog.models import Article
from blog.search.query import Found
from blog.typography import french_typography
from epw.core.chrome_cache import site_changed, site_generation
from epw.core.kept_cache import kept_cache

CARD_TEMPLATE = "blog/includes/article_card.html"
CARD_TEMPLATES = (CARD_TEMPLATE, "blog/includes/byline.html", "blog/includes/tag_list.html")
RESULT_TEMPLATE = "blog/includes/search_result.html"
RESULT_TEMPLATES = (RESULT_TEMPLATE, *CARD_TEMPLATES[1:])
EXCERPT_SLOT = mark_safe("\x00excerpt\x00")  # where each search puts its own excerpt
TIMEOUT = 7 * 24 * 3600
# What a card shows without being the article's row: a change to one of these renews every card.
SHOWN_MODELS = ("blog.Category", "taggit.Tag", "contributors.Contributor")


def attach_cards(
    listed: Sequence[Listed], *, heading_level: int = 2, featured: Listed | None = None
) -> list[Listed]:
    """Set `card_html` on each entry of a listing: its card, from the cache or rendered now
    (the rows of the missing ones are read in one batch). The `featured` one, if any among
    them, gets the featured card. Returns the entries that have one: an article deleted since
    the listing was read has none."""
    if not listed:
        return []
    featured_pk = featured.pk if featured else None
    prefix = ":".join(
        [
            "card",
            _templates_digest(CARD_TEMPLATES),
            site_generation(),
            get_language() or "",
            str(heading_level),
        ]
    )
    keys = {f"{prefix}:{int(e.pk == featured_pk)}:{e.pk}:{e.version}": e for e in listed}
    found = kept_cache().get_many(keys)
    missing = {key: entry for key, entry in keys.items() if key not in found}
    if missing:
        rows = Article.objects.filter(pk__in=[entry.pk for entry in missing.values()])
        articles = {article.pk: article for article in rows.for_listing()}
        rendered = {
            key: render_to_string(
                CARD_TEMPLATE,
                {
                    "article": articles[entry.pk],
                    "featured": entry.pk == featured_pk,
                    "heading_level": heading_level,
                },
            )
            for key, entry in missing.items()
            if entry.pk in articles
        }
        kept_cache().set_many(rendered, TIMEOUT)
        found.update(rendered)
    for key, entry in keys.items():
        # Rendered by the template from escaped and sanitised values.
        entry.card_html = mark_safe(found.get(key, ""))
    return [entry for entry in listed if entry.card_html]


def attach_result_cards(results: Sequence[Found]) -> list[Found]:
    """Set `result_html` on each search result: its card with its excerpt. The card is the same
    for every search (its links, byline and tags cost most of the rendering) and is kept like
    the listings' cards; the excerpt, which depends on the query, goes into its slot. Returns
    the results that have one: an article deleted since the search was kept has none."""
    if not results:
        return []
    prefix = ":".join(
        ["result", _templates_digest(RESULT_TEMPLATES), site_generation(), get_language() or ""]
    )
    keys = {f"{prefix}:{found.pk}:{found.version}": found for found in results}
    cards = kept_cache().get_many(keys)
    missing = {key: found for key, found in keys.items() if key not in cards}
    if missing:
        rows = Article.objects.filter(pk__in=[found.pk for found in missing.values()])
        articles = {article.pk: article for article in rows.for_listing()}
        rendered = {
            key: render_to_string(
                RESULT_TEMPLATE, {"article": articles[found.pk], "excerpt": EXCERPT_SLOT}
            )
            for key, found in missing.items()
            if found.pk in articles
        }
        kept_cache().set_many(rendered, TIMEOUT)
        cards.update(rendered)
    for key, found in keys.items():
        # The card and the excerpt are both safe HTML (escaped values, our own <mark> tags).
        card = cards.get(key, "")
        found.result_html = mark_safe(card.replace(EXCERPT_SLOT, conditional_escape(found.excerpt)))
    return [found for found in results if found.result_html]


TEXT_VERSION = 1  # bump when the typography or the facades change what they make


def article_text(article: Article) -> dict[str, SafeString]:
    """The article's title, standfirst and body as its page shows them."""
    key = f"article-text:{TEXT_VERSION}:{get_language() or ''}:{article.pk}:{article.version}"
    text = kept_cache().get(key)
    if text is None:
        text = {
            "title": conditional_escape(french_typography(article.title)),
            "standfirst": conditional_escape(french_typography(article.standfirst)),
            # Sanitised on save; the facades and the typography add only their own markup.
            "body": mark_safe(french_typography(with_facades(article.body))),
        }
        kept_cache().set(key, text, TIMEOUT)
    return text


def _templates_digest(names: Sequence[str]) -> str:
    """The templates as this process loads them (the cached loader keeps them)."""
    sources = "\0".join(get_template(name).template.source for name in names)
    return hashlib.sha256(sources.encode()).hexdigest()[:12]


def _shown_model_changed(**kwargs) -> None:
    transaction.on_commit(site_changed)


def connect_signals() -> None:
    """Renew the cards when something they show changes, whatever changed it (admin, import…)."""
    for model in SHOWN_MODELS:
        post_save.connect(_shown_model_changed, sender=model, dispatch_uid=f"cards-{model}")
        post_delete.connect(_shown_model_changed, sender=model, dispatch_uid=f"cards-{model}-del")
