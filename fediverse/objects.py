"""The ActivityPub shapes of an article: the `Article` object and the activities about it.

Mastodon turns an `Article` into a post made of its `name` and a link to its `url` (whose page
gives the preview card), so both are always there; other software shows `content` in full,
hence absolute addresses in it. The object is built from the database only: no file is read and
no rendition made, so building it costs nothing but queries.
"""

from __future__ import annotations

import mimetypes
import re
from datetime import datetime

from django.urls import reverse
from django.utils.html import escape, linebreaks

from blog.models import Article
from epw.core.site import site_url
from fediverse import uris

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
LANGUAGE = "fr"
# nh3 writes every attribute as name="value": a root-relative address is `="/…` (not `="//…`).
RELATIVE_ADDRESS = re.compile(r'( (?:href|src)=")(/(?!/)[^"]*)"')
WORD = re.compile(r"\w+")


def article_object(article: Article, *, updated: datetime | None = None) -> dict:
    """The `Article` object the blog actor publishes (no @context: it goes inside an activity).

    Credited to the blog first, then to each author's actor: Mastodon wants the actor who sends
    the Create first in `attributedTo`.
    """
    authors = [
        uris.author_actor(pk) for pk in article.authors.order_by("pk").values_list("pk", flat=True)
    ]
    summary = linebreaks(escape(article.standfirst)) if article.standfirst else ""
    content = absolute_addresses(article.body)
    tags = list(article.tags.all())
    shape = {
        "id": uris.article(article.pk),
        "type": "Article",
        "attributedTo": [uris.site_actor(), *authors],
        "name": article.title,
        "summary": summary or None,
        "content": content,
        "contentMap": {LANGUAGE: content},
        "url": site_url(article.get_absolute_url()),
        "published": timestamp(article.published_at),
        "to": [PUBLIC],
        "cc": [uris.site_actor() + "/followers"],
        "sensitive": False,
        "tag": [hashtag(tag) for tag in tags],
    }
    if summary:
        shape["summaryMap"] = {LANGUAGE: summary}
    else:
        del shape["summary"]
    if updated is not None:
        shape["updated"] = timestamp(updated)
    if article.cover:
        image = cover_image(article)
        shape["image"] = image
        shape["attachment"] = [{**image, "type": "Document"}]
    return shape


def hashtag(tag) -> dict:
    """A tag as a Mastodon hashtag: one word (`écriture web` → `#écritureWeb`), linked to the
    tag's page."""
    words = WORD.findall(tag.name) or [tag.slug.replace("-", "")]
    name = words[0] + "".join(word[:1].upper() + word[1:] for word in words[1:])
    return {
        "type": "Hashtag",
        "href": site_url(reverse("blog:tag_detail", kwargs={"slug": tag.slug})),
        "name": f"#{name}",
    }


def cover_image(article: Article) -> dict:
    """The cover's original file (the address stays the same whatever renditions exist)."""
    url = site_url(article.cover.url)
    image = {"type": "Image", "url": url, "mediaType": _media_type(article.cover.name)}
    if article.cover_alt:
        image["name"] = article.cover_alt
    if article.cover_width and article.cover_height:
        image["width"], image["height"] = article.cover_width, article.cover_height
    return image


def absolute_addresses(html: str) -> str:
    """Links and images of a sanitised body, pointing at the site from wherever they are read."""
    return RELATIVE_ADDRESS.sub(lambda match: f'{match[1]}{site_url(match[2])}"', html or "")


def tombstone(article_id: int, *, deleted: datetime | None = None) -> dict:
    shape = {"id": uris.article(article_id), "type": "Tombstone", "formerType": "Article"}
    if deleted is not None:
        shape["deleted"] = timestamp(deleted)
    return shape


def announce_object(activity_payload: dict) -> dict:
    """An activity as the object of another (an Undo of an Announce): without its context."""
    return {key: value for key, value in activity_payload.items() if key != "@context"}


def same_content(sent: dict, new: dict) -> bool:
    """Whether an object sent before says what `new` says (its `updated` aside)."""
    return _without_updated(sent) == _without_updated(new)


def _without_updated(shape: dict) -> dict:
    return {key: value for key, value in shape.items() if key != "updated"}


def _media_type(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "image/jpeg"


def timestamp(at: datetime | None) -> str | None:
    return at.isoformat(timespec="seconds").replace("+00:00", "Z") if at else None
