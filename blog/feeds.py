"""RSS 2.0 and Atom feeds of public articles: the whole site, one category, one tag.

Links are built on `EPW_SITE_URL`, the site's public address, so feed readers get the same URLs
whatever host served the feed. Every feed runs a fixed number of queries: the subject (if any),
the articles, then their authors and tags in one prefetch each.
"""

import html

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext
from taggit.models import Tag

from blog.models import Article, Category, TaggedArticle
from epw.core.site import site_url

FEED_LENGTH = 20


def summary_text(article: Article) -> str:
    """The article's summary as plain text: excerpt and chapô are text, the body is HTML."""
    if article.excerpt or article.standfirst:
        return article.summary
    return html.unescape(article.summary)  # already stripped of tags, not of entities


class SiteLanguageFeed(Feed):
    """A feed written in the site's language, that of its articles and comments, whatever
    language the reader's browser asks the pages in."""

    language = settings.LANGUAGE_CODE

    def __call__(self, request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return super().__call__(request, *args, **kwargs)


class ArticleFeed(SiteLanguageFeed):
    """The latest public articles of the whole site."""

    url_name = "blog:feed"

    def title(self, obj) -> str:
        return gettext("%(site)s — derniers articles") % {"site": settings.EPW_SITE_NAME}

    def description(self, obj) -> str:
        return gettext("Les derniers articles du magazine %(site)s.") % {
            "site": settings.EPW_SITE_NAME
        }

    def link(self, obj) -> str:
        return site_url(obj.get_absolute_url() if obj is not None else reverse("blog:home"))

    def path(self, obj) -> str:
        """This feed's path for `obj` (the category, tag or contributor, or None)."""
        return reverse(self.url_name, kwargs={"slug": obj.slug} if obj is not None else {})

    def feed_url(self, obj) -> str:
        return site_url(self.path(obj))

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return (
            self.articles(obj)
            .prefetch_related("authors", "tags")
            .order_by("-published_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item: Article) -> str:
        return item.title

    def item_description(self, item: Article) -> str:
        # RSS descriptions and Atom summaries are HTML: escape the text once.
        return html.escape(summary_text(item), quote=False)

    def item_link(self, item: Article) -> str:
        return site_url(item.get_absolute_url())

    def item_pubdate(self, item: Article):
        return item.published_at

    def item_updateddate(self, item: Article):
        return item.last_modified

    def item_author_name(self, item: Article) -> str | None:
        return ", ".join(author.display_name for author in item.authors.all()) or None

    def item_author_link(self, item: Article) -> str | None:
        authors = item.authors.all()
        return site_url(authors[0].get_absolute_url()) if len(authors) == 1 else None

    def item_categories(self, item: Article) -> list[str]:
        return [tag.name for tag in item.tags.all()]


class CategoryFeed(ArticleFeed):
    """The latest public articles of one category."""

    url_name = "blog:category_feed"

    def get_object(self, request, slug: str) -> Category:
        return get_object_or_404(Category, slug=slug)

    def title(self, obj: Category) -> str:
        return f"{settings.EPW_SITE_NAME} — {obj.name}"

    def description(self, obj: Category) -> str:
        return gettext("Articles de la catégorie « %(name)s »") % {"name": obj.name}

    def articles(self, obj: Category):
        return Article.objects.published().filter(category=obj)


class TagFeed(ArticleFeed):
    """The latest public articles carrying one tag."""

    url_name = "blog:tag_feed"

    def get_object(self, request, slug: str) -> Tag:
        # Like the tag page: a tag only hidden articles carry is not revealed.
        public = TaggedArticle.objects.filter(
            tag=OuterRef("pk"), content_object__in=Article.objects.published()
        )
        return get_object_or_404(Tag.objects.filter(Exists(public)), slug=slug)

    def title(self, obj: Tag) -> str:
        return gettext("%(site)s — étiquette « %(name)s »") % {
            "site": settings.EPW_SITE_NAME,
            "name": obj.name,
        }

    def description(self, obj: Tag) -> str:
        return gettext("Articles avec l’étiquette « %(name)s »") % {"name": obj.name}

    def link(self, obj: Tag) -> str:
        return site_url(reverse("blog:tag_detail", kwargs={"slug": obj.slug}))

    def articles(self, obj: Tag):
        return Article.objects.published().filter(tagged_items__tag=obj)


class AtomFeedMixin:
    """The same feed in Atom: its description becomes the subtitle."""

    feed_type = Atom1Feed

    def subtitle(self, obj) -> str:
        return self.description(obj)


class ArticleAtomFeed(AtomFeedMixin, ArticleFeed):
    url_name = "blog:feed_atom"


class CategoryAtomFeed(AtomFeedMixin, CategoryFeed):
    url_name = "blog:category_feed_atom"


class TagAtomFeed(AtomFeedMixin, TagFeed):
    url_name = "blog:tag_feed_atom"
