"""Comment moderation for articles, as django-comments-xtd expects it: one moderator class.

EPW posts comments through its own view (blog/comments), which asks this moderator whether the
article takes comments and which state a new comment starts in; the rules themselves live in
`blog.comments.rules` so each can be tested alone.
"""

from __future__ import annotations

from django_comments_xtd.moderation import XtdCommentModerator, moderator

from blog.comments import rules


class ArticleCommentModerator(XtdCommentModerator):
    """Articles: closed when switched off or after the closing delay; rules pick the state."""

    email_notification = False  # notifications are background tasks sent after commit
    enable_field = "comments_open"

    def allow(self, comment, content_object, request) -> bool:
        return rules.comments_open(content_object)

    def verdict(self, *, name, email, url, text, ip, trusted, proven) -> rules.Verdict:
        return rules.initial_verdict(
            name=name, email=email, url=url, text=text, ip=ip, trusted=trusted, proven=proven
        )

    def moderate(self, comment, content_object, request) -> bool:
        # xtd's own posting path (not routed) carries no proof that the address is the sender's.
        verdict = self.verdict(
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
    from blog.models import Article

    if Article not in moderator._registry:
        moderator.register(Article, ArticleCommentModerator)


def article_moderator() -> ArticleCommentModerator:
    """The registered moderator instance for articles."""
    from blog.models import Article

    return moderator._registry[Article]
