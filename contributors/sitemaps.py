"""Sitemap of contributor pages."""

from django.db.models import OuterRef

from blog.models import Article
from blog.sitemaps import PublicSitemap, latest_publication
from contributors.models import Contributor


class ContributorSitemap(PublicSitemap):
    """Only contributors credited on a public article."""

    priority = 0.5
    changefreq = "weekly"

    def items(self):
        public = Article.objects.published().filter(authors=OuterRef("pk"))
        return (
            Contributor.objects.annotate(lastmod=latest_publication(public))
            .filter(lastmod__isnull=False)
            .only("slug")
        )

    def lastmod(self, item: Contributor):
        return item.lastmod
