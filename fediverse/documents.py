"""The documents other servers read to find the blog and its authors and to follow them.

WebFinger turns `@redaction@host` into the actor's address; the actor document says who it is,
where its inbox, outbox and followers are and which key signs its activities; NodeInfo
describes the server. Shapes follow what Mastodon produces and reads (examples kept in
tests/fediverse/fixtures/mastodon/), with ActivityStreams terms and the few Mastodon
extension terms declared in the context, so that they also read right as JSON-LD.

The blog is an `Organization`: Mastodon shows Person and Organization accounts as ordinary
followable accounts (Service and Application get a « bot » badge, Group is a forum that boosts
what it receives), and the blog is an editorial team rather than a person. Authors are `Person`.
"""

from __future__ import annotations

import mimetypes
import tomllib
from functools import cache

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html, linebreaks
from django.utils.translation import gettext

from blog.models import Article, SiteSettings
from contributors.models import Contributor
from epw.core.site import site_netloc, site_url
from fediverse import uris
from fediverse.contexts import ACTOR_CONTEXT, AS_CONTEXT
from fediverse.models import LocalActor

DEFAULT_USERNAME = "redaction"
PAGE_SIZE = 20
NODEINFO_SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/2.1"
PROFILE_PAGE = "http://webfinger.net/rel/profile-page"


def site_settings() -> SiteSettings:
    return SiteSettings.objects.get_or_create(pk=1)[0]


def site_username(settings_row: SiteSettings | None = None) -> str:
    """The blog's name on the fediverse: the site setting, « redaction » when blank."""
    row = settings_row or site_settings()
    return row.fediverse_username or DEFAULT_USERNAME


def followable_authors():
    """Authors the fediverse may follow: those credited on at least one public article."""
    return Contributor.objects.with_published_articles()


def profile_url(contributor: Contributor | None = None) -> str:
    """The page a person opens from the fediverse profile: the home page or the author page."""
    if contributor is not None:
        return site_url(contributor.get_absolute_url())
    return site_url(reverse("blog:home"))


# WebFinger -----------------------------------------------------------------------------------


def webfinger(*, username: str, actor_uri: str, profile: str) -> dict:
    return {
        "subject": f"acct:{username}@{site_netloc()}",
        "aliases": [profile, actor_uri],
        "links": [
            {"rel": PROFILE_PAGE, "type": "text/html", "href": profile},
            {"rel": "self", "type": "application/activity+json", "href": actor_uri},
        ],
    }


# Actors --------------------------------------------------------------------------------------


def actor_document(actor: LocalActor, *, row: SiteSettings) -> dict:
    """The blog's or an author's actor document."""
    contributor = actor.contributor if actor.contributor_id else None
    if contributor is None:
        kind, username, name = "Organization", site_username(row), settings.EPW_SITE_NAME
        summary = _paragraphs(row.tagline, row.about_blurb)
        links = row.social_links
        icon = None  # the site has no logo of its own (its favicon is an SVG Mastodon refuses)
        published = actor.created_at
        articles = Article.objects.published()
    else:
        kind, username, name = "Person", contributor.slug, contributor.display_name
        summary = _paragraphs(contributor.bio)
        links = _contributor_links(contributor)
        icon = contributor.photo or None
        published = contributor.created_at
        articles = Article.objects.published().filter(authors=contributor)
    address = uris.actor(actor)
    document = {
        "@context": ACTOR_CONTEXT,
        "id": address,
        "type": kind,
        "preferredUsername": username,
        "name": name,
        "summary": summary,
        "url": profile_url(contributor),
        "inbox": uris.inbox(actor),
        "outbox": uris.outbox(actor),
        "followers": uris.followers(actor),
        "following": uris.following(actor),
        "endpoints": {"sharedInbox": uris.shared_inbox()},
        "manuallyApprovesFollowers": row.fediverse_approve_followers,
        "discoverable": True,
        "published": _iso(published),
        "publicKey": {
            "id": uris.key_id(actor),
            "owner": address,
            "publicKeyPem": actor.public_key_pem,
        },
        "attachment": [_property(label, url) for label, url in links],
    }
    if icon:
        document["icon"] = _image(icon)
    # The header: the cover of the latest article that has one, as a magazine would show.
    latest = articles.exclude(cover="").order_by("-published_at", "-pk").only("cover").first()
    if latest:
        document["image"] = _image(latest.cover)
    return document


def _paragraphs(*texts: str) -> str:
    """Plain texts as HTML paragraphs, escaped (they are typed by editors, not HTML)."""
    return "".join(linebreaks(text, autoescape=True) for text in texts if text.strip())


def _contributor_links(contributor: Contributor) -> list[tuple[str, str]]:
    links = [
        (gettext("Site web"), contributor.website),
        ("Mastodon", contributor.mastodon),
        ("LinkedIn", contributor.linkedin),
    ]
    return [(label, url) for label, url in links if url]


def _property(label: str, url: str) -> dict:
    """A profile link as Mastodon shows it: a name and an HTML link (`rel="me"` verifies it)."""
    shown = url.split("://", 1)[-1].rstrip("/")
    value = format_html(
        '<a href="{}" rel="me nofollow noopener noreferrer" target="_blank">{}</a>', url, shown
    )
    return {"type": "PropertyValue", "name": label, "value": str(value)}


def _image(file) -> dict:
    media_type = mimetypes.guess_type(file.name)[0] or "image/jpeg"
    return {"type": "Image", "mediaType": media_type, "url": site_url(file.url)}


def _iso(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None


# Collections ---------------------------------------------------------------------------------


def collection(*, address: str, total: int) -> dict:
    """An OrderedCollection whose items are read page by page, from `first`."""
    document = {
        "@context": AS_CONTEXT,
        "id": address,
        "type": "OrderedCollection",
        "totalItems": total,
    }
    if total:
        document["first"] = f"{address}?page=1"
        document["last"] = f"{address}?page={max(1, -(-total // PAGE_SIZE))}"
    else:
        document["orderedItems"] = []
    return document


def collection_page(*, address: str, page, items: list) -> dict:
    """One page of a collection (a Django paginator page), newest first."""
    document = {
        "@context": AS_CONTEXT,
        "id": f"{address}?page={page.number}",
        "type": "OrderedCollectionPage",
        "partOf": address,
        "totalItems": page.paginator.count,
        "orderedItems": items,
    }
    if page.has_next():
        document["next"] = f"{address}?page={page.next_page_number()}"
    if page.has_previous():
        document["prev"] = f"{address}?page={page.previous_page_number()}"
    return document


def outbox_item(payload: dict) -> dict:
    """A stored activity as an item of a page: the page's context stands for its own."""
    return {key: value for key, value in payload.items() if key != "@context"}


# NodeInfo ------------------------------------------------------------------------------------


def nodeinfo_links() -> dict:
    return {"links": [{"rel": NODEINFO_SCHEMA, "href": site_url(reverse("fediverse:nodeinfo"))}]}


def nodeinfo(
    *, users: int, active_month: int, active_halfyear: int, posts: int, description: str
) -> dict:
    return {
        "version": "2.1",
        "software": {
            "name": "epw",
            "version": software_version(),
            "homepage": site_url("/"),
        },
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": ["atom1.0", "rss2.0"]},
        "openRegistrations": False,
        "usage": {
            "users": {
                "total": users,
                "activeMonth": active_month,
                "activeHalfyear": active_halfyear,
            },
            "localPosts": posts,
        },
        "metadata": {"nodeName": settings.EPW_SITE_NAME, "nodeDescription": description},
    }


@cache
def software_version() -> str:
    """The version the project declares (pyproject.toml), read once per process."""
    try:
        with open(settings.BASE_DIR / "pyproject.toml", "rb") as file:
            return tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "0"
