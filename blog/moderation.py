"""Comment moderation for articles, as django-comments-xtd expects it: one moderator class.

EPW posts comments through its own view and services (blog/comments), which apply
`blog.comments.rules` directly. This class is only what xtd needs registered for articles
(its signals, its admin, any posting path of its own): it answers from the same rules.
"""

from __future__ import annotations

from django_comments_xtd.moderation import XtdCommentModerator, moderator

from blog.comments import rules
from blog.models import Article


class ArticleCommentModerator(XtdCommentModerator):
    """Articles: closed when switched off or after the closing delay; rules pick the state."""

    email_notification = False  # notifications are background tasks sent after commit
    enable_field = "comments_open"

    def allow(self, comment, content_object, request) -> bool:
        return rules.comments_open(content_object)

    def moderate(self, comment, content_object, request) -> bool:
        # xtd's own posting path (not routed) carries no proof that the address is the sender's.
        verdict = rules.initial_verdict(
            name=comment.user_name,
            email=comment.user_email,
            url=comment.user_url,
            text=comment.comment,
            ip=comment.ip_address,
            trusted=rules.is_trusted(comment.user_email),
            proven=False,
        )
        return verdict.state != rules.State.PUBLIC


def register() -> None:
    """Register the article moderator with django-comments-xtd (once, from BlogConfig.ready)."""
    if Article not in moderator._registry:
        moderator.register(Article, ArticleCommentModerator)
