"""Following the blog (or an author) from Mastodon: accepted, held for approval, undone."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from blog.models import SiteSettings
from fediverse import following, receiving, services, uris
from fediverse.models import Follower, IncomingActivity
from tests.factories import ArticleFactory, ContributorFactory
from tests.fediverse.mastodon_server import MastodonServer, blog_key

pytestmark = pytest.mark.django_db
INBOX = "/fediverse/inbox"


@pytest.fixture
def mastodon(settings):
    with MastodonServer(settings) as server:
        yield server


@pytest.fixture
def send(client, mastodon, django_capture_on_commit_callbacks):
    def send(activity, path=INBOX):
        with django_capture_on_commit_callbacks(execute=True):
            response = mastodon.send(client, path, activity)
        assert response.status_code == 202
        return IncomingActivity.objects.get(activity_id=activity["id"])

    return send


def test_a_follow_is_accepted_and_the_follower_told(mastodon, send):
    follow = mastodon.follow("ana", uris.site_actor())

    assert send(follow).status == IncomingActivity.Status.APPLIED

    follower = Follower.objects.get()
    assert follower.status == Follower.Status.ACCEPTED
    assert follower.remote.handle == f"@ana@{mastodon.host}"
    assert follower.remote.shared_inbox == f"{mastodon.base}/inbox"
    [(path, _headers, _body)] = mastodon.received
    assert path == "/users/ana/inbox"
    [accept] = mastodon.activities(blog_key)
    assert accept["type"] == "Accept"
    assert accept["actor"] == uris.site_actor()
    assert accept["object"]["id"] == follow["id"]
    assert accept["to"] == [mastodon.actor_uri("ana")]
    # The blog read the actor with a request signed by its own key (Mastodon's secure mode).
    [(fetched, headers)] = mastodon.fetched
    assert fetched == "/users/ana"
    assert uris.key_id(services.site_actor_get()) in headers["Signature"]
    assert services.follower_inboxes(actor=services.site_actor_get()) == [f"{mastodon.base}/inbox"]


def test_the_actors_own_inbox_takes_a_follow_too(mastodon, send):
    send(mastodon.follow("ana", uris.site_actor()), path="/fediverse/blog/inbox")
    assert Follower.objects.filter(status=Follower.Status.ACCEPTED).count() == 1


def test_an_author_with_a_published_article_can_be_followed(mastodon, send):
    author = ContributorFactory()
    ArticleFactory(authors=[author])
    send(mastodon.follow("ana", uris.author_actor(author.pk)))
    follower = Follower.objects.get()
    assert follower.actor.contributor == author
    assert mastodon.activities(blog_key)[0]["actor"] == uris.author_actor(author.pk)


def test_an_author_without_a_published_article_cannot(mastodon, send):
    author = ContributorFactory()
    ArticleFactory(authors=[author], status="draft")
    send(mastodon.follow("ana", uris.author_actor(author.pk)))
    assert not Follower.objects.exists()
    assert mastodon.received == []


def test_followers_wait_for_an_editor_when_the_settings_say_so(
    mastodon, send, django_capture_on_commit_callbacks
):
    SiteSettings.objects.create(pk=1, fediverse_approve_followers=True)
    send(mastodon.follow("ana", uris.site_actor()))
    follower = Follower.objects.get()
    assert follower.status == Follower.Status.PENDING
    assert mastodon.received == []
    assert services.follower_inboxes(actor=follower.actor) == []

    with django_capture_on_commit_callbacks(execute=True):
        following.follower_approve(follower=follower)

    follower.refresh_from_db()
    assert follower.status == Follower.Status.ACCEPTED
    assert [a["type"] for a in mastodon.activities(blog_key)] == ["Accept"]
    with pytest.raises(following.FollowingError):
        following.follower_approve(follower=follower)


def test_a_rejected_follower_is_told_and_removed(
    mastodon, send, django_capture_on_commit_callbacks
):
    SiteSettings.objects.create(pk=1, fediverse_approve_followers=True)
    follow = mastodon.follow("ana", uris.site_actor())
    send(follow)
    with django_capture_on_commit_callbacks(execute=True):
        following.follower_reject(follower=Follower.objects.get())
    assert not Follower.objects.exists()
    [reject] = mastodon.activities(blog_key)
    assert (reject["type"], reject["object"]["id"]) == ("Reject", follow["id"])


def test_undo_removes_the_follower(mastodon, send):
    follow = mastodon.follow("ana", uris.site_actor())
    send(follow)
    send(mastodon.undo("ana", follow))
    assert not Follower.objects.exists()


def test_following_twice_keeps_one_follower_and_answers_again(mastodon, send):
    send(mastodon.follow("ana", uris.site_actor()))
    again = mastodon.follow("ana", uris.site_actor())
    send(again)
    assert Follower.objects.get().follow_id == again["id"]
    assert [a["object"]["id"] for a in mastodon.activities(blog_key)][-1] == again["id"]


def test_a_deleted_account_stops_following(mastodon, send):
    send(mastodon.follow("ana", uris.site_actor()))
    send(mastodon.delete("ana", mastodon.actor_uri("ana")) | {"object": mastodon.actor_uri("ana")})
    assert not Follower.objects.exists()


def test_following_someone_else_is_applied_as_nothing(mastodon, send):
    incoming = send(mastodon.follow("ana", mastodon.actor_uri("bruno")))
    assert incoming.status == IncomingActivity.Status.APPLIED
    assert not Follower.objects.exists()


def test_the_deletion_of_an_unknown_account_is_dropped_unfetched(client, mastodon):
    gone = mastodon.actor_uri("ana")
    response = mastodon.send(client, INBOX, mastodon.delete("ana", gone) | {"object": gone})
    assert response.status_code == 202
    assert not IncomingActivity.objects.exists()
    assert mastodon.fetched == []


def test_a_follow_waits_while_the_followers_server_does_not_answer(client, mastodon):
    mastodon.down = True
    follow = mastodon.follow("ana", uris.site_actor())
    assert mastodon.send(client, INBOX, follow).status_code == 202
    incoming = IncomingActivity.objects.get(activity_id=follow["id"])

    waiting = receiving.activity_receive(incoming_id=incoming.pk, may_wait=True)
    assert waiting.status == IncomingActivity.Status.RECEIVED
    assert "503" in waiting.error
    assert not Follower.objects.exists()

    mastodon.down = False
    applied = receiving.activity_receive(incoming_id=incoming.pk, may_wait=True)
    assert applied.status == IncomingActivity.Status.APPLIED
    assert Follower.objects.get().remote.handle == f"@ana@{mastodon.host}"


def test_a_follow_whose_server_stays_silent_is_refused_in_the_end(client, mastodon, settings):
    mastodon.down = True
    with time_machine.travel(timezone.now(), tick=False) as clock:
        follow = mastodon.follow("ana", uris.site_actor())
        mastodon.send(client, INBOX, follow)
        incoming = IncomingActivity.objects.get(activity_id=follow["id"])
        clock.shift(timedelta(seconds=settings.FEDIVERSE_KEY_WAIT_SECONDS + 1))
        refused = receiving.activity_receive(incoming_id=incoming.pk, may_wait=True)
    assert refused.status == IncomingActivity.Status.REFUSED
    assert not Follower.objects.exists()
