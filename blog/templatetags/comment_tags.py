"""Article comments as readers see them: threads, "load more", inline reply form, avatars."""

from __future__ import annotations

import hashlib
import unicodedata

from django import template
from django.conf import settings

from blog.comments import rules
from blog.comments.forms import MAX_COMMENT_ID, CommentForm
from blog.comments.views import remembered_identity

register = template.Library()

AVATAR_COLOURS = 6


def _positive_int(value, default: int, *, below: int = 10_000) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if 0 < number < below else default


@register.simple_tag(takes_context=True)
def comment_display(context, article, comments) -> dict:
    """Everything the comments block shows, computed from the one list of public comments."""
    request = context["request"]
    per_page = settings.EPW_COMMENTS_THREADS_PER_PAGE
    page = _positive_int(request.GET.get("commentaires"), 1)
    thread_ids = list(dict.fromkeys(comment.thread_id for comment in comments))
    shown_threads = set(thread_ids[: page * per_page])
    shown = [comment for comment in comments if comment.thread_id in shown_threads]
    max_level = settings.COMMENTS_XTD_MAX_THREAD_LEVEL
    reply_to = _positive_int(request.GET.get("reply_to"), 0, below=MAX_COMMENT_ID + 1)
    target = next((c for c in shown if c.pk == reply_to and c.level < max_level), None)
    is_open = rules.comments_open(article)
    form = None
    if is_open:
        initial = {**remembered_identity(request), "reply_to": target.pk if target else 0}
        initial["remember"] = bool(initial.get("email"))
        form = CommentForm(article, initial=initial)
    return {
        "comments": shown,
        "count": len(comments),
        "more_page": page + 1 if len(thread_ids) > page * per_page else None,
        "page": page,
        "max_level": max_level,
        "reply_target": target,
        "open": is_open,
        "form": form,
    }


@register.filter
def initials(name: str) -> str:
    """One or two capital letters standing for a commenter (no third-party avatar service)."""
    words = [word for word in str(name).split() if word[:1].isalnum()]
    letters = "".join(word[0] for word in words[:2]).upper()
    return letters or "?"


@register.filter
def avatar_colour(name: str) -> int:
    """A stable colour number for a commenter's initials."""
    return (
        int(hashlib.md5(str(name).encode(), usedforsecurity=False).hexdigest(), 16) % AVATAR_COLOURS
    )


@register.filter
def printable(value) -> str:
    """Submitted text echoed back into the form, without NUL and other control characters."""
    return "".join(
        char for char in str(value) if char in "\n\r\t" or unicodedata.category(char) != "Cc"
    )
