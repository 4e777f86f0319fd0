"""A Mastodon user's whole visit: follow, receive an article, reply, like, boost, unfollow."""

import json
from pathlib import Path

import pytest
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from blog import services as blog_services
from blog.models import Article
from fediverse import remote_actors, uris
from fediverse.models import Follower, IncomingActivity, Reaction, RemoteActor
from tests.factories import ArticleFactory, StaffUserFactory
from tests.fediverse.mastodon_server import MastodonServer, blog_key

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures" / "inbox"


def test_a_mastodon_user_follows_receives_replies_likes_boosts_and_unfollows(
    client, settings, django_capture_on_commit_callbacks
):
    article = ArticleFactory(
        title="Écrire pour le web", status=Article.Status.DRAFT, published_at=None
    )
    moderator = StaffUserFactory(is_superuser=True)
    with MastodonServer(settings) as mastodon:

        def send(activity, path="/fediverse/inbox"):
            with django_capture_on_commit_callbacks(execute=True):
                assert mastodon.send(client, path, activity).status_code == 202

        follow = mastodon.follow("ana", uris.site_actor())
        send(follow, path="/fediverse/blog/inbox")
        assert [a["type"] for a in mastodon.activities(blog_key)] == ["Accept"]

        with django_capture_on_commit_callbacks(execute=True):
            blog_services.article_publish(article=article, by=moderator)
        [_accept, create] = mastodon.activities(blog_key)  # signatures checked
        assert (create["type"], create["object"]["type"]) == ("Create", "Article")
        assert create["object"]["name"] == "Écrire pour le web"
        assert create["object"]["url"].endswith(article.get_absolute_url())

        note = mastodon.note("ana", "<p>Merci !</p>", in_reply_to=uris.article(article.pk))
        send(mastodon.create("ana", note))
        send(mastodon.like("ana", uris.article(article.pk)))
        send(mastodon.announce("ana", uris.article(article.pk)))
        comment = XtdComment.objects.get()
        assert not comment.is_public  # held: a first comment

        client.force_login(moderator)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("admin:blog_comments_approve", args=[comment.pk]))
        client.logout()
        page = client.get(article.get_absolute_url()).content.decode()
        assert "Merci !" in page and f"@ana@{mastodon.host}" in page

        send(mastodon.undo("ana", follow))

    assert not Follower.objects.exists()
    assert sorted(Reaction.objects.values_list("kind", flat=True)) == ["boost", "like"]
    statuses = set(IncomingActivity.objects.values_list("status", flat=True))
    assert statuses == {IncomingActivity.Status.APPLIED}


def test_a_mastodon_actor_document_is_kept_with_its_key_and_inboxes():
    document = json.loads((FIXTURES / "activitypub-actor.json").read_text())
    actor = remote_actors.actor_keep(document, fetched_from="https://ap.example.com/users/foo")
    assert (actor.handle, actor.name, actor.url) == ("@foo@ap.example.com", "", document["url"])
    assert actor.delivery_inbox == "https://ap.example.com/inbox"
    assert actor.key_id == "https://ap.example.com/users/foo#main-key"
    assert actor.public_key_pem.startswith("-----BEGIN PUBLIC KEY-----")


def test_an_actor_document_naming_another_server_is_not_kept():
    document = json.loads((FIXTURES / "activitypub-actor.json").read_text())
    with pytest.raises(remote_actors.Unavailable):
        remote_actors.actor_keep(document, fetched_from="https://autre.example/users/foo")
    assert not RemoteActor.objects.exists()
