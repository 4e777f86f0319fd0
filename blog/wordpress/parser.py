"""Streaming reader for WordPress eXtended RSS (WXR 1.0, 1.1 and 1.2) exports.

The file is read with ``iterparse`` and every ``<item>`` is dropped once handed over, so memory
stays flat however large the export is. defusedxml refuses entity declarations and DTD tricks.

The export namespace is declared ``http://wordpress.org/export/1.x/`` by self-hosted sites and
``https://…`` by WordPress.com. WXR 1.0 (WordPress 2.5 to 3.0) differs from the later versions:
no ``<wp:author>`` elements (an item names its author only by login, in ``dc:creator``), no
``term_id`` for categories and tags, and tags of an item in ``<category domain="tag">`` beside a
copy without ``nicename`` of every category and tag.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils import timezone
from django.utils.translation import gettext as _

WP_NAMESPACES = {
    f"{scheme}://wordpress.org/export/{version}/": version
    for scheme in ("http", "https")
    for version in ("1.0", "1.1", "1.2")
}
# An item's <category domain="…">: WXR 1.0 says "tag" where later versions say "post_tag".
TERM_DOMAINS = {"category": "category", "post_tag": "tag", "tag": "tag"}
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
DC_CREATOR = "{http://purl.org/dc/elements/1.1/}creator"


class WXRError(Exception):
    """The file is not a WordPress export, or not well-formed XML."""


@dataclass
class Author:
    wp_id: int
    login: str
    email: str
    display_name: str
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    kind: str  # "category" or "tag"
    wp_id: int
    slug: str
    name: str
    description: str = ""
    parent_slug: str = ""


@dataclass
class Comment:
    wp_id: int
    author: str
    email: str
    url: str
    ip: str
    date_gmt: str
    date: str
    content: str
    approved: str
    type: str
    parent: int


@dataclass
class Item:
    wp_id: int
    post_type: str
    title: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    date_gmt: str
    date: str
    slug: str
    status: str
    parent: int
    comment_status: str
    sticky: bool
    attachment_url: str
    categories: list[tuple[str, str]] = field(default_factory=list)  # (slug, name)
    tags: list[tuple[str, str]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)


@dataclass
class MenuLinkItem(Item):
    """A link of a WordPress menu (post type nav_menu_item): its menu and its place in it.
    A class of its own, so that what identifies posts and pages (their fields) stays as it was."""

    menu: str = ""  # the slug of the menu (its <category domain="nav_menu">)
    menu_order: int = 0


@dataclass
class Channel:
    version: str
    title: str = ""
    link: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""


class WXRReader:
    """Reads an export once, yielding authors, terms and items in file order.

    ``position`` tells how many bytes were read, for a progress estimate.
    """

    def __init__(self, stream: BinaryIO):
        self.stream = stream
        self.channel: Channel | None = None
        self._wp = ""
        self._excerpt = ""

    @property
    def position(self) -> int:
        try:
            return self.stream.tell()
        except (OSError, ValueError):
            return 0

    def __iter__(self) -> Iterator[Author | Term | Item]:
        try:
            yield from self._read()
        except ParseError as error:
            line, column = getattr(error, "position", (0, 0))
            # expat's own message is English and repeats the position: not shown.
            raise WXRError(
                _("XML illisible ligne {line}, colonne {column}.").format(line=line, column=column)
            ) from error
        except DefusedXmlException as error:
            raise WXRError(_("XML refusé : {error}").format(error=error)) from error

    def _read(self) -> Iterator[Author | Term | Item]:
        depth = 0
        channel_element: Element | None = None
        for event, payload in iterparse(self.stream, events=("start-ns", "start", "end")):
            if event == "start-ns":
                prefix, uri = payload
                if uri in WP_NAMESPACES and not self._wp:
                    self._wp = f"{{{uri}}}"
                    self._excerpt = f"{{{uri}excerpt/}}encoded"
                    self.channel = Channel(version=WP_NAMESPACES[uri])
                continue
            element = payload
            if event == "start":
                depth += 1
                if depth == 1 and element.tag != "rss":
                    raise WXRError(_("Ce fichier n’est pas un export WordPress (WXR)."))
                if depth == 2:
                    if element.tag != "channel" or self.channel is None:
                        raise WXRError(_("Ce fichier n’est pas un export WordPress (WXR)."))
                    channel_element = element
                continue
            depth -= 1
            if depth != 2 or channel_element is None:
                continue
            # A direct child of <channel> is complete: hand it over, then let it go.
            yield from self._child(element)
            channel_element.remove(element)
        if self.channel is None:
            raise WXRError(_("Ce fichier n’est pas un export WordPress (WXR)."))

    def _child(self, element: Element) -> Iterator[Author | Term | Item]:
        wp, tag, channel = self._wp, element.tag, self.channel
        assert channel is not None
        if tag == "title":
            channel.title = _text(element)
        elif tag == "link":
            channel.link = _text(element)
        elif tag == f"{wp}base_site_url":
            channel.base_site_url = _text(element)
        elif tag == f"{wp}base_blog_url":
            channel.base_blog_url = _text(element)
        elif tag == f"{wp}author":
            yield Author(
                wp_id=_int(element.findtext(f"{wp}author_id")),
                login=_text(element.find(f"{wp}author_login")),
                email=_text(element.find(f"{wp}author_email")),
                display_name=_text(element.find(f"{wp}author_display_name")),
                first_name=_text(element.find(f"{wp}author_first_name")),
                last_name=_text(element.find(f"{wp}author_last_name")),
            )
        elif tag == f"{wp}category":
            yield Term(
                kind="category",
                wp_id=_int(element.findtext(f"{wp}term_id")),
                slug=_text(element.find(f"{wp}category_nicename")),
                name=_text(element.find(f"{wp}cat_name")),
                description=_text(element.find(f"{wp}category_description")),
                parent_slug=_text(element.find(f"{wp}category_parent")),
            )
        elif tag == f"{wp}tag":
            yield Term(
                kind="tag",
                wp_id=_int(element.findtext(f"{wp}term_id")),
                slug=_text(element.find(f"{wp}tag_slug")),
                name=_text(element.find(f"{wp}tag_name")),
                description=_text(element.find(f"{wp}tag_description")),
            )
        elif tag == "item":
            yield self._item(element)

    def _item(self, element: Element) -> Item:
        wp = self._wp
        item = Item(
            wp_id=_int(element.findtext(f"{wp}post_id")),
            post_type=_text(element.find(f"{wp}post_type")),
            title=_text(element.find("title")),
            link=_text(element.find("link")),
            guid=_text(element.find("guid")),
            creator=_text(element.find(DC_CREATOR)),
            content=_text(element.find(CONTENT)),
            excerpt=_excerpt(element, self._excerpt),
            date_gmt=_text(element.find(f"{wp}post_date_gmt")),
            date=_text(element.find(f"{wp}post_date")),
            slug=_text(element.find(f"{wp}post_name")),
            status=_text(element.find(f"{wp}status")),
            parent=_int(element.findtext(f"{wp}post_parent")),
            comment_status=_text(element.find(f"{wp}comment_status")),
            sticky=_text(element.find(f"{wp}is_sticky")) == "1",
            attachment_url=_text(element.find(f"{wp}attachment_url")),
        )
        item.categories, item.tags = _item_terms(element)
        for meta in element.findall(f"{wp}postmeta"):
            item.meta[_text(meta.find(f"{wp}meta_key"))] = _text(meta.find(f"{wp}meta_value"))
        for comment in element.findall(f"{wp}comment"):
            item.comments.append(
                Comment(
                    wp_id=_int(comment.findtext(f"{wp}comment_id")),
                    author=_text(comment.find(f"{wp}comment_author")),
                    email=_text(comment.find(f"{wp}comment_author_email")),
                    url=_text(comment.find(f"{wp}comment_author_url")),
                    ip=_text(comment.find(f"{wp}comment_author_IP")),
                    date_gmt=_text(comment.find(f"{wp}comment_date_gmt")),
                    date=_text(comment.find(f"{wp}comment_date")),
                    content=_text(comment.find(f"{wp}comment_content")),
                    approved=_text(comment.find(f"{wp}comment_approved")),
                    type=_text(comment.find(f"{wp}comment_type")),
                    parent=_int(comment.findtext(f"{wp}comment_parent")),
                )
            )
        if item.post_type == "nav_menu_item":
            menus = [c.get("nicename", "") for c in element.findall("category[@domain='nav_menu']")]
            menu_order = _int(element.findtext(f"{wp}menu_order"))
            return MenuLinkItem(**vars(item), menu=menus[0] if menus else "", menu_order=menu_order)
        return item


def _excerpt(element: Element, tag: str) -> str:
    """The excerpt, whichever export version its namespace names (they can differ)."""
    found = element.find(tag)
    if found is None:
        found = next((child for child in element if child.tag.endswith("/excerpt/}encoded")), None)
    return _text(found)


def _item_terms(element: Element) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """An item's (slug, name) categories and tags, once each, in file order.

    A term without ``nicename`` (WXR 1.0 writes one beside each full one, older exports only
    that) is kept only when the item has no full copy of it, its slug then made from its name.
    """
    entries = []  # (kind, nicename, name)
    for category in element.findall("category"):
        kind = TERM_DOMAINS.get(category.get("domain", "category"))
        if kind is not None:  # other taxonomies (formats, series…) have no place in EPW
            entries.append((kind, category.get("nicename", "").strip(), _text(category)))
    named = {(kind, name) for kind, nicename, name in entries if nicename}
    found: dict[tuple[str, str], str] = {}  # (kind, slug) → name
    for kind, nicename, name in entries:
        if nicename or (kind, name) not in named:
            found.setdefault((kind, nicename or name), name)
    categories = [(slug, name) for (kind, slug), name in found.items() if kind == "category"]
    tags = [(slug, name) for (kind, slug), name in found.items() if kind == "tag"]
    return categories, tags


def _text(element: Element | None) -> str:
    if element is None or element.text is None:
        return ""
    return element.text.strip()


def _int(value: str | None) -> int:
    try:
        return int((value or "").strip())
    except ValueError:
        return 0


def wp_date(gmt: str, local: str) -> datetime | None:
    """A WordPress date: the GMT one, else the local one in the site's time zone."""
    for text, zone in ((gmt, UTC), (local, timezone.get_current_timezone())):
        if text and not text.startswith("0000"):
            try:
                return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=zone)
            except ValueError:
                continue
    return None
