"""« À lire aussi »: the public articles sharing the most tags, the most recent first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import Article
from blog.views import related_articles
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_related_articles_share_the_most_tags_then_are_the_most_recent():
    now = timezone.now()

    def published(days: int, tags: list[str], **kwargs) -> Article:
        return ArticleFactory(published_at=now - timedelta(days=days), tags=tags, **kwargs)

    article = published(1, ["a", "b", "c"])
    two_recent = published(5, ["a", "b"])
    two_older = published(9, ["b", "c", "z"])
    one_newest = published(2, ["c"])
    published(3, ["z"])  # shares nothing
    published(4, ["a"])  # one tag, older than one_newest: fourth, so left out
    ArticleFactory(status=Article.Status.DRAFT, tags=["a", "b", "c"])
    ArticleFactory(published_at=now + timedelta(days=1), tags=["a", "b", "c"])

    related = related_articles(article)

    assert related == [two_recent, two_older, one_newest]
    assert [item.shared_tags for item in related] == [2, 2, 1]
