"""The blog's documents read right as JSON-LD and have the shapes Mastodon's have."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from pyld import jsonld

from blog.models import SiteSettings
from fediverse import services
from fediverse.models import Follower, RemoteActor
from tests.factories import ArticleFactory, ContributorFactory

FIXTURES = Path(__file__).parent / "fixtures" / "mastodon"
CONTEXTS = {
    "https://www.w3.org/ns/activitystreams": "activitystreams.jsonld",
    "https://w3id.org/security/v1": "security-v1.jsonld",
}
AS = "https://www.w3.org/ns/activitystreams#"
SEC = "https://w3id.org/security#"
ACTIVITY_JSON = "application/activity+json"


def local_contexts(url, options=None):
    """pyld's document loader, without the network: the two contexts the documents name."""
    if url not in CONTEXTS:
        raise jsonld.JsonLdError(f"No local copy of {url}", "loading document failed")
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        "document": json.loads((FIXTURES / CONTEXTS[url]).read_text()),
    }


def expand(document: dict) -> dict:
    (expanded,) = jsonld.expand(document, {"documentLoader": local_contexts})
    return expanded


def undefined_terms(node) -> set[str]:
    """Keys and types that no context defines: ActivityStreams' `@vocab` makes them `_:…`."""
    found = set()
    if isinstance(node, list):
        for item in node:
            found |= undefined_terms(item)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key.startswith("_:"):
                found.add(key)
            if key == "@type":
                found |= {kind for kind in value if kind.startswith("_:")}
            found |= undefined_terms(value)
    return found


def fixture(name: str) -> dict:
    return json.loads((FIXTURES / name).read_text())


def png(name):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "navy").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


@pytest.fixture
def federation(settings):
    settings.FEDIVERSE_ENABLED = True


@pytest.fixture
def author(db):
    author = ContributorFactory(
        slug="claire-vasseur", bio="Rédactrice.", photo=png("c.png"), website="https://c.example"
    )
    ArticleFactory(authors=[author], cover=png("cover.png"))
    return author


@pytest.fixture
def blog(db):
    SiteSettings.objects.create(tagline="Écrire", mastodon_url="https://m.example/@epw")
    actor = services.site_actor_get()
    services.activity_send(
        actor=actor, type="Create", object={"type": "Article", "name": "Un"}, inboxes=[]
    )
    remote = RemoteActor.objects.create(
        uri="https://m.example/users/ana",
        domain="m.example",
        username="ana",
        inbox="https://m.example/users/ana/inbox",
        key_id="https://m.example/users/ana#main-key",
        public_key_pem="-",
        fetched_at=timezone.now(),
    )
    Follower.objects.create(
        actor=actor, remote=remote, status=Follower.Status.ACCEPTED, follow_id="https://m.example/1"
    )
    return actor


def get(client, path, **params):
    response = client.get(path, params, HTTP_ACCEPT=ACTIVITY_JSON)
    assert response.status_code == 200, path
    return response.json()


# JSON-LD -------------------------------------------------------------------------------------


def test_the_local_contexts_read_mastodon_own_actor():
    expanded = expand(fixture("actor.json"))
    assert expanded[f"{SEC}publicKey"][0][f"{SEC}publicKeyPem"][0]["@value"].startswith("-----")


@pytest.mark.parametrize("who", ["blog", "author"])
def test_actor_documents_expand_with_every_term_defined(client, blog, author, federation, who):
    path = "/fediverse/blog" if who == "blog" else f"/fediverse/auteurs/{author.pk}"
    expanded = expand(get(client, path))

    assert undefined_terms(expanded) == set()
    kind = "Organization" if who == "blog" else "Person"
    assert expanded["@type"] == [f"{AS}{kind}"]
    assert expanded["http://www.w3.org/ns/ldp#inbox"][0]["@id"].endswith("/inbox")
    for term in ("outbox", "followers", "following", "url"):
        assert expanded[f"{AS}{term}"][0]["@id"].startswith("http"), term
    assert expanded[f"{AS}endpoints"][0][f"{AS}sharedInbox"][0]["@id"].endswith("/fediverse/inbox")
    assert expanded[f"{AS}preferredUsername"][0]["@value"]
    assert expanded[f"{AS}manuallyApprovesFollowers"][0]["@value"] is False
    assert expanded["http://joinmastodon.org/ns#discoverable"][0]["@value"] is True
    key = expanded[f"{SEC}publicKey"][0]
    assert key["@id"].endswith("#main-key")
    assert key[f"{SEC}owner"][0]["@id"] == expanded["@id"]
    assert "BEGIN PUBLIC KEY" in key[f"{SEC}publicKeyPem"][0]["@value"]
    (link,) = expanded[f"{AS}attachment"]
    assert link["@type"] == ["http://schema.org#PropertyValue"]
    assert link["http://schema.org#value"][0]["@value"].startswith("<a href=")
    assert expanded[f"{AS}image"][0]["@type"] == [f"{AS}Image"]


@pytest.mark.parametrize(
    "path", ["/fediverse/blog/outbox", "/fediverse/blog/followers", "/fediverse/blog/following"]
)
def test_collections_and_their_pages_expand_with_every_term_defined(client, blog, federation, path):
    collection = expand(get(client, path))

    assert undefined_terms(collection) == set()
    assert collection["@type"] == [f"{AS}OrderedCollection"]
    assert f"{AS}totalItems" in collection
    if path.endswith("following"):
        assert collection[f"{AS}items"] == [{"@list": []}]
        return
    assert collection[f"{AS}first"][0]["@id"] == f"{collection['@id']}?page=1"
    page = expand(get(client, path, page=1))
    assert undefined_terms(page) == set()
    assert page["@type"] == [f"{AS}OrderedCollectionPage"]
    assert page[f"{AS}partOf"][0]["@id"] == collection["@id"]
    (item,) = page[f"{AS}items"][0]["@list"]
    assert item["@id"].startswith("http")


# Shapes compared with Mastodon's --------------------------------------------------------------


def same_shape(ours: dict, theirs: dict, *, leave_out=()) -> list[str]:
    """Keys of Mastodon's document missing from ours, or holding another JSON type."""
    differences = []
    for key, value in theirs.items():
        if key in leave_out:
            continue
        if key not in ours:
            differences.append(f"{key} missing")
        elif key == "@context" or type(ours[key]) is type(value):
            if isinstance(value, dict):
                differences += [f"{key}.{d}" for d in same_shape(ours[key], value)]
        else:
            differences.append(f"{key}: {type(ours[key]).__name__} for {type(value).__name__}")
    return differences


def test_an_author_actor_has_the_shape_of_a_mastodon_actor(client, author, federation):
    ours = get(client, f"/fediverse/auteurs/{author.pk}")
    assert same_shape(ours, fixture("actor.json")) == []
    assert ours["@context"][:2] == fixture("actor.json")["@context"][:2]


def test_the_blog_actor_has_the_shape_of_a_mastodon_actor_but_for_the_avatar(
    client, blog, federation
):
    # The site has no logo of its own to show as an avatar (see fediverse.documents).
    ours = get(client, "/fediverse/blog")
    assert same_shape(ours, fixture("actor.json"), leave_out={"icon"}) == []


def test_webfinger_has_the_shape_of_mastodon_webfinger(client, author, federation):
    ours = client.get(
        "/.well-known/webfinger", {"resource": "acct:claire-vasseur@127.0.0.1:8000"}
    ).json()
    theirs = fixture("webfinger.json")

    assert same_shape(ours, theirs) == []
    ours_links = {link["rel"]: link for link in ours["links"]}
    for link in theirs["links"]:
        if link["rel"] in ("self", "http://webfinger.net/rel/profile-page"):
            assert same_shape(ours_links[link["rel"]], link) == [], link["rel"]


def test_nodeinfo_has_the_shape_of_mastodon_nodeinfo(client, author, federation):
    ours = client.get("/nodeinfo/2.1").json()
    assert same_shape(ours, fixture("nodeinfo.json")) == []


@pytest.mark.parametrize("path", ["/fediverse/blog/outbox", "/fediverse/blog/followers"])
def test_collections_have_the_shape_of_mastodon_collections(client, blog, federation, path):
    assert same_shape(get(client, path), fixture("outbox.json")) == []
