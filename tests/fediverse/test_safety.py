"""What the inboxes refuse: none of it is applied, and none of it reaches the comment queue."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from fediverse import remote_actors, signatures, uris
from fediverse.models import Block, IncomingActivity, RemoteActor
from tests.factories import ArticleFactory
from tests.fediverse.mastodon_server import MastodonServer

pytestmark = pytest.mark.django_db
INBOX = "/fediverse/inbox"
Status = IncomingActivity.Status


@pytest.fixture
def mastodon(settings):
    with MastodonServer(settings) as server:
        yield server


@pytest.fixture
def post(client, mastodon, django_capture_on_commit_callbacks):
    def post(activity, *, headers=None, path=INBOX, name=None):
        with django_capture_on_commit_callbacks(execute=True):
            return mastodon.send(client, path, activity, headers=headers, name=name)

    return post


@pytest.fixture
def reply(mastodon):
    article = ArticleFactory()
    note = mastodon.note("ana", "<p>Bonjour</p>", in_reply_to=uris.article(article.pk))
    return mastodon.create("ana", note)


def _nothing_reached_the_comments():
    return not XtdComment.objects.exists()


def test_a_forged_signature_is_refused(mastodon, post, reply):
    body = json.dumps(reply).encode()
    forger = signatures.new_key_pair()[0]
    headers = {
        "Host": "testserver",
        **signatures.sign(
            method="POST",
            path=INBOX,
            host="testserver",
            key_id=mastodon.key_id("ana"),
            private_key_pem=forger,
            body=body,
        ),
    }
    assert post(reply, headers=headers).status_code == 202  # only the worker knows the key

    incoming = IncomingActivity.objects.get()
    assert (incoming.status, incoming.error) == (Status.REFUSED, "signature does not verify")
    assert _nothing_reached_the_comments()


def test_an_activity_signed_by_another_account_of_the_server_is_refused(post, reply):
    assert post(reply, name="bruno").status_code == 202
    incoming = IncomingActivity.objects.get()
    assert incoming.status == Status.REFUSED
    assert "owner" in incoming.error
    assert _nothing_reached_the_comments()


def test_a_replayed_activity_is_applied_once(mastodon, post, reply):
    assert post(reply).status_code == 202
    headers = mastodon.signed_headers("ana", INBOX, json.dumps(reply).encode())
    assert post(reply, headers=headers).status_code == 202  # signed afresh, same activity

    assert IncomingActivity.objects.count() == 1
    assert XtdComment.objects.count() == 1


def test_the_json_ld_content_type_is_taken_too(mastodon, post, reply):
    ld = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
    body = json.dumps(reply).encode()
    headers = mastodon.signed_headers("ana", INBOX, body, content_type=ld)
    assert post(reply, headers=headers).status_code == 202
    assert IncomingActivity.objects.get().status == Status.APPLIED
    assert XtdComment.objects.count() == 1


def test_a_stale_date_is_refused(mastodon, post, reply):
    long_ago = datetime.now(UTC) - timedelta(hours=13)
    headers = mastodon.signed_headers("ana", INBOX, json.dumps(reply).encode(), at=long_ago)
    response = post(reply, headers=headers)
    assert response.status_code == 401
    assert not IncomingActivity.objects.exists()
    assert _nothing_reached_the_comments()


def test_a_body_changed_after_signing_is_refused(mastodon, post, reply):
    headers = mastodon.signed_headers("ana", INBOX, json.dumps(reply).encode())
    changed = reply | {"object": reply["object"] | {"content": "<p>Autre chose</p>"}}
    assert post(changed, headers=headers).status_code == 401
    assert not IncomingActivity.objects.exists()


@pytest.mark.parametrize("drop", ["Signature", "Digest", "Date"])
def test_an_unsigned_post_is_refused(mastodon, post, reply, drop):
    headers = mastodon.signed_headers("ana", INBOX, json.dumps(reply).encode())
    del headers[drop]
    assert post(reply, headers=headers).status_code == 401
    assert not IncomingActivity.objects.exists()


def test_a_key_on_another_server_is_refused(mastodon, post, reply):
    body = json.dumps(reply).encode()
    headers = {
        "Host": "testserver",
        **signatures.sign(
            method="POST",
            path=INBOX,
            host="testserver",
            key_id="https://autre.example/users/eve#main-key",
            private_key_pem=mastodon.keys["ana"][0],
            body=body,
        ),
    }
    assert post(reply, headers=headers).status_code == 401


@pytest.mark.parametrize("blocked", ["domain", "actor"])
def test_a_blocked_sender_is_dropped(mastodon, post, reply, blocked):
    if blocked == "domain":
        Block.objects.create(domain="127.0.0.1")
    else:
        Block.objects.create(actor_uri=mastodon.actor_uri("ana"))
    assert post(reply).status_code == 202
    assert not IncomingActivity.objects.exists()
    assert mastodon.fetched == []
    assert _nothing_reached_the_comments()


def test_a_blocked_domain_blocks_its_subdomains_and_nothing_else():
    Block.objects.create(domain="spam.example")
    Block.objects.create(actor_uri="https://social.example/users/troll")
    assert remote_actors.is_blocked("https://spam.example/users/a")
    assert remote_actors.is_blocked("https://eu.spam.example/users/a")
    assert remote_actors.is_blocked("https://social.example/users/troll")
    assert not remote_actors.is_blocked("https://social.example/users/ana")
    assert not remote_actors.is_blocked("https://notspam.example/users/a")


def test_a_block_added_after_receipt_refuses_in_the_worker(
    client, mastodon, reply, django_capture_on_commit_callbacks
):
    mastodon.send(client, INBOX, reply)  # stored; the worker has not run yet
    Block.objects.create(domain="127.0.0.1")
    from fediverse.receiving import activity_receive

    incoming = activity_receive(incoming_id=IncomingActivity.objects.get().pk)
    assert (incoming.status, incoming.error) == (Status.REFUSED, "blocked")
    assert _nothing_reached_the_comments()


def test_an_oversized_body_is_refused_before_it_is_read(mastodon, post, reply, settings):
    settings.FEDIVERSE_INBOX_MAX_BYTES = 2000
    big = reply | {"object": reply["object"] | {"content": "<p>" + "x" * 3000 + "</p>"}}
    assert post(big).status_code == 413
    assert not IncomingActivity.objects.exists()
    assert _nothing_reached_the_comments()


def test_an_actor_on_a_private_address_is_never_fetched(client, settings, reply):
    settings.FEDIVERSE_ENABLED = True
    keys = signatures.new_key_pair()
    actor = "https://10.0.0.7/users/eve"
    activity = reply | {"id": actor + "#create/1", "actor": actor}
    activity["object"] = reply["object"] | {"id": actor + "/1", "attributedTo": actor}
    body = json.dumps(activity).encode()
    signed = signatures.sign(
        method="POST",
        path=INBOX,
        host="testserver",
        key_id=actor + "#main-key",
        private_key_pem=keys[0],
        body=body,
    )
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            INBOX,
            data=body,
            content_type="application/activity+json",
            headers={"Host": "testserver", **signed},
        )
    assert response.status_code == 202
    incoming = IncomingActivity.objects.get()
    assert incoming.status == Status.REFUSED
    assert "private address" in incoming.error
    assert not RemoteActor.objects.exists()
    assert _nothing_reached_the_comments()


def test_a_changed_key_is_fetched_again_once(mastodon, post, reply):
    RemoteActor.objects.create(
        uri=mastodon.actor_uri("ana"),
        domain=mastodon.host,
        username="ana",
        inbox=mastodon.actor_uri("ana") + "/inbox",
        key_id=mastodon.key_id("ana"),
        public_key_pem=signatures.new_key_pair()[1],  # the key before it changed
        fetched_at=timezone.now(),
    )
    post(reply)
    assert IncomingActivity.objects.get().status == Status.APPLIED
    assert RemoteActor.objects.get().public_key_pem == mastodon.keys["ana"][1]
    assert len(mastodon.fetched) == 1


def test_inboxes_are_rate_limited_per_address(post, mastodon, settings):
    settings.FEDIVERSE_INBOX_RATE_IP = (2, 60)
    answers = [post(mastodon.like("ana", uris.site_actor())).status_code for _ in range(3)]
    assert answers == [202, 202, 429]


def test_inboxes_are_rate_limited_per_server(post, mastodon, settings):
    settings.FEDIVERSE_INBOX_RATE_DOMAIN = (1, 60)
    first = post(mastodon.like("ana", uris.site_actor()))
    second = post(mastodon.like("bruno", uris.site_actor()))
    assert (first.status_code, second.status_code) == (202, 429)
    assert int(second["Retry-After"]) > 0


@pytest.mark.parametrize(
    "body, status",
    [(b"not json", 400), (b"[]", 400), (b'{"type": "Like"}', 400)],
)
def test_malformed_activities_are_refused(client, settings, body, status):
    settings.FEDIVERSE_ENABLED = True
    response = client.post(INBOX, data=body, content_type="application/activity+json")
    assert response.status_code == status
    assert not IncomingActivity.objects.exists()


def test_only_activity_documents_are_taken(client, settings):
    settings.FEDIVERSE_ENABLED = True
    response = client.post(INBOX, data=b"{}", content_type="text/plain")
    assert response.status_code == 415


@pytest.mark.parametrize("path", [INBOX, "/fediverse/blog/inbox"])
def test_an_inbox_takes_only_posts(client, settings, path):
    settings.FEDIVERSE_ENABLED = True
    assert client.get(path).status_code == 405


def test_with_federation_off_every_inbox_is_404(client, settings, mastodon, reply):
    author = ArticleFactory().authors.get()
    settings.FEDIVERSE_ENABLED = False
    for path in [INBOX, "/fediverse/blog/inbox", f"/fediverse/auteurs/{author.pk}/inbox"]:
        assert mastodon.send(client, path, reply).status_code == 404
        assert client.get(path).status_code == 404
    assert not IncomingActivity.objects.exists()
