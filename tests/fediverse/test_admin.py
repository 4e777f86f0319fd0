"""Editors see followers per account and server, answer follow requests, block servers and
accounts, and read reactions and deliveries."""

import pytest
from django.urls import reverse
from django.utils import timezone

from fediverse import services, uris
from fediverse.models import (
    Block,
    Delivery,
    Follower,
    IncomingActivity,
    OutgoingActivity,
    Reaction,
    RemoteActor,
)
from tests.factories import ArticleFactory, ContributorFactory


def remote(name, domain):
    return RemoteActor.objects.create(
        uri=f"https://{domain}/users/{name}",
        domain=domain,
        username=name,
        inbox=f"https://{domain}/users/{name}/inbox",
        shared_inbox=f"https://{domain}/inbox",
        key_id=f"https://{domain}/users/{name}#main-key",
        public_key_pem="-",
        fetched_at=timezone.now(),
    )


def follow(actor, account, status=Follower.Status.PENDING):
    return Follower.objects.create(
        actor=actor, remote=account, status=status, follow_id=f"{account.uri}#follows/1"
    )


@pytest.fixture
def accounts(db):
    blog = services.site_actor_get()
    author = ContributorFactory(display_name="Claire Vasseur")
    ArticleFactory(authors=[author])
    hers = services.author_actor_get(contributor=author)
    return {
        "blog": blog,
        "hers": hers,
        "ana": follow(blog, remote("ana", "mastodon.example")),
        "bob": follow(blog, remote("bob", "piaille.example"), Follower.Status.ACCEPTED),
        "cleo": follow(hers, remote("cleo", "mastodon.example"), Follower.Status.ACCEPTED),
    }


CHANGELIST = "/admin/fediverse/follower/"


def test_followers_are_listed_with_their_server(admin_client, accounts):
    page = admin_client.get(CHANGELIST).content.decode()

    assert "@ana@mastodon.example" in page
    assert "piaille.example" in page
    assert "Claire Vasseur" in page


def test_followers_are_filtered_by_account_followed_and_by_server(admin_client, accounts):
    hers = admin_client.get(CHANGELIST, {"actor__id__exact": accounts["hers"].pk})
    server = admin_client.get(CHANGELIST, {"remote__domain": "mastodon.example"})
    found = admin_client.get(CHANGELIST, {"q": "bob"})

    assert [f.remote.username for f in hers.context["cl"].result_list] == ["cleo"]
    assert {f.remote.username for f in server.context["cl"].result_list} == {"ana", "cleo"}
    assert [f.remote.username for f in found.context["cl"].result_list] == ["bob"]


def test_approving_a_pending_follower_accepts_and_tells_their_server(
    admin_client, accounts, django_capture_on_commit_callbacks
):
    ana = accounts["ana"]
    with django_capture_on_commit_callbacks():
        response = admin_client.post(
            CHANGELIST, {"action": "approve", "_selected_action": [ana.pk]}, follow=True
        )

    ana.refresh_from_db()
    assert ana.status == Follower.Status.ACCEPTED
    assert "1 abonnement accepté." in response.content.decode()
    accept = OutgoingActivity.objects.get(type="Accept")
    assert accept.public is False
    assert accept.payload["object"] == {
        "id": ana.follow_id,
        "type": "Follow",
        "actor": ana.remote.uri,
        "object": uris.site_actor(),
    }
    assert accept.payload["to"] == [ana.remote.uri]
    assert list(accept.deliveries.values_list("inbox", flat=True)) == [ana.remote.inbox]


def test_approving_an_accepted_follower_says_so_and_sends_nothing(admin_client, accounts):
    response = admin_client.post(
        CHANGELIST, {"action": "approve", "_selected_action": [accounts["bob"].pk]}, follow=True
    )
    assert "déjà accepté" in response.content.decode()
    assert not OutgoingActivity.objects.exists()


def test_refusing_removes_the_follower_and_tells_their_server(admin_client, accounts):
    ana = accounts["ana"]
    admin_client.post(CHANGELIST, {"action": "reject", "_selected_action": [ana.pk]})

    assert not Follower.objects.filter(pk=ana.pk).exists()
    reject = OutgoingActivity.objects.get(type="Reject")
    assert reject.payload["object"]["id"] == ana.follow_id
    assert reject.deliveries.get().inbox == ana.remote.inbox


def test_a_block_names_a_server_or_an_account(admin_client, db):
    empty = admin_client.post("/admin/fediverse/block/add/", {"reason": "spam"})
    made = admin_client.post(
        "/admin/fediverse/block/add/", {"domain": " Spam.Example ", "reason": "spam"}
    )

    assert empty.status_code == 200
    assert "Indiquez un serveur, un compte, ou les deux." in empty.content.decode()
    assert made.status_code == 302
    assert Block.objects.get().domain == "spam.example"


def test_likes_and_boosts_are_counted_per_article(admin_client, db):
    shared = ArticleFactory(title="Le plus partagé")
    liked = ArticleFactory(title="Seulement aimé")
    ArticleFactory(title="Sans réaction")
    for number, (article, kind) in enumerate(
        [(shared, "boost"), (shared, "boost"), (shared, "like"), (liked, "like")]
    ):
        Reaction.objects.create(
            article=article,
            remote=remote(f"r{number}", "mastodon.example"),
            kind=kind,
            activity_id=f"https://mastodon.example/{number}",
        )

    listing = admin_client.get("/admin/fediverse/reaction/")
    page = admin_client.get(reverse("admin:fediverse_reaction_by_article"))

    assert reverse("admin:fediverse_reaction_by_article") in listing.content.decode()
    rows = [(a.title, a.likes, a.boosts) for a in page.context["page"].object_list]
    assert rows == [("Le plus partagé", 1, 2), ("Seulement aimé", 1, 0)]
    assert "Sans réaction" not in page.content.decode()


def test_reactions_per_article_come_page_by_page(admin_client, db, monkeypatch):
    monkeypatch.setattr("fediverse.admin.ARTICLES_PER_PAGE", 1)
    for number in range(2):
        Reaction.objects.create(
            article=ArticleFactory(),
            remote=remote(f"r{number}", "mastodon.example"),
            kind="like",
            activity_id=f"https://mastodon.example/{number}",
        )

    second = admin_client.get(reverse("admin:fediverse_reaction_by_article"), {"p": 2})

    assert "Page 2 sur 2" in second.content.decode()
    assert len(second.context["page"].object_list) == 1


def test_activities_show_their_deliveries_by_status_and_cannot_be_edited(admin_client, db):
    activity = services.activity_send(
        actor=services.site_actor_get(),
        type="Create",
        object={"type": "Article"},
        inboxes=["https://a.example/inbox", "https://b.example/inbox"],
    )
    activity.deliveries.filter(inbox__startswith="https://a.").update(
        status=Delivery.Status.SENT, attempts=1
    )
    IncomingActivity.objects.create(
        activity_id="https://a.example/1", actor_uri="https://a.example/u", type="Like"
    )

    listing = admin_client.get("/admin/fediverse/outgoingactivity/")
    (row,) = listing.context["cl"].result_list
    detail = admin_client.get(f"/admin/fediverse/outgoingactivity/{activity.pk}/change/")
    pending = admin_client.get("/admin/fediverse/delivery/", {"status__exact": "pending"})

    assert (row.sent_count, row.waiting_count, row.failed_count) == (1, 1, 0)
    assert detail.status_code == 200
    assert "https://b.example/inbox" in detail.content.decode()
    assert [d.inbox for d in pending.context["cl"].result_list] == ["https://b.example/inbox"]
    assert admin_client.get("/admin/fediverse/delivery/add/").status_code == 403
    assert admin_client.get("/admin/fediverse/incomingactivity/").status_code == 200
