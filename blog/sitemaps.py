"""Sitemaps of everything the public may read: articles, pages, categories, tags, home.

URLs are built on `EPW_SITE_URL`, the site's public address, like the feeds.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from taggit.models import Tag

from blog.models import Article, Category, Page
from epw.core.site import site_netloc, site_scheme


def latest_publication(articles) -> Subquery:
    """The publication date of the newest of these public articles, for an annotation."""
    return Subquery(articles.order_by("-published_at").values("published_at")[:1])


class PublicSitemap(Sitemap):
    """Absolute URLs on the site's public address, not on the `sites` framework's domain."""

    def get_protocol(self, protocol=None) -> str:
        return site_scheme()

    def get_domain(self, site=None) -> str:
        return site_netloc()


class HomeSitemap(PublicSitemap):
    priority = 1.0
    changefreq = "daily"

    def items(self) -> list[str]:
        return ["blog:home", "blog:tag_list"]

    def location(self, item: str) -> str:
        return reverse(item)


class ArticleSitemap(PublicSitemap):
    priority = 0.8

    def items(self):
        return (
            Article.objects.published()
            .only("slug", "published_at", "updated_at", "modified_at")
            .order_by("-published_at", "-pk")
        )

    def lastmod(self, item: Article):
        return item.last_modified


class PageSitemap(PublicSitemap):
    priority = 0.4

    def items(self):
        return Page.objects.filter(is_published=True).only("slug", "modified_at")

    def lastmod(self, item: Page):
        return item.modified_at


class CategorySitemap(PublicSitemap):
    priority = 0.6
    changefreq = "weekly"

    def items(self):
        public = Article.objects.published().filter(category=OuterRef("pk"))
        return Category.objects.annotate(lastmod=latest_publication(public))

    def lastmod(self, item: Category):
        return item.lastmod


class TagSitemap(PublicSitemap):
    """Only tags carried by a public article: the others have no public page."""

    priority = 0.5
    changefreq = "weekly"

    def items(self):
        public = Article.objects.published().filter(tagged_items__tag=OuterRef("pk"))
        return (
            Tag.objects.annotate(lastmod=latest_publication(public))
            .filter(lastmod__isnull=False)
            .order_by("name")
        )

    def location(self, item: Tag) -> str:
        return reverse("blog:tag_detail", kwargs={"slug": item.slug})

    def lastmod(self, item: Tag):
        return item.lastmod


sitemaps = {
    "home": HomeSitemap,
    "articles": ArticleSitemap,
    "pages": PageSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
}
