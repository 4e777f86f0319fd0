"""« Public comment », written once: what readers, feeds, e-mails and the admin all call public.

A comment is public when it is on an article of this site, published and not removed. The
reading pages, the feeds, the permalinks, the moderation rules, the follow-up e-mails and the
admin's « Publié » filter all start from `public_comments()`, so they cannot drift apart.
Static pages may carry comments too (those imported from WordPress): the same rule, on pages.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django_comments_xtd.models import XtdComment

from blog.models import Article, Page


def public_comments(
    comments: QuerySet[XtdComment] | None = None, *, on: tuple[type[Model], ...] = (Article,)
) -> QuerySet[XtdComment]:
    """The public comments among `comments` (by default all comments) on articles, or on the
    models `on`, unordered."""
    if comments is None:
        comments = XtdComment.norel_objects.all()
    return comments.filter(
        content_type__in=ContentType.objects.get_for_models(*on).values(),
        site_id=settings.SITE_ID,
        is_public=True,
        is_removed=False,
    )


def article_public_comments(article: Article) -> QuerySet[XtdComment]:
    """The public comments of one article."""
    return public_comments().filter(object_pk=str(article.pk))


def page_public_comments(page: Page) -> QuerySet[XtdComment]:
    """The public comments of one static page."""
    return public_comments(on=(Page,)).filter(object_pk=str(page.pk))


def thread_followers(comment: XtdComment) -> QuerySet[XtdComment]:
    """The other public comments of `comment`'s thread whose authors follow its replies, newest
    first (so each address is told once, in the language of its latest comment)."""
    return (
        public_comments()
        .filter(thread_id=comment.thread_id, followup=True)
        .exclude(pk=comment.pk)
        .exclude(user_email="")
        .select_related("moderation")
        .order_by("-submit_date")
    )
