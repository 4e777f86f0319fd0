"""The blog's answers to the fediverse: a site comment replying to a fediverse comment.

Comments made on the site stay on the site, with one exception: once a comment answering a
comment that came from the fediverse is public, its author there is sent the answer, as a post
of the blog's actor replying to theirs and mentioning them. Nobody else receives it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment

from blog.comments.permalinks import comment_path
from blog.comments.queries import public_comments
from blog.models import Article
from epw.core.site import site_url
from fediverse import note_text, services, uris
from fediverse.models import OutgoingActivity, RemoteComment


def on_comment_published(sender, comment_id: int, **kwargs) -> None:
    """Receiver of `blog.signals.comment_published`: the check is left to the worker."""
    if settings.FEDIVERSE_ENABLED:
        from fediverse import tasks_inbox  # which imports this module

        transaction.on_commit(lambda: tasks_inbox.send_reply.enqueue(comment_id=comment_id))


def reply_send(*, comment_id: int) -> OutgoingActivity | None:
    """Send a public site comment to the fediverse author it answers, once; None otherwise."""
    comment = public_comments().filter(pk=comment_id).first()
    if comment is None or comment.parent_id == comment.pk:
        return None
    if RemoteComment.objects.filter(comment_id=comment.pk).exists():
        return None  # it came from the fediverse itself
    answered = RemoteComment.objects.select_related("remote").filter(comment_id=comment.parent_id)
    answered = answered.first()
    article = Article.objects.published().filter(pk=comment.object_pk).first()
    if answered is None or article is None:
        return None
    note_id = uris.comment(comment.pk)
    sent = OutgoingActivity.objects.filter(type="Create", payload__object__id=note_id)
    if sent.exists():
        return None
    return services.activity_send(
        actor=services.site_actor_get(),
        type="Create",
        object=_note(comment, article, answered, note_id),
        inboxes=[answered.remote.inbox],
        article=article,
        public=False,
        to=[answered.remote.uri],
    )


def _note(comment: XtdComment, article: Article, answered: RemoteComment, note_id: str) -> dict:
    remote = answered.remote
    handle = remote.handle
    mention = (
        f'<span class="h-card"><a href="{escape(remote.url or remote.uri)}" '
        f'class="u-url mention">{escape(handle)}</a></span>'
    )
    heading = _("%(name)s répond :") % {"name": escape(comment.user_name)}
    return {
        "id": note_id,
        "type": "Note",
        "attributedTo": uris.site_actor(),
        "inReplyTo": answered.note_uri,
        "published": (comment.submit_date or timezone.now()).isoformat(),
        "url": site_url(comment_path(comment, article)),
        "to": [remote.uri],
        "cc": [],
        "content": f"<p>{mention} {heading}</p>{note_text.html(comment.comment)}",
        "tag": [{"type": "Mention", "href": remote.uri, "name": handle}],
    }
