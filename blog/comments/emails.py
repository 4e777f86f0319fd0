"""The messages comments call for: address confirmation, held for moderation, approval,
replies to followers and a word to the article's authors.

Each builder takes the rows a task loaded and returns messages ready to send. A message to
a commenter is in the language they wrote in; one to staff in the site's language.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from blog.comments import tokens
from blog.comments.permalinks import comment_path
from blog.comments.queries import thread_followers
from blog.models import Article
from epw.core.mail import normalise_address, render_email
from epw.core.site import site_url


def _language(comment: XtdComment) -> str:
    """The language the commenter wrote in (older comments have no moderation row)."""
    moderation = getattr(comment, "moderation", None)
    return moderation.language if moderation is not None else settings.LANGUAGE_CODE


def _context(comment: XtdComment, article: Article) -> dict:
    return {
        "comment": comment,
        "article": article,
        "article_url": site_url(article.get_absolute_url()),
        "comment_url": site_url(comment_path(comment, article)),
    }


def confirmation_message(comment: XtdComment, article: Article) -> EmailMultiAlternatives:
    """Ask a first-time commenter to confirm the address (signed link, only the comment id)."""
    path = reverse("blog_comments:confirm", args=[tokens.make(tokens.CONFIRM, comment.pk)])
    context = {
        **_context(comment, article),
        "confirm_url": site_url(path),
        "hours": settings.EPW_COMMENTS_CONFIRM_MAX_AGE // 3600,
    }
    return render_email(
        "blog/email/comment_confirm", context, to=[comment.user_email], language=_language(comment)
    )


def held_message(comment: XtdComment, article: Article, *, to: list[str]) -> EmailMultiAlternatives:
    """Tell the moderators `to` of a held comment, with approve and reject links."""
    changelist = reverse("admin:django_comments_xtd_xtdcomment_changelist")
    context = {
        **_context(comment, article),
        "approve_url": site_url(reverse("admin:blog_comments_approve", args=[comment.pk])),
        "reject_url": site_url(reverse("admin:blog_comments_reject", args=[comment.pk])),
        "queue_url": site_url(f"{changelist}?etat=held"),
        "reasons": getattr(getattr(comment, "moderation", None), "reasons", ""),
    }
    return render_email("blog/email/comment_held", context, to=to)


def approval_message(comment: XtdComment, article: Article) -> EmailMultiAlternatives:
    """Tell the commenter that a held comment is now published."""
    return render_email(
        "blog/email/comment_approved",
        _context(comment, article),
        to=[comment.user_email],
        language=_language(comment),
    )


def publication_messages(comment: XtdComment, article: Article) -> list[EmailMultiAlternatives]:
    """A comment went public: one message to each follower of its thread, then to each of the
    article's authors; nobody twice, and never to the comment's own author."""
    context = _context(comment, article)
    author = normalise_address(comment.user_email)
    told = {author} if author else set()
    messages = []
    if comment.level > 0:
        for follower in thread_followers(comment):
            address = normalise_address(follower.user_email)
            if address in told:
                continue
            told.add(address)
            messages.append(_reply_message(context, follower))
    for contributor in article.authors.select_related("user"):
        user = contributor.user
        address = normalise_address(user.email) if user else ""
        if not address or address in told:
            continue
        told.add(address)
        author_context = {**context, "contributor": contributor}
        messages.append(render_email("blog/email/comment_author", author_context, to=[user.email]))
    return messages


def _reply_message(context: dict, follower: XtdComment) -> EmailMultiAlternatives:
    """A reply in a thread `follower` follows, with a one-click link to stop these e-mails."""
    mute_url = site_url(reverse("blog_comments:mute", args=[tokens.make(tokens.MUTE, follower.pk)]))
    return render_email(
        "blog/email/comment_reply",
        {**context, "follower": follower, "mute_url": mute_url},
        to=[follower.user_email],
        headers={
            "List-Unsubscribe": f"<{mute_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        language=_language(follower),
    )
