"""Where a comment can be read: its article's page, with enough threads shown, at its anchor.

The article lists its threads oldest first, a page of them at a time; « Afficher plus »
(?commentaires=N) shows the first N pages. A link to a comment in a later thread must ask for
its page, or the anchor lands nowhere. Every link to a comment is built here.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable

from django.conf import settings
from django_comments_xtd.models import XtdComment

from blog.comments.queries import public_comments
from blog.models import Article


def _public_threads(article_pks: set[str]) -> dict[str, list[int]]:
    """Each article's shown threads, in the order the article page lists them."""
    rows = (
        public_comments()
        .filter(object_pk__in=article_pks)
        .values_list("object_pk", "thread_id")
        .order_by("object_pk", "thread_id")
        .distinct()
    )
    threads = defaultdict(list)
    for object_pk, thread_id in rows:
        threads[object_pk].append(thread_id)
    return threads


def comment_paths(pairs: Iterable[tuple[XtdComment, Article]]) -> dict[int, str]:
    """The site path of each (comment, its article) pair's comment, by comment id, in one query."""
    pairs = list(pairs)
    if not pairs:
        return {}
    threads = _public_threads({str(article.pk) for _comment, article in pairs})
    per_page = settings.EPW_COMMENTS_THREADS_PER_PAGE
    paths = {}
    for comment, article in pairs:
        page = bisect_left(threads[str(article.pk)], comment.thread_id) // per_page + 1
        query = f"?commentaires={page}" if page > 1 else ""
        paths[comment.pk] = f"{article.get_absolute_url()}{query}#c{comment.pk}"
    return paths


def comment_path(comment: XtdComment, article: Article) -> str:
    """The site path that shows `comment` under `article`."""
    return comment_paths([(comment, article)])[comment.pk]
