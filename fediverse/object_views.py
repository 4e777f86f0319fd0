"""The articles, answers and activities the blog published, as other servers look them up.

A server resolves an article's fediverse address when one of its users boosts it, replies to
it or pastes it in a search; it reads an activity's address when it checks where an activity
came from. Only what the public may read is served: an article that was sent and is no longer
public answers 410 with a Tombstone (so servers that kept it drop it), one never sent 404. The
blog's answers to fediverse comments (`fediverse.replies`) are served while they are public on
the site.
"""

from django.http import Http404, JsonResponse
from django.views.decorators.http import require_safe

from blog.comments.queries import public_comments
from blog.models import Article
from fediverse import objects, uris
from fediverse.contexts import ACTIVITY_CONTEXT
from fediverse.models import LocalActor, OutgoingActivity
from fediverse.switch import federation_on

ACTIVITY_JSON = "application/activity+json"
ABOUT_ARTICLES = ("Create", "Update", "Announce")


def _document(shape: dict, *, status: int = 200) -> JsonResponse:
    return JsonResponse(
        {"@context": ACTIVITY_CONTEXT, **shape},
        status=status,
        content_type=ACTIVITY_JSON,
        json_dumps_params={"ensure_ascii": False},
    )


@federation_on
@require_safe
def article_object(request, pk: int):
    """Serves other servers the article as an ActivityPub `Article` (or its Tombstone)."""
    article = Article.objects.filter(pk=pk).first()
    if article is None:
        raise Http404
    sent = OutgoingActivity.objects.filter(article=article, actor__kind=LocalActor.Kind.SITE)
    if article.is_public:
        update = sent.filter(type="Update").order_by("-created_at").first()
        updated = update.created_at if update else None
        return _document(objects.article_object(article, updated=updated))
    deleted = sent.filter(type__in=["Create", "Delete"]).order_by("-created_at", "-pk").first()
    if deleted is None:
        raise Http404
    at = deleted.created_at if deleted.type == "Delete" else None
    return _document(objects.tombstone(article.pk, deleted=at), status=410)


@federation_on
@require_safe
def activity(request, uuid):
    """Serves other servers an activity of the blog's outboxes, while what it is about is
    public."""
    found = (
        OutgoingActivity.objects.filter(uuid=uuid, public=True).select_related("article").first()
    )
    if found is None:
        raise Http404
    if found.type in ABOUT_ARTICLES and not (found.article and found.article.is_public):
        raise Http404
    return JsonResponse(
        found.payload, content_type=ACTIVITY_JSON, json_dumps_params={"ensure_ascii": False}
    )


@federation_on
@require_safe
def comment_note(request, pk: int):
    """Serves other servers the blog's answer to a fediverse comment, while it is public."""
    sent = (
        OutgoingActivity.objects.filter(type="Create", payload__object__id=uris.comment(pk))
        .select_related("article")
        .first()
    )
    if sent is None or not (sent.article and sent.article.is_public):
        raise Http404
    if not public_comments().filter(pk=pk).exists():
        raise Http404
    return _document(sent.payload["object"])
