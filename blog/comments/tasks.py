"""Comment e-mails, sent by the task worker once the change that calls for them is committed."""

from __future__ import annotations

from urllib.parse import urljoin

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django_comments_xtd.models import XtdComment
from django_tasks import task

from blog.comments import tokens
from blog.comments.permalinks import comment_path
from blog.comments.queries import public_comments
from epw.core.mail import send_email


def _site_url(path: str) -> str:
    return urljoin(settings.EPW_SITE_URL, path)


def _load(comment_id: int) -> tuple[XtdComment, object] | tuple[None, None]:
    from blog.models import Article

    comment = XtdComment.norel_objects.select_related("moderation").filter(pk=comment_id).first()
    if comment is None:
        return None, None
    article = Article.objects.filter(pk=comment.object_pk).first()
    return comment, article


def _language(comment: XtdComment) -> str:
    """The language the commenter wrote in (older comments have no moderation row)."""
    moderation = getattr(comment, "moderation", None)
    return moderation.language if moderation is not None else settings.LANGUAGE_CODE


def _context(comment: XtdComment, article) -> dict:
    return {
        "comment": comment,
        "article": article,
        "article_url": _site_url(article.get_absolute_url()),
        "comment_url": _site_url(comment_path(comment, article)),
    }


@task()
def send_confirmation(comment_id: int) -> None:
    """Ask a first-time commenter to confirm the address (signed link, only the comment id)."""
    comment, article = _load(comment_id)
    if comment is None or article is None or not comment.user_email:
        return
    path = reverse("blog_comments:confirm", args=[tokens.make(tokens.CONFIRM, comment.pk)])
    context = {
        **_context(comment, article),
        "confirm_url": _site_url(path),
        "hours": settings.EPW_COMMENTS_CONFIRM_MAX_AGE // 3600,
    }
    send_email(
        "blog/email/comment_confirm",
        context,
        to=[comment.user_email],
        language=_language(comment),
    )


def moderator_addresses() -> list[str]:
    """E-mail addresses of everyone allowed to moderate comments."""
    users = get_user_model().objects.filter(is_active=True, is_staff=True).exclude(email="")
    permitted = Q(is_superuser=True) | Q(groups__name=settings.EPW_COMMENTS_MODERATOR_GROUP)
    for app_label, codename in (
        ("django_comments", "can_moderate"),
        ("django_comments_xtd", "can_moderate"),
        ("django_comments_xtd", "change_xtdcomment"),
    ):
        permitted |= Q(
            user_permissions__content_type__app_label=app_label,
            user_permissions__codename=codename,
        ) | Q(
            groups__permissions__content_type__app_label=app_label,
            groups__permissions__codename=codename,
        )
    return sorted({user.email for user in users.filter(permitted)})


@task()
def notify_moderators(comment_id: int) -> None:
    """One e-mail per held comment to the moderators, with approve and reject links."""
    comment, article = _load(comment_id)
    recipients = moderator_addresses()
    if comment is None or article is None or not recipients:
        return
    context = {
        **_context(comment, article),
        "approve_url": _site_url(reverse("admin:blog_comments_approve", args=[comment.pk])),
        "reject_url": _site_url(reverse("admin:blog_comments_reject", args=[comment.pk])),
        "queue_url": _site_url(
            reverse("admin:django_comments_xtd_xtdcomment_changelist") + "?etat=held"
        ),
        "reasons": getattr(getattr(comment, "moderation", None), "reasons", ""),
    }
    send_email("blog/email/comment_held", context, to=recipients)


@task()
def notify_approval(comment_id: int) -> None:
    """Tell the commenter that a held comment is now published."""
    comment, article = _load(comment_id)
    if comment is None or article is None or not comment.user_email or not comment.is_public:
        return
    send_email(
        "blog/email/comment_approved",
        _context(comment, article),
        to=[comment.user_email],
        language=_language(comment),
    )


@task()
def notify_publication(comment_id: int) -> None:
    """A comment went public: its thread's followers and the article's authors hear of it."""
    comment, article = _load(comment_id)
    if comment is None or article is None or not comment.is_public:
        return
    context = _context(comment, article)
    author_email = comment.user_email.casefold()
    told = {author_email} if author_email else set()
    if comment.level > 0:
        followers = (
            public_comments()
            .filter(thread_id=comment.thread_id, followup=True)
            .exclude(pk=comment.pk)
            .exclude(user_email="")
            .select_related("moderation")
            .order_by("-submit_date")
        )
        for follower in followers:
            address = follower.user_email.casefold()
            if address in told:
                continue
            told.add(address)
            mute_url = _site_url(
                reverse("blog_comments:mute", args=[tokens.make(tokens.MUTE, follower.pk)])
            )
            send_email(
                "blog/email/comment_reply",
                {**context, "follower": follower, "mute_url": mute_url},
                to=[follower.user_email],
                headers={
                    "List-Unsubscribe": f"<{mute_url}>",
                    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
                },
                language=_language(follower),
            )
    for contributor in article.authors.select_related("user"):
        user = contributor.user
        if user is None or not user.email or user.email.casefold() in told:
            continue
        told.add(user.email.casefold())
        send_email(
            "blog/email/comment_author",
            {**context, "contributor": contributor},
            to=[user.email],
        )
