"""RSS feeds of the latest public comments: the whole site, and one article."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import linebreaks
from django.utils.translation import gettext
from django_comments_xtd.models import XtdComment

from blog.comments.permalinks import comment_paths
from blog.comments.queries import article_public_comments, public_comments
from blog.feeds import SiteLanguageFeed
from blog.models import Article
from epw.core.site import site_url

FEED_LENGTH = 30
NEWEST_FIRST = ("-submit_date", "-pk")


def with_paths(comments: list[XtdComment]) -> list[XtdComment]:
    """Give each comment (with its `article`) the path that shows it, in one query for all."""
    paths = comment_paths((comment, comment.article) for comment in comments)
    for comment in comments:
        comment.path = paths[comment.pk]
    return comments


class LatestCommentsFeed(SiteLanguageFeed):
    """The latest public comments of the whole site (on public articles only)."""

    def title(self, obj) -> str:
        return gettext("%(site)s — derniers commentaires") % {"site": settings.EPW_SITE_NAME}

    def description(self, obj) -> str:
        return gettext("Les derniers commentaires publiés sur %(site)s.") % {
            "site": settings.EPW_SITE_NAME
        }

    def link(self, obj) -> str:
        return site_url(reverse("blog:home"))

    def feed_url(self, obj) -> str:
        return site_url(reverse("blog_comments:feed"))

    def items(self, obj):
        comments = list(public_comments().order_by(*NEWEST_FIRST)[: FEED_LENGTH * 2])
        articles = Article.objects.published().in_bulk({int(c.object_pk) for c in comments})
        kept = []
        for comment in comments:
            article = articles.get(int(comment.object_pk))
            if article is not None:
                comment.article = article
                kept.append(comment)
        return with_paths(kept[:FEED_LENGTH])

    def item_title(self, item: XtdComment) -> str:
        return gettext("%(name)s sur « %(title)s »") % {
            "name": item.user_name,
            "title": item.article.title,
        }

    def item_description(self, item: XtdComment) -> str:
        return linebreaks(item.comment, autoescape=True)

    def item_link(self, item: XtdComment) -> str:
        return site_url(item.path)

    def item_guid(self, item: XtdComment) -> str:
        # Stable even if the comment's page of threads changes; the link gives that page.
        return site_url(f"{item.article.get_absolute_url()}#c{item.pk}")

    item_guid_is_permalink = False

    def item_pubdate(self, item: XtdComment):
        return item.submit_date

    def item_author_name(self, item: XtdComment) -> str:
        return item.user_name


class ArticleCommentsFeed(LatestCommentsFeed):
    """The latest public comments of one article."""

    def get_object(self, request, slug: str) -> Article:
        return get_object_or_404(Article.objects.published(), slug=slug)

    def title(self, obj: Article) -> str:
        return gettext("Commentaires sur « %(title)s »") % {"title": obj.title}

    def description(self, obj: Article) -> str:
        return self.title(obj)

    def link(self, obj: Article) -> str:
        return site_url(obj.get_absolute_url())

    def feed_url(self, obj: Article) -> str:
        return site_url(reverse("blog_comments:article_feed", args=[obj.slug]))

    def items(self, obj: Article):
        comments = list(article_public_comments(obj).order_by(*NEWEST_FIRST)[:FEED_LENGTH])
        for comment in comments:
            comment.article = obj
        return with_paths(comments)
