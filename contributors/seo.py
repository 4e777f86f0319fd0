"""How an author page describes itself to search engines and social networks."""

from contributors.feeds import ContributorAtomFeed, ContributorFeed
from contributors.models import Contributor
from epw.core.seo import SeoMeta, feed_link, shorten


def contributor_seo(contributor: Contributor) -> SeoMeta:
    return SeoMeta(
        title=contributor.display_name,
        description=shorten(contributor.bio or contributor.display_name),
        feeds=[feed_link(ContributorFeed(), ContributorAtomFeed(), contributor)],
    )
