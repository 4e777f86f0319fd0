"""RSS 2.0 and Atom feeds of one contributor's public articles."""

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext

from blog.feeds import ArticleFeed, AtomFeedMixin
from blog.models import Article
from blog.typography import elide_before
from contributors.models import Contributor


class ContributorFeed(ArticleFeed):
    """The latest public articles credited to one contributor."""

    url_name = "contributors:contributor_feed"

    def get_object(self, request, slug: str) -> Contributor:
        return get_object_or_404(Contributor.objects.with_published_articles(), slug=slug)

    def title(self, obj: Contributor) -> str:
        title = gettext("%(site)s — articles de %(name)s") % {
            "site": settings.EPW_SITE_NAME,
            "name": obj.display_name,
        }
        return elide_before(title, obj.display_name)

    def description(self, obj: Contributor) -> str:
        description = gettext("Articles de %(name)s") % {"name": obj.display_name}
        return elide_before(description, obj.display_name)

    def articles(self, obj: Contributor):
        return Article.objects.published().filter(authors=obj)


class ContributorAtomFeed(AtomFeedMixin, ContributorFeed):
    url_name = "contributors:contributor_feed_atom"
