"""The comments block under an article, as the article's view hands it to the template.

Computed from the one list of the article's public comments: the threads shown (« Afficher
plus » adds a page of them), the comment being answered, and the form, filled in with the
identity the reader asked to be remembered. A static page shows its comments (imported from
WordPress) in the same block, without the form: comments are not taken on pages.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from blog.comments import rules
from blog.comments.forms import MAX_COMMENT_ID, CommentForm
from blog.comments.identity import remembered_identity
from blog.comments.queries import article_public_comments, page_public_comments
from blog.freshness import kept
from blog.models import Article, Page

# What apps above the blog show beside a comment, read in the comments' one query: each entry maps
# a relation to join (select_related) to the fields read through it (only). The fediverse
# adds the post a comment came from, from its AppConfig.ready(); the blog never imports it.
SHOWN_RELATIONS: dict[str, tuple[str, ...]] = {}
SHOWN_FIELDS = ("user_name", "user_url", "comment", "submit_date", "level", "thread_id", "order")


def _positive_int(value, default: int, *, below: int = 10_000) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if 0 < number < below else default


def _thread_ordered(article: Article) -> list:
    """The article's public comments in thread order, in one query per site generation."""
    return kept(f"comments:{article.pk}", lambda: _read_thread_ordered(article))


def _read_thread_ordered(article: Article) -> list:
    return _in_thread_order(article_public_comments(article))


def _in_thread_order(comments) -> list:
    related = [field for fields in SHOWN_RELATIONS.values() for field in fields]
    return list(
        comments.select_related(*SHOWN_RELATIONS)
        .only(*SHOWN_FIELDS, *related)
        .order_by("thread_id", "order")
    )


def _shown(request: HttpRequest, comments: list) -> dict:
    """The threads of `comments` shown on the page of them the reader asked for."""
    per_page = settings.EPW_COMMENTS_THREADS_PER_PAGE
    page = _positive_int(request.GET.get("commentaires"), 1)
    thread_ids = list(dict.fromkeys(comment.thread_id for comment in comments))
    shown_threads = set(thread_ids[: page * per_page])
    return {
        "comments": [comment for comment in comments if comment.thread_id in shown_threads],
        "count": len(comments),
        "more_page": page + 1 if len(thread_ids) > page * per_page else None,
        "page": page,
        "max_level": settings.COMMENTS_XTD_MAX_THREAD_LEVEL,
    }


def page_comments_block(request: HttpRequest, page: Page) -> dict:
    """The comments block of a static page: its public comments, read only."""
    comments = kept(
        f"page-comments:{page.pk}", lambda: _in_thread_order(page_public_comments(page))
    )
    return {**_shown(request, comments), "reply_target": None, "open": False, "form": None}


def comments_block(request: HttpRequest, article: Article) -> dict:
    """Everything the comments block of `article` shows to the reader making `request`."""
    block = _shown(request, _thread_ordered(article))
    shown, max_level = block["comments"], block["max_level"]
    reply_to = _positive_int(request.GET.get("reply_to"), 0, below=MAX_COMMENT_ID + 1)
    target = next((c for c in shown if c.pk == reply_to and c.level < max_level), None)
    is_open = rules.comments_open(article)
    form = None
    if is_open:
        initial = {**remembered_identity(request), "reply_to": target.pk if target else 0}
        initial["remember"] = bool(initial.get("email"))
        form = CommentForm(article, initial=initial)
    return {**block, "reply_target": target, "open": is_open, "form": form}
