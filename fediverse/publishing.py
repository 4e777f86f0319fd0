"""Articles on the fediverse: what the blog's signals set off.

The blog actor sends `Create` of an article to its followers when it is published, `Update`
when a published article changes, `Delete` (of a Tombstone) when it is unpublished; each author
actor `Announce`s it to their own followers, and `Undo`es that announce on unpublishing.

The receivers only ask the worker (after the editor's transaction commits) to bring the
fediverse in line with the article; `article_sync` then compares the article with what the blog
actor last sent about it, so that a signal sent twice, or late, sends nothing more: a second
`article_published` sends an `Update` only if the article changed, an `article_changed` of an
article never sent sends nothing (editing an old article is not news), and unpublishing one
never sent deletes nothing. An article deleted outright is deleted from the fediverse as an
unpublished one is, at once, while its row still says who was sent it. Nothing happens while
federation is off.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from blog.models import Article
from fediverse import objects, services, tasks, uris
from fediverse.models import Delivery, OutgoingActivity

SENT = ("Create", "Update")
PUBLISHED, CHANGED, UNPUBLISHED = "published", "changed", "unpublished"


def article_published(sender, *, article, **kwargs) -> None:
    _sync_after_commit(article, PUBLISHED)


def article_changed(sender, *, article, **kwargs) -> None:
    _sync_after_commit(article, CHANGED)


def article_unpublished(sender, *, article, **kwargs) -> None:
    _sync_after_commit(article, UNPUBLISHED)


def article_deleting(sender, *, instance, **kwargs) -> None:
    """Receiver of `pre_delete` for articles (whatever deletes them: the admin, a bulk delete)."""
    if settings.FEDIVERSE_ENABLED:
        site = services.site_actor_get()
        last = _last_sent(instance, site)
        if last is not None and last.type in SENT:
            _delete(instance, site)


def _sync_after_commit(article, reason: str) -> None:
    if settings.FEDIVERSE_ENABLED:
        article_id = article.pk
        transaction.on_commit(
            lambda: tasks.sync_article.enqueue(article_id=article_id, reason=reason)
        )


@transaction.atomic
def article_sync(*, article_id: int, reason: str) -> list[OutgoingActivity]:
    """Send what the article's `reason` calls for and its current state allows; returns the
    activities stored (their deliveries are made by the worker)."""
    if not settings.FEDIVERSE_ENABLED:
        return []
    # One sync at a time per article: the row lock orders two workers' decisions.
    article = Article.objects.select_for_update().filter(pk=article_id).first()
    if article is None:
        return []
    site = services.site_actor_get()
    last = _last_sent(article, site)
    was_sent = last is not None and last.type in SENT
    if reason == UNPUBLISHED:
        return _delete(article, site) if was_sent and not article.is_public else []
    if not article.is_public:
        return []
    shape = objects.article_object(article)
    if was_sent:
        if objects.same_content(last.payload["object"], shape):
            return []
        shape["updated"] = objects.timestamp(timezone.now())
        return [_send(site, "Update", shape, article)]
    if reason != PUBLISHED:
        return []
    sent = [_send(site, "Create", shape, article)]
    for contributor in article.authors.order_by("pk"):
        author = services.author_actor_get(contributor=contributor)
        sent.append(_send(author, "Announce", uris.article(article.pk), article))
    return sent


def _last_sent(article, site) -> OutgoingActivity | None:
    """What the blog actor last said of the article: Create, Update or Delete."""
    return (
        OutgoingActivity.objects.filter(actor=site, article=article, type__in=[*SENT, "Delete"])
        .order_by("-created_at", "-pk")
        .first()
    )


def _send(actor, kind: str, shape, article, inboxes=None) -> OutgoingActivity:
    if inboxes is None:
        inboxes = services.follower_inboxes(actor=actor)
    return services.activity_send(
        actor=actor, type=kind, object=shape, inboxes=inboxes, article=article
    )


def _delete(article, site) -> list[OutgoingActivity]:
    created = (
        OutgoingActivity.objects.filter(actor=site, article=article, type="Create")
        .order_by("-created_at", "-pk")
        .first()
    )
    # Every server that was given the article hears of its end, followers since gone included.
    reached = (
        Delivery.objects.filter(
            activity__article=article, activity__actor=site, activity__type__in=SENT
        )
        .values_list("inbox", flat=True)
        .distinct()
    )
    inboxes = {*reached, *services.follower_inboxes(actor=site)}
    tomb = objects.tombstone(article.pk, deleted=timezone.now())
    sent = [_send(site, "Delete", tomb, article, inboxes)]
    # The authors' announces of this publication (earlier ones were undone with their Delete).
    announces = OutgoingActivity.objects.filter(article=article, type="Announce")
    if created is not None:
        announces = announces.filter(created_at__gte=created.created_at)
    announces = announces.select_related("actor")
    for announce in announces.order_by("pk"):
        undo = objects.announce_object(announce.payload)
        sent.append(_send(announce.actor, "Undo", undo, article))
    return sent
