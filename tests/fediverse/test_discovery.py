"""Mastodon finds the blog and its authors, reads their profiles, outboxes and followers."""

import io
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, reverse
from django.utils import timezone
from PIL import Image

from blog.models import Article, SiteSettings
from fediverse import services, uris
from fediverse.models import Follower, OutgoingActivity, RemoteActor
from fediverse.urls import urlpatterns
from tests.factories import ArticleFactory, ContributorFactory

HOST = "127.0.0.1:8000"  # EPW_SITE_URL's host in the test settings
ACTIVITY_JSON = "application/activity+json"


@pytest.fixture
def federation(settings):
    settings.FEDIVERSE_ENABLED = True
    settings.EPW_SITE_URL = f"http://{HOST}"


@pytest.fixture
def author(db):
    author = ContributorFactory(display_name="Claire Vasseur", slug="claire-vasseur")
    ArticleFactory(authors=[author])
    return author


def png(name="image.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "teal").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


def as_server(client, path, **params):
    return client.get(path, params, HTTP_ACCEPT=ACTIVITY_JSON)


# WebFinger ----------------------------------------------------------------------------------


def test_webfinger_finds_the_blog_under_its_default_handle(client, db, federation):
    response = client.get("/.well-known/webfinger", {"resource": f"acct:redaction@{HOST}"})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/jrd+json"
    assert response["Access-Control-Allow-Origin"] == "*"
    document = response.json()
    assert document["subject"] == f"acct:redaction@{HOST}"
    links = {link["rel"]: link for link in document["links"]}
    assert links["self"] == {
        "rel": "self",
        "type": ACTIVITY_JSON,
        "href": f"http://{HOST}/fediverse/blog",
    }
    assert links["http://webfinger.net/rel/profile-page"]["href"] == f"http://{HOST}/"
    assert f"http://{HOST}/fediverse/blog" in document["aliases"]


def test_webfinger_follows_the_handle_chosen_in_the_site_settings(client, db, federation):
    SiteSettings.objects.create(fediverse_username="journal")

    found = client.get("/.well-known/webfinger", {"resource": f"acct:Journal@{HOST}"})
    old = client.get("/.well-known/webfinger", {"resource": f"acct:redaction@{HOST}"})

    assert found.json()["subject"] == f"acct:journal@{HOST}"
    assert old.status_code == 404


def test_a_blank_handle_in_the_settings_means_redaction(client, db, federation):
    SiteSettings.objects.create(fediverse_username="")
    response = client.get("/.well-known/webfinger", {"resource": f"acct:redaction@{HOST}"})
    assert response.status_code == 200


def test_webfinger_finds_an_author_with_a_published_article(client, author, federation):
    response = client.get("/.well-known/webfinger", {"resource": f"acct:claire-vasseur@{HOST}"})

    document = response.json()
    assert document["subject"] == f"acct:claire-vasseur@{HOST}"
    links = {link["rel"]: link["href"] for link in document["links"]}
    assert links["self"] == f"http://{HOST}/fediverse/auteurs/{author.pk}"
    assert links["http://webfinger.net/rel/profile-page"] == (
        f"http://{HOST}{author.get_absolute_url()}"
    )


def test_webfinger_also_answers_for_an_actor_address(client, author, federation):
    response = client.get("/.well-known/webfinger", {"resource": uris.author_actor(author.pk)})
    assert response.json()["subject"] == f"acct:claire-vasseur@{HOST}"


@pytest.mark.parametrize(
    "resource",
    [
        f"acct:personne@{HOST}",
        f"acct:draft-only@{HOST}",  # an author whose only article is a draft
        "acct:redaction@autre-serveur.example",
        f"http://{HOST}/fediverse/auteurs/999999",
        "https://ailleurs.example/fediverse/blog",
    ],
)
def test_webfinger_does_not_know_other_names_or_hosts(client, db, federation, resource):
    draft_author = ContributorFactory(slug="draft-only")
    ArticleFactory(authors=[draft_author], status=Article.Status.DRAFT)
    response = client.get("/.well-known/webfinger", {"resource": resource})
    assert response.status_code == 404


def test_webfinger_without_a_resource_says_what_is_missing(client, db, federation):
    response = client.get("/.well-known/webfinger")
    assert response.status_code == 400
    assert "resource" in response.json()["error"]


# NodeInfo -----------------------------------------------------------------------------------


def test_nodeinfo_is_found_from_the_well_known_address(client, db, federation):
    links = client.get("/.well-known/nodeinfo")

    assert links["Content-Type"] == "application/json"
    assert links["Access-Control-Allow-Origin"] == "*"
    (link,) = links.json()["links"]
    assert link == {
        "rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
        "href": f"http://{HOST}/nodeinfo/2.1",
    }


def test_nodeinfo_counts_the_accounts_and_articles(client, author, federation, settings):
    old_author = ContributorFactory()
    ArticleFactory(authors=[old_author], published_at=timezone.now() - timedelta(days=400))
    ArticleFactory(authors=[author])
    ArticleFactory(authors=[ContributorFactory()], status=Article.Status.DRAFT)

    response = client.get("/nodeinfo/2.1")

    assert response["Content-Type"] == (
        'application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.1#"'
    )
    document = response.json()
    assert document["version"] == "2.1"
    assert document["software"]["name"] == "epw"
    assert document["software"]["version"]
    assert document["protocols"] == ["activitypub"]
    assert document["openRegistrations"] is False
    # The blog and the two authors with public articles; the draft's author is no account.
    assert document["usage"]["users"] == {"total": 3, "activeMonth": 2, "activeHalfyear": 2}
    assert document["usage"]["localPosts"] == 3
    assert document["metadata"]["nodeName"] == settings.EPW_SITE_NAME


# Actors -------------------------------------------------------------------------------------


def test_the_blog_actor_describes_the_blog(client, db, federation):
    SiteSettings.objects.create(
        tagline="Le magazine de l’écriture <web>",
        about_blurb="Une rédaction.\n\nDes chroniques.",
        mastodon_url="https://mastodon.example/@epw",
        fediverse_approve_followers=True,
    )
    with_cover = ArticleFactory(cover=png("couverture.png"))
    ArticleFactory(published_at=timezone.now() - timedelta(days=3), cover=png("ancienne.png"))

    response = as_server(client, "/fediverse/blog")

    assert response.status_code == 200
    assert response["Content-Type"] == ACTIVITY_JSON
    assert "Accept" in response["Vary"].split(", ")  # a browser there is redirected
    actor = response.json()
    site = services.site_actor_get()
    assert actor["id"] == f"http://{HOST}/fediverse/blog"
    assert actor["type"] == "Organization"
    assert actor["preferredUsername"] == "redaction"
    assert actor["url"] == f"http://{HOST}/"
    assert actor["summary"] == (
        "<p>Le magazine de l’écriture &lt;web&gt;</p>"
        "<p>Une rédaction.</p>\n\n<p>Des chroniques.</p>"
    )
    assert actor["inbox"] == f"http://{HOST}/fediverse/blog/inbox"
    assert actor["outbox"] == f"http://{HOST}/fediverse/blog/outbox"
    assert actor["followers"] == f"http://{HOST}/fediverse/blog/followers"
    assert actor["following"] == f"http://{HOST}/fediverse/blog/following"
    assert actor["endpoints"] == {"sharedInbox": f"http://{HOST}/fediverse/inbox"}
    assert actor["publicKey"] == {
        "id": f"http://{HOST}/fediverse/blog#main-key",
        "owner": f"http://{HOST}/fediverse/blog",
        "publicKeyPem": site.public_key_pem,
    }
    assert actor["manuallyApprovesFollowers"] is True
    assert actor["discoverable"] is True
    assert actor["attachment"] == [
        {
            "type": "PropertyValue",
            "name": "Mastodon",
            "value": '<a href="https://mastodon.example/@epw" rel="me nofollow noopener '
            'noreferrer" target="_blank">mastodon.example/@epw</a>',
        }
    ]
    assert actor["image"] == {
        "type": "Image",
        "mediaType": "image/png",
        "url": f"http://{HOST}{with_cover.cover.url}",
    }
    assert "icon" not in actor


def test_an_author_actor_is_a_person_with_photo_bio_and_links(client, db, federation):
    author = ContributorFactory(
        display_name="Claire Vasseur",
        slug="claire-vasseur",
        bio="Rédactrice <b>web</b>.",
        photo=png("claire.png"),
        website="https://claire.example/",
        linkedin="https://linkedin.example/in/claire",
    )
    ArticleFactory(authors=[author])
    other = ArticleFactory(cover=png("autre.png"))  # another author's cover is not hers

    actor = as_server(client, f"/fediverse/auteurs/{author.pk}").json()

    assert actor["type"] == "Person"
    assert actor["preferredUsername"] == "claire-vasseur"
    assert actor["name"] == "Claire Vasseur"
    assert actor["summary"] == "<p>Rédactrice &lt;b&gt;web&lt;/b&gt;.</p>"
    assert actor["url"] == f"http://{HOST}{author.get_absolute_url()}"
    assert actor["icon"]["url"] == f"http://{HOST}{author.photo.url}"
    assert actor["icon"]["mediaType"] == "image/png"
    assert [(item["name"], item["value"].split('" ')[0]) for item in actor["attachment"]] == [
        ("Site web", '<a href="https://claire.example/'),
        ("LinkedIn", '<a href="https://linkedin.example/in/claire'),
    ]
    assert "image" not in actor
    assert other.cover
    assert actor["publicKey"]["id"] == f"http://{HOST}/fediverse/auteurs/{author.pk}#main-key"


def test_an_author_without_a_public_article_is_not_an_actor(client, db, federation):
    author = ContributorFactory()
    ArticleFactory(authors=[author], published_at=timezone.now() + timedelta(days=1))
    assert as_server(client, f"/fediverse/auteurs/{author.pk}").status_code == 404
    assert as_server(client, f"/fediverse/auteurs/{author.pk}/outbox").status_code == 404


def test_a_browser_at_an_actor_address_is_sent_to_the_profile_page(client, author, federation):
    blog = client.get("/fediverse/blog", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*")
    person = client.get(f"/fediverse/auteurs/{author.pk}", HTTP_ACCEPT="text/html")

    assert (blog.status_code, blog["Location"]) == (302, f"http://{HOST}/")
    assert person["Location"] == f"http://{HOST}{author.get_absolute_url()}"


def test_the_ld_json_content_type_is_answered_too(client, db, federation):
    response = client.get(
        "/fediverse/blog",
        HTTP_ACCEPT='application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
    )
    assert response["Content-Type"] == ACTIVITY_JSON


# Collections --------------------------------------------------------------------------------


def _activities(actor, count, *, public=True):
    for number in range(count):
        services.activity_send(
            actor=actor,
            type="Create",
            object={"type": "Article", "name": f"Article {number}"},
            inboxes=[],
            public=public,
        )


def test_the_outbox_lists_public_activities_newest_first_page_by_page(client, db, federation):
    blog = services.site_actor_get()
    _activities(blog, 45)
    _activities(blog, 2, public=False)  # Accepts and the like are not in the outbox

    outbox = as_server(client, "/fediverse/blog/outbox")
    first = as_server(client, "/fediverse/blog/outbox", page=1).json()
    last = as_server(client, "/fediverse/blog/outbox", page=3).json()

    assert outbox["Content-Type"] == ACTIVITY_JSON
    collection = outbox.json()
    address = f"http://{HOST}/fediverse/blog/outbox"
    assert collection["type"] == "OrderedCollection"
    assert collection["totalItems"] == 45
    assert collection["first"] == f"{address}?page=1"
    assert first["type"] == "OrderedCollectionPage"
    assert first["partOf"] == address
    assert first["next"] == f"{address}?page=2"
    assert "prev" not in first
    assert [item["object"]["name"] for item in first["orderedItems"][:2]] == [
        "Article 44",
        "Article 43",
    ]
    assert len(first["orderedItems"]) == 20
    assert "@context" not in first["orderedItems"][0]
    assert first["orderedItems"][0]["type"] == "Create"
    assert [item["object"]["name"] for item in last["orderedItems"]] == [
        f"Article {n}" for n in range(4, -1, -1)
    ]
    assert last["prev"] == f"{address}?page=2"
    assert "next" not in last


@pytest.mark.parametrize("page", ["4", "0", "deux"])
def test_a_page_past_the_end_or_not_a_number_is_not_found(client, db, federation, page):
    _activities(services.site_actor_get(), 45)
    assert as_server(client, "/fediverse/blog/outbox", page=page).status_code == 404


def test_an_author_outbox_holds_only_their_activities(client, author, federation):
    mine = services.author_actor_get(contributor=author)
    _activities(mine, 2)
    _activities(services.site_actor_get(), 3)

    page = as_server(client, f"/fediverse/auteurs/{author.pk}/outbox", page=1).json()

    assert page["totalItems"] == 2
    assert {item["actor"] for item in page["orderedItems"]} == {uris.actor(mine)}


def _follower(actor, number, status=Follower.Status.ACCEPTED):
    remote = RemoteActor.objects.create(
        uri=f"https://social{number % 3}.example/users/u{number}",
        domain=f"social{number % 3}.example",
        username=f"u{number}",
        inbox=f"https://social{number % 3}.example/users/u{number}/inbox",
        key_id=f"https://social{number % 3}.example/users/u{number}#main-key",
        public_key_pem="-",
        fetched_at=timezone.now(),
    )
    return Follower.objects.create(
        actor=actor, remote=remote, status=status, follow_id=f"{remote.uri}#follows/1"
    )


def test_the_followers_collection_lists_accepted_followers_by_address(client, db, federation):
    blog = services.site_actor_get()
    for number in range(23):
        _follower(blog, number)
    _follower(blog, 99, status=Follower.Status.PENDING)

    response = as_server(client, "/fediverse/blog/followers")
    collection = response.json()
    second = as_server(client, "/fediverse/blog/followers", page=2).json()

    assert response["Content-Type"] == ACTIVITY_JSON
    assert collection["totalItems"] == 23
    assert collection["first"] == f"http://{HOST}/fediverse/blog/followers?page=1"
    assert second["orderedItems"] == [
        "https://social2.example/users/u2",
        "https://social1.example/users/u1",
        "https://social0.example/users/u0",
    ]
    assert "https://social0.example/users/u99" not in second["orderedItems"]


def test_nobody_is_followed(client, author, federation):
    blog = as_server(client, "/fediverse/blog/following").json()
    hers = as_server(client, f"/fediverse/auteurs/{author.pk}/following").json()

    assert blog == {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"http://{HOST}/fediverse/blog/following",
        "type": "OrderedCollection",
        "totalItems": 0,
        "orderedItems": [],
    }
    assert hers["totalItems"] == 0


@pytest.mark.parametrize("count", [3, 45])
def test_a_page_costs_the_same_queries_however_many_items(
    client, db, federation, django_assert_num_queries, count
):
    blog = services.site_actor_get()
    _activities(blog, count)
    for number in range(count):
        _follower(blog, number)

    # The actor, the count, the page's rows.
    with django_assert_num_queries(3):
        as_server(client, "/fediverse/blog/outbox", page=1)
    with django_assert_num_queries(3):
        as_server(client, "/fediverse/blog/followers", page=1)


def test_an_author_page_costs_a_fixed_number_of_queries(
    client, author, federation, django_assert_num_queries
):
    _activities(services.author_actor_get(contributor=author), 30)
    # The author (with a public article), the actor, the count, the page's rows.
    with django_assert_num_queries(4):
        as_server(client, f"/fediverse/auteurs/{author.pk}/outbox", page=2)


def test_documents_are_never_served_from_the_page_cache(client, db, federation, settings):
    settings.EPW_PAGE_CACHE_ENABLED = True
    blog = services.site_actor_get()
    as_server(client, "/fediverse/blog/outbox")
    _activities(blog, 1)
    assert as_server(client, "/fediverse/blog/outbox").json()["totalItems"] == 1


# Off switch ---------------------------------------------------------------------------------


def _sample_path(pattern: URLPattern, pk: int) -> str:
    """A path of this route, with a plausible value for each of its parameters."""
    samples = {"int": pk, "uuid": uuid.uuid4(), "slug": "claire-vasseur", "path": "x"}
    kwargs = {
        name: samples.get(type(converter).__name__.removesuffix("Converter").lower(), "x")
        for name, converter in pattern.pattern.converters.items()
    }
    return reverse(f"fediverse:{pattern.name}", kwargs=kwargs)


def test_with_federation_off_every_endpoint_is_not_found(client, author, settings):
    settings.FEDIVERSE_ENABLED = False
    services.site_actor_get()
    paths = [_sample_path(pattern, author.pk) for pattern in urlpatterns]
    assert {"/.well-known/webfinger", "/.well-known/nodeinfo", "/nodeinfo/2.1"} <= set(paths)

    for path in paths:
        for answer in (
            client.get(path, {"resource": f"acct:redaction@{HOST}"}, HTTP_ACCEPT=ACTIVITY_JSON),
            client.post(path, b"{}", content_type=ACTIVITY_JSON),
        ):
            assert answer.status_code == 404, path
    assert not OutgoingActivity.objects.exists()
