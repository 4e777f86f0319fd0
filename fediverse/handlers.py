"""What each verified activity does to the blog, one function per type.

`apply(activity, remote)` is called by the worker once the signature is checked and `remote` is
known to be the activity's actor. An activity about something that is not the blog's (a reply
to another post, a like of someone else's) is applied as nothing. `Refusal` says why an
activity is not taken; the worker then rolls back whatever it started.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve
from django_comments_xtd.models import XtdComment

from blog.comments import services as comment_services
from blog.comments.queries import article_public_comments, public_comments
from blog.models import Article, SiteSettings
from contributors.models import Contributor
from fediverse import following, note_text, remote_actors, services, uris
from fediverse.models import Follower, LocalActor, Reaction, RemoteActor, RemoteComment

logger = logging.getLogger(__name__)


class Refusal(Exception):
    """The activity is not taken; the message says why (kept on the IncomingActivity)."""


def apply(activity: dict, remote: RemoteActor) -> None:
    handler = HANDLERS.get(activity.get("type"))
    if handler is None:
        logger.info("fediverse: %s activities are not handled", activity.get("type"))
        return
    handler(activity, remote)


def _id(value) -> str:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else ""


# Following ------------------------------------------------------------------------------------


def local_actor(uri: str) -> LocalActor | None:
    """The blog's actor at `uri`: the blog, or an author with a published article."""
    if uri == uris.site_actor():
        return services.site_actor_get()
    prefix = uris.author_actor(0)[:-1]
    number = uri[len(prefix) :] if uri.startswith(prefix) else ""
    if not number.isdigit():
        return None
    contributor = Contributor.objects.filter(
        pk=int(number), articles__in=Article.objects.published()
    ).first()
    return services.author_actor_get(contributor=contributor) if contributor else None


def _follow(activity: dict, remote: RemoteActor) -> None:
    actor = local_actor(_id(activity.get("object")))
    if actor is None:
        return
    approve = SiteSettings.objects.filter(pk=1, fediverse_approve_followers=True).exists()
    follower, created = Follower.objects.get_or_create(
        actor=actor,
        remote=remote,
        defaults={
            "follow_id": activity["id"],
            "status": Follower.Status.PENDING if approve else Follower.Status.ACCEPTED,
        },
    )
    if not created and follower.follow_id != activity["id"]:
        follower.follow_id = activity["id"]
        follower.save(update_fields=["follow_id"])
    if follower.status == Follower.Status.ACCEPTED:
        following.accept_send(follower=follower)  # again for a repeated Follow: it was lost


def _undo(activity: dict, remote: RemoteActor) -> None:
    undone = activity.get("object")
    undone_id = _id(undone)
    kind = undone.get("type") if isinstance(undone, dict) else None
    if kind in (None, "Follow"):
        follows = Follower.objects.filter(remote=remote, follow_id=undone_id)
        if isinstance(undone, dict):
            actor = local_actor(_id(undone.get("object")))
            follows = follows | Follower.objects.filter(remote=remote, actor=actor)
        follows.delete()
    if kind in (None, "Like", "Announce"):
        Reaction.objects.filter(remote=remote, activity_id=undone_id).delete()


# Replies --------------------------------------------------------------------------------------


def _article(uri: str) -> Article | None:
    """The published article at `uri`: its fediverse object or its page."""
    prefix = uris.article(0)[:-1]
    if uri.startswith(prefix) and uri[len(prefix) :].isdigit():
        return Article.objects.published().filter(pk=int(uri[len(prefix) :])).first()
    if remote_actors.host_of(uri) != remote_actors.host_of(settings.EPW_SITE_URL):
        return None
    try:
        match = resolve(urlsplit(uri).path)
    except Resolver404:
        return None
    if match.view_name != "blog:article_detail":
        return None
    return Article.objects.published().filter(slug=match.kwargs["slug"]).first()


def _reply_target(uri: str) -> tuple[Article, int] | None:
    """The article a reply to `uri` goes under, and the comment it answers (0 for none)."""
    if not uri:
        return None
    post = RemoteComment.objects.select_related("comment").filter(note_uri=uri).first()
    answered = post.comment if post else _site_comment(uri)  # a post, or the blog's answer
    if answered is not None:
        article = Article.objects.published().filter(pk=answered.object_pk).first()
        return (article, _parent(article, answered.pk)) if article else None
    article = _article(uri)
    if article is None:
        return None
    fragment = urlsplit(uri).fragment  # a reply to one of the blog's answers, sent from a page
    parent = int(fragment[1:]) if fragment[:1] == "c" and fragment[1:].isdigit() else 0
    return article, _parent(article, parent) if parent else 0


def _site_comment(uri: str) -> XtdComment | None:
    """The site comment the blog sent to the fediverse as `uri` (see fediverse.replies)."""
    prefix = uris.comment(0)[:-1]
    number = uri[len(prefix) :] if uri.startswith(prefix) else ""
    return public_comments().filter(pk=int(number)).first() if number.isdigit() else None


def _parent(article: Article, comment_id: int) -> int:
    """The comment a reply to `comment_id` hangs from: itself, its own parent when the thread is
    already as deep as allowed, or none when it is not public (the reply stands alone)."""
    comment = article_public_comments(article).filter(pk=comment_id).first()
    if comment is None:
        return 0
    if comment.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
        return comment.parent_id
    return comment.pk


def _note(activity: dict, remote: RemoteActor) -> dict | None:
    note = activity.get("object")
    if not isinstance(note, dict) or note.get("type") != "Note":
        return None
    if not _web_address(note.get("id")) or remote_actors.host_of(note["id"]) != remote.domain:
        raise Refusal("the post is not on its author's server")
    if _id(note.get("attributedTo")) not in ("", remote.uri):
        raise Refusal("the post is someone else's")
    return note


def _public(note: dict) -> bool:
    """Addressed to everyone (Mastodon's « public » and « unlisted »)."""
    audience = []
    for field in ("to", "cc"):
        value = note.get(field)
        audience += value if isinstance(value, list) else [value]
    return bool({services.PUBLIC, "as:Public", "Public"} & {a for a in audience if a})


def _web_address(value) -> str:
    """A post's address for readers, if it is a web address (never `javascript:` and the like)."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("href")
    if isinstance(value, str) and value.startswith(("https://", "http://")) and len(value) <= 500:
        return value
    return ""


def _create(activity: dict, remote: RemoteActor) -> None:
    note = _note(activity, remote)
    if note is None:
        return
    target = _reply_target(_id(note.get("inReplyTo")))
    if target is None or RemoteComment.objects.filter(note_uri=note["id"]).exists():
        return
    if not _public(note):
        return  # a private mention or a post for followers only is never published here
    article, parent_id = target
    text = note_text.plain_text(note.get("content") or "")
    if not text:
        raise Refusal("empty post")
    profile = remote.url if len(remote.url) <= 200 else ""
    try:
        comment = comment_services.comment_post(
            article=article,
            name=(remote.name or remote.username or remote.domain)[:50],
            email="",
            url=profile,
            text=text,
            followup=False,
            parent_id=parent_id,
            proven=True,  # the signature proves who wrote it; first contact is held all the same
            sender=remote.uri,
        )
    except comment_services.CommentError as error:
        raise Refusal(error.message) from None
    except comment_services.CommentFlooded:
        raise Refusal("too many comments lately") from None
    if not RemoteComment.objects.filter(comment=comment).exists():
        RemoteComment.objects.create(
            comment=comment,
            note_uri=note["id"],
            url=_web_address(note.get("url")) or note["id"],
            remote=remote,
        )


def _update(activity: dict, remote: RemoteActor) -> None:
    note = _note(activity, remote)
    if note is None:
        return
    post = RemoteComment.objects.filter(note_uri=note["id"], remote=remote).first()
    if post is None:
        return
    text = note_text.plain_text(note.get("content") or "")
    if text:
        comment_services.comment_text_replace(comment_id=post.comment_id, text=text)


def _delete(activity: dict, remote: RemoteActor) -> None:
    gone = _id(activity.get("object"))
    if gone == remote.uri:  # the account itself is gone
        Follower.objects.filter(remote=remote).delete()
        return
    post = RemoteComment.objects.filter(note_uri=gone, remote=remote).first()
    if post is not None and XtdComment.norel_objects.filter(pk=post.comment_id).exists():
        comment_services.comment_withdraw(comment_id=post.comment_id)


# Likes and boosts -----------------------------------------------------------------------------


def _reaction(kind: str):
    def react(activity: dict, remote: RemoteActor) -> None:
        article = _article(_id(activity.get("object")))
        if article is None:
            return
        Reaction.objects.update_or_create(
            article=article, remote=remote, kind=kind, defaults={"activity_id": activity["id"]}
        )

    return react


HANDLERS = {
    "Follow": _follow,
    "Undo": _undo,
    "Create": _create,
    "Update": _update,
    "Delete": _delete,
    "Like": _reaction(Reaction.Kind.LIKE),
    "Announce": _reaction(Reaction.Kind.BOOST),
}
