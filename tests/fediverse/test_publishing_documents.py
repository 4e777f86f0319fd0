"""Other servers look up an article's fediverse address and the blog's activities."""

import pytest

from blog import services as blog_services
from blog.models import Article
from fediverse import publishing, services, uris
from fediverse.models import OutgoingActivity
from tests.factories import ArticleFactory
from tests.fediverse.test_documents import AS, expand, undefined_terms

ACTIVITY_JSON = "application/activity+json"


@pytest.fixture
def on(settings):
    settings.FEDIVERSE_ENABLED = True


def _path(address: str) -> str:
    return "/" + address.split("/", 3)[3]


def test_a_public_article_is_served_as_an_activitypub_article(db, on, client):
    article = ArticleFactory(title="Le titre", tags=["mise en page"])
    answer = client.get(_path(uris.article(article.pk)), HTTP_ACCEPT=ACTIVITY_JSON)
    assert answer.status_code == 200
    assert answer["Content-Type"] == ACTIVITY_JSON
    shape = answer.json()
    expanded = expand(shape)
    assert undefined_terms(expanded) == set()  # Hashtag and sensitive are defined
    assert expanded[f"{AS}tag"][0]["@type"] == [f"{AS}Hashtag"]
    assert (shape["type"], shape["name"], shape["id"]) == (
        "Article",
        "Le titre",
        uris.article(article.pk),
    )
    assert shape["tag"][0]["name"] == "#miseEnPage"
    assert "updated" not in shape


def test_a_draft_is_not_found_and_an_unpublished_article_that_was_sent_is_gone(
    db, on, client, admin_user, django_capture_on_commit_callbacks
):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    assert client.get(_path(uris.article(draft.pk))).status_code == 404

    article = ArticleFactory()
    publishing.article_sync(article_id=article.pk, reason=publishing.PUBLISHED)
    create = OutgoingActivity.objects.get(type="Create")
    blog_services.article_unpublish(article=article, by=admin_user)
    publishing.article_sync(article_id=article.pk, reason=publishing.UNPUBLISHED)

    answer = client.get(_path(uris.article(article.pk)))
    assert answer.status_code == 410
    assert answer.json()["type"] == "Tombstone"
    assert article.title not in answer.content.decode()
    # Its Create no longer shows what it said.
    assert client.get(_path(create.payload["id"])).status_code == 404


def test_a_public_activity_is_served_as_sent(db, on, client):
    article = ArticleFactory()
    [create, announce] = publishing.article_sync(article_id=article.pk, reason=publishing.PUBLISHED)
    answer = client.get(_path(create.payload["id"]))
    assert answer.status_code == 200
    assert answer["Content-Type"] == ACTIVITY_JSON
    assert answer.json() == create.payload
    assert undefined_terms(expand(create.payload)) == set()
    assert client.get(_path(announce.payload["id"])).json()["type"] == "Announce"


def test_an_activity_not_for_the_public_is_not_found(db, on, client):
    accept = services.activity_send(
        actor=services.site_actor_get(), type="Accept", object={}, inboxes=[], public=False
    )
    assert client.get(_path(accept.payload["id"])).status_code == 404


def test_everything_is_not_found_with_federation_off(db, client, settings):
    settings.FEDIVERSE_ENABLED = True
    article = ArticleFactory()
    [create, _] = publishing.article_sync(article_id=article.pk, reason=publishing.PUBLISHED)
    settings.FEDIVERSE_ENABLED = False
    assert client.get(_path(uris.article(article.pk))).status_code == 404
    assert client.get(_path(create.payload["id"])).status_code == 404


def test_only_reading_is_allowed(db, on, client):
    article = ArticleFactory()
    assert client.post(_path(uris.article(article.pk))).status_code == 405
