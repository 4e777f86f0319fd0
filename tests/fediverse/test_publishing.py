"""Publishing, editing and unpublishing an article reach the followers of the blog and of its
authors, once per server, and only while federation is on."""

import json
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from blog import services as blog_services
from blog.models import Article
from blog.signals import article_changed, article_published
from fediverse import services, signatures, uris
from fediverse.models import Delivery, OutgoingActivity
from tests.factories import ArticleFactory, ContributorFactory
from tests.fediverse import inbox_server

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


@pytest.fixture
def inboxes(settings):
    found, stop = inbox_server.start()
    settings.FEDIVERSE_ENABLED = True
    settings.FEDIVERSE_PRIVATE_HOSTS_ALLOWED = [found.host]
    yield found
    stop()


@pytest.fixture
def author(db):
    return ContributorFactory(display_name="Claire Vasseur", slug="claire-vasseur")


@pytest.fixture
def draft(author):
    return ArticleFactory(
        title="Écrire pour le Web",
        standfirst="Un chapô.\n\nEn deux paragraphes & un esperluette.",
        body='<p>Voir <a href="/a-propos/">la charte</a> et <a href="https://example.org/">'
        "ailleurs</a>.</p>",
        status=Article.Status.DRAFT,
        published_at=None,
        authors=[author],
        tags=["écriture web", "Typographie"],
    )


@pytest.fixture
def followed(inboxes, author):
    """Ten followers of the blog on three servers (one without a shared inbox), two of the
    author on a fourth server."""
    site = services.site_actor_get()
    for index in range(10):
        server = f"s{index % 3}"
        inboxes.follower(site, server=server, name=f"lectrice{index}", shared=index != 9)
    author_actor = services.author_actor_get(contributor=author)
    for name in ("ana", "bo"):
        inboxes.follower(author_actor, server="s9", name=name)
    return site, author_actor


def _publish(article, by, capture):
    with capture(execute=True):
        blog_services.article_publish(article=article, by=by)


def test_publishing_delivers_one_create_per_server_signed_by_the_blog(
    draft, followed, inboxes, admin_user, django_capture_on_commit_callbacks
):
    site, _ = followed
    _publish(draft, admin_user, django_capture_on_commit_callbacks)

    creates = [(p, h, b) for p, h, b in inboxes.received if json.loads(b)["type"] == "Create"]
    # Followers 0, 3, 6 on s0; 1, 4, 7 on s1; 2, 5, 8 on s2 (shared), and 9 on s0 alone.
    assert sorted(path for path, _, _ in creates) == [
        "/s0/inbox",
        "/s0/users/lectrice9/inbox",
        "/s1/inbox",
        "/s2/inbox",
    ]
    path, headers, body = creates[0]
    signatures.verify(
        signature=signatures.parse(headers["Signature"]),
        method="POST",
        path=path,
        headers=headers,
        public_key_pem=site.public_key_pem,
        body=body,
    )
    create = json.loads(body)
    assert create["actor"] == uris.site_actor()
    assert create["to"] == [PUBLIC]
    article = create["object"]
    assert article["type"] == "Article"
    assert article["id"] == uris.article(draft.pk)
    assert article["name"] == "Écrire pour le Web"
    assert article["url"].endswith(draft.get_absolute_url())
    assert article["attributedTo"] == [uris.site_actor(), uris.author_actor(draft.authors.get().pk)]
    assert article["summary"] == (
        "<p>Un chapô.</p>\n\n<p>En deux paragraphes &amp; un esperluette.</p>"
    )
    assert 'href="http' in article["content"] and 'href="/' not in article["content"]
    assert article["contentMap"] == {"fr": article["content"]}
    assert sorted(tag["name"] for tag in article["tag"]) == ["#Typographie", "#écritureWeb"]
    assert all(
        tag["type"] == "Hashtag" and tag["href"].startswith("http") for tag in article["tag"]
    )


def test_the_object_url_is_the_articles_page(
    draft, followed, inboxes, admin_user, settings, django_capture_on_commit_callbacks
):
    settings.EPW_SITE_URL = "https://blog.example"
    _publish(draft, admin_user, django_capture_on_commit_callbacks)
    article = OutgoingActivity.objects.get(type="Create").payload["object"]
    assert article["url"] == "https://blog.example" + draft.get_absolute_url()
    assert 'href="https://blog.example/a-propos/"' in article["content"]
    assert 'href="https://example.org/"' in article["content"]


def test_the_cover_is_the_image_of_the_preview(
    draft, followed, admin_user, django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    draft.cover = SimpleUploadedFile("couverture.png", _png(), content_type="image/png")
    draft.cover_alt = "Un aplat rouge"
    draft.save()
    _publish(draft, admin_user, django_capture_on_commit_callbacks)
    image = OutgoingActivity.objects.get(type="Create").payload["object"]["image"]
    assert image["type"] == "Image"
    assert image["mediaType"] == "image/png"
    assert image["name"] == "Un aplat rouge"
    assert image["url"].startswith("http") and image["url"].endswith(".png")


def test_each_author_announces_the_article_to_their_own_followers(
    draft, followed, inboxes, admin_user, django_capture_on_commit_callbacks
):
    _, author_actor = followed
    _publish(draft, admin_user, django_capture_on_commit_callbacks)

    announces = inboxes.activities("/s9/inbox")
    assert [a["type"] for a in announces] == ["Announce"]
    assert announces[0]["actor"] == uris.actor(author_actor)
    assert announces[0]["object"] == uris.article(draft.pk)
    assert uris.followers(author_actor) in announces[0]["cc"]


def test_publishing_again_sends_nothing_unless_the_article_changed(
    draft, followed, inboxes, admin_user, django_capture_on_commit_callbacks
):
    _publish(draft, admin_user, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        article_published.send(sender=Article, article=draft)  # a scheduled run, late
    assert OutgoingActivity.objects.filter(type__in=["Create", "Update"]).count() == 1

    Article.objects.filter(pk=draft.pk).update(title="Écrire pour le Web, revu")
    with django_capture_on_commit_callbacks(execute=True):
        article_published.send(sender=Article, article=draft)
    assert list(OutgoingActivity.objects.values_list("type", flat=True)[:1]) == ["Update"]


def test_editing_a_published_article_sends_an_update_to_the_blogs_followers(
    draft, followed, inboxes, admin_user, django_capture_on_commit_callbacks
):
    _publish(draft, admin_user, django_capture_on_commit_callbacks)
    inboxes.received.clear()
    article = Article.objects.get(pk=draft.pk)
    article.title = "Écrire pour le Web, deuxième édition"
    with django_capture_on_commit_callbacks(execute=True):
        blog_services.article_save(article=article, by=admin_user)

    updates = inboxes.activities()
    assert {a["type"] for a in updates} == {"Update"}
    assert len(updates) == 4  # the blog's four inboxes; the author announces nothing new
    assert updates[0]["object"]["name"] == "Écrire pour le Web, deuxième édition"
    assert updates[0]["object"]["updated"]

    inboxes.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        blog_services.article_save(article=Article.objects.get(pk=draft.pk), by=admin_user)
    assert inboxes.received == []  # saved without a change


def test_a_tag_added_from_the_article_list_updates_the_hashtags(
    draft, followed, inboxes, admin_user, django_capture_on_commit_callbacks
):
    _publish(draft, admin_user, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        blog_services.articles_add_tag(
            articles=Article.objects.filter(pk=draft.pk), tag="fédivers", by=admin_user
        )
    update = OutgoingActivity.objects.get(type="Update").payload["object"]
    assert "#fédivers" in [tag["name"] for tag in update["tag"]]


def test_editing_an_article_never_sent_sends_nothing(
    followed, inboxes, django_capture_on_commit_callbacks
):
    article = ArticleFactory()  # published before federation was on
    with django_capture_on_commit_callbacks(execute=True):
        article_changed.send(sender=Article, article=article)
    assert OutgoingActivity.objects.count() == 0


def test_unpublishing_deletes_the_article_and_undoes_the_announces(
    draft, followed, inboxes, admin_user, django_capture_on_commit_callbacks
):
    _publish(draft, admin_user, django_capture_on_commit_callbacks)
    announce = OutgoingActivity.objects.get(type="Announce")
    inboxes.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        blog_services.article_unpublish(article=Article.objects.get(pk=draft.pk), by=admin_user)

    deletes = [a for a in inboxes.activities() if a["type"] == "Delete"]
    assert len(deletes) == 4
    assert deletes[0]["object"]["type"] == "Tombstone"
    assert deletes[0]["object"]["id"] == uris.article(draft.pk)
    [undo] = inboxes.activities("/s9/inbox")
    assert undo["type"] == "Undo"
    assert undo["object"]["id"] == announce.payload["id"]
    assert undo["object"]["type"] == "Announce"

    # Published again: a new Create, and new announces.
    with django_capture_on_commit_callbacks(execute=True):
        blog_services.article_publish(article=Article.objects.get(pk=draft.pk), by=admin_user)
    assert OutgoingActivity.objects.filter(type="Create").count() == 2
    assert OutgoingActivity.objects.filter(type="Announce").count() == 2


def test_deleting_a_published_article_deletes_it_from_the_fediverse(
    draft, followed, inboxes, admin_user, django_capture_on_commit_callbacks
):
    _publish(draft, admin_user, django_capture_on_commit_callbacks)
    inboxes.received.clear()
    with django_capture_on_commit_callbacks(execute=True):
        Article.objects.filter(pk=draft.pk).delete()

    deletes = [a for a in inboxes.activities() if a["type"] == "Delete"]
    assert len(deletes) == 4  # one per inbox that was sent the article
    assert {d["object"]["id"] for d in deletes} == {uris.article(draft.pk)}
    assert [a["type"] for a in inboxes.activities("/s9/inbox")] == ["Undo"]


def test_deleting_an_article_never_sent_sends_nothing(
    followed, inboxes, django_capture_on_commit_callbacks
):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert OutgoingActivity.objects.count() == 0


def test_unpublishing_a_scheduled_article_never_sent_sends_nothing(
    followed, inboxes, admin_user, django_capture_on_commit_callbacks
):
    article = ArticleFactory(status=Article.Status.SCHEDULED)
    Article.objects.filter(pk=article.pk).update(published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        blog_services.article_unpublish(article=Article.objects.get(pk=article.pk), by=admin_user)
    assert OutgoingActivity.objects.count() == 0


def test_nothing_is_stored_or_sent_with_federation_off(
    draft, followed, inboxes, admin_user, settings, django_capture_on_commit_callbacks
):
    settings.FEDIVERSE_ENABLED = False
    _publish(draft, admin_user, django_capture_on_commit_callbacks)
    assert OutgoingActivity.objects.count() == 0
    assert Delivery.objects.count() == 0
    assert inboxes.received == []


def test_the_editors_transaction_only_asks_the_worker(
    draft, followed, inboxes, admin_user, django_capture_on_commit_callbacks
):
    """Nothing is built nor posted while the editor waits: a task does it after the commit."""
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        blog_services.article_publish(article=draft, by=admin_user)
    assert inboxes.received == []
    assert OutgoingActivity.objects.count() == 0  # the rows come after commit, in the task
    for callback in callbacks:
        callback()
    assert OutgoingActivity.objects.filter(type="Create").count() == 1


def _png() -> bytes:
    out = BytesIO()
    Image.new("RGB", (40, 20), "red").save(out, "PNG")
    return out.getvalue()
