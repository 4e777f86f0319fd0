"""Comment e-mails, sent by the task worker once the change that calls for them is committed.

Each task loads its rows by id, asks `blog.comments.emails` for the messages and sends them.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django_comments_xtd.models import XtdComment
from django_tasks import task

from blog.comments import emails
from blog.comments.moderators import moderator_addresses
from blog.models import Article


def _load(comment_id: int) -> tuple[XtdComment, Article] | tuple[None, None]:
    comment = XtdComment.norel_objects.select_related("moderation").filter(pk=comment_id).first()
    if comment is None:
        return None, None
    if comment.content_type_id != ContentType.objects.get_for_model(Article).pk:
        return comment, None  # a comment on a static page: no e-mail speaks of it
    article = Article.objects.filter(pk=comment.object_pk).first()
    return comment, article


@task()
def send_confirmation(comment_id: int) -> None:
    """Ask a first-time commenter to confirm the address."""
    comment, article = _load(comment_id)
    if comment is None or article is None or not comment.user_email:
        return
    emails.confirmation_message(comment, article).send()


@task()
def notify_moderators(comment_id: int) -> None:
    """One e-mail per held comment to the moderators."""
    comment, article = _load(comment_id)
    recipients = moderator_addresses()
    if comment is None or article is None or not recipients:
        return
    emails.held_message(comment, article, to=recipients).send()


@task()
def notify_approval(comment_id: int) -> None:
    """Tell the commenter that a held comment is now published."""
    comment, article = _load(comment_id)
    if comment is None or article is None or not comment.user_email or not comment.is_public:
        return
    emails.approval_message(comment, article).send()


@task()
def notify_publication(comment_id: int) -> None:
    """A comment went public: its thread's followers and the article's authors hear of it."""
    comment, article = _load(comment_id)
    if comment is None or article is None or not comment.is_public:
        return
    for message in emails.publication_messages(comment, article):
        message.send()
