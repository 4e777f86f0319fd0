"""The WordPress export: well-formed, read by the import's own reader, shaped like WordPress's."""

import io
import re
from collections import defaultdict
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from blog.models import Article, TagDescription
from blog.wordpress.export import WXRWriter
from blog.wordpress.parser import Author, Item, Term, WXRReader
from blog.wordpress.wxr_values import cdata
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    ContributorFactory,
    PageFactory,
)

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "fixtures" / "ecrire-pour-le-web.xml"
# What WordPress's exporter writes and the hand-made fixture happens not to use.
WORDPRESS_ONLY = {
    "channel": {"pubDate"},
    "item": {"wp:ping_status", "wp:menu_order", "wp:post_password"},
}


def jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "#c9b28f").save(buffer, "JPEG")
    return buffer.getvalue()


def export_text() -> str:
    stream = io.StringIO()
    WXRWriter(stream).write()
    return stream.getvalue()


@pytest.fixture
def site():
    parent = CategoryFactory(name="Rédaction", slug="redaction")
    child = CategoryFactory(name="Titres & intertitres", slug="titres", parent=parent)
    author = ContributorFactory(display_name="Claire Vasseur", slug="claire-vasseur")
    article = ArticleFactory(
        title="Le chapô ]]> qu’on lit <em>en premier</em>",
        body='<p>Un & deux</p><p><img src="/media/bibliotheque/carnet.jpg" alt="Un carnet"></p>',
        category=child,
        authors=[author],
        tags=["Lisibilité", "SEO"],
    )
    article.cover.save("couverture.jpg", ContentFile(jpeg()), save=False)
    article.cover_alt = "Une plume"
    article.save()
    TagDescription.objects.create(tag=article.tags.get(name="SEO"), description="Référencement")
    root = CommentFactory(article=article, comment="Merci ]]> vraiment")
    CommentFactory(article=article, parent=root, comment="Avec plaisir")
    PageFactory(title="À propos", slug="a-propos")
    return article


def names(element, namespaces) -> list[str]:
    """Child tags as WordPress writes them (``wp:post_id``), in order."""
    prefixes = {uri: prefix for prefix, uri in namespaces.items()}
    result = []
    for child in element:
        tag = child.tag
        if tag.startswith("{"):
            uri, local = tag[1:].split("}")
            tag = f"{prefixes[uri]}:{local}"
        result.append(tag)
    return result


def structure(text: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    """The declared namespaces, and the element names found under each kind of element."""
    namespaces = dict(re.findall(r'xmlns:(\w+)="([^"]+)"', text[: text.index("<channel>")]))
    root = ElementTree.fromstring(text.encode())
    found: dict[str, set[str]] = defaultdict(set)
    channel = root.find("channel")
    found["channel"] |= set(names(channel, namespaces))
    for child in channel:
        kind = names([child], namespaces)[0]
        if len(child):
            found[kind] |= set(names(child, namespaces))
        for grandchild in child:
            inner = names([grandchild], namespaces)[0]
            if inner in {"wp:comment", "wp:postmeta"}:
                found[inner] |= set(names(grandchild, namespaces))
    return namespaces, found


def test_the_export_is_read_back_by_the_import_reader(site):
    entries = list(WXRReader(io.BytesIO(export_text().encode())))

    authors = [entry for entry in entries if isinstance(entry, Author)]
    terms = {(entry.kind, entry.slug) for entry in entries if isinstance(entry, Term)}
    items = {entry.slug: entry for entry in entries if isinstance(entry, Item)}
    assert [(a.login, a.display_name) for a in authors] == [("claire-vasseur", "Claire Vasseur")]
    assert {("category", "redaction"), ("category", "titres"), ("tag", "seo")} <= terms
    post = items[site.slug]
    assert post.post_type == "post" and post.status == "publish"
    assert post.title == "Le chapô ]]&gt; qu’on lit &lt;em&gt;en premier&lt;/em&gt;"
    assert post.creator == "claire-vasseur"
    assert post.categories == [("titres", "Titres &amp; intertitres")]
    assert {slug for slug, _name in post.tags} == {"lisibilite", "seo"}
    assert [c.content for c in post.comments] == ["Merci ]]&gt; vraiment", "Avec plaisir"]
    assert post.comments[1].parent == post.comments[0].wp_id
    assert items["a-propos"].post_type == "page"
    files = {
        entry.meta["_wp_attached_file"]: entry
        for entry in entries
        if isinstance(entry, Item) and entry.post_type == "attachment"
    }
    assert set(files) == {site.cover.name, "bibliotheque/carnet.jpg"}
    cover = files[site.cover.name]
    assert post.meta["_thumbnail_id"] == str(cover.wp_id)
    assert cover.meta["_wp_attachment_image_alt"] == "Une plume"
    # WordPress downloads the file from the site and relinks its /wp-content/uploads/ address.
    assert cover.attachment_url == f"http://127.0.0.1:8000{site.cover.url}"
    assert cover.guid == f"http://127.0.0.1:8000/wp-content/uploads/{site.cover.name}"
    assert 'src="http://127.0.0.1:8000/wp-content/uploads/bibliotheque/carnet.jpg"' in post.content
    assert files["bibliotheque/carnet.jpg"].parent == post.wp_id


def test_the_structure_follows_the_wordpress_export(site):
    ours = export_text()
    wordpress = FIXTURE.read_text(encoding="utf-8")
    our_namespaces, our_elements = structure(ours)
    their_namespaces, their_elements = structure(wordpress)

    assert our_namespaces == their_namespaces
    for kind in their_elements:
        assert their_elements[kind] <= our_elements[kind], kind
        assert our_elements[kind] <= their_elements[kind] | WORDPRESS_ONLY.get(kind, set()), kind
    assert set(our_elements) <= set(their_elements)


@pytest.mark.parametrize(
    "element", ["content:encoded", "excerpt:encoded", "wp:comment_content", "dc:creator", "title"]
)
def test_text_that_may_hold_markup_is_written_as_cdata(site, element):
    ours = export_text()
    written = re.findall(rf"<{element}>(.*?)</{element}>", ours, re.DOTALL)
    items = ours[ours.index("<item>") :]
    in_items = re.findall(rf"<{element}>(.*?)</{element}>", items, re.DOTALL)

    assert in_items and written
    assert all(value.startswith("<![CDATA[") for value in in_items)


def test_a_cdata_end_inside_a_text_is_split_like_wordpress_does():
    assert cdata("a]]>b") == "<![CDATA[a]]]]><![CDATA[>b]]>"
    assert ElementTree.fromstring(f"<x>{cdata('a]]>b')}</x>").text == "a]]>b"


def test_a_child_category_comes_after_its_parent_and_statuses_map_to_wordpress(site):
    ArticleFactory(slug="programme", status=Article.Status.SCHEDULED)
    ArticleFactory(slug="relecture", status=Article.Status.REVIEW, published_at=None)
    ours = export_text()
    entries = list(WXRReader(io.BytesIO(ours.encode())))

    categories = [e.slug for e in entries if isinstance(e, Term) and e.kind == "category"]
    assert categories.index("redaction") < categories.index("titres")
    items = {e.slug: e for e in entries if isinstance(e, Item)}
    assert items["programme"].status == "future"
    assert items["relecture"].status == "pending"
    assert items["relecture"].date_gmt == "0000-00-00 00:00:00"
