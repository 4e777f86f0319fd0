"""`manage.py export_site`: one archive with the WordPress export, all the data and the media;
importing the WordPress export into an empty site gives the same site back."""

import hashlib
import io
import json
import re
import threading
import zipfile
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
import reversion
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from PIL import Image
from taggit.models import Tag

from blog.audience.models import AudienceDay
from blog.library.models import LibraryImage
from blog.models import Article, Category, Page, TagDescription, WordPressItem
from blog.wordpress.parser import WXRReader
from contributors.models import Contributor
from epw import site_export
from epw.roles import EDITOR_IN_CHIEF, WRITER
from newsletter.models import Subscriber
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    ContributorFactory,
    EditionFactory,
    PageFactory,
    StaffUserFactory,
    SubmissionFactory,
    SubscriberFactory,
)

pytestmark = pytest.mark.django_db


def image(color: str, kind: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), color).save(buffer, kind)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _own_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def site():
    """Articles with covers, body images, tags, categories, authors and threaded comments;
    pages; and what only EPW keeps."""
    now = timezone.now()
    user = get_user_model().objects.create(
        username="claire", email="claire@example.org", first_name="Claire", last_name="Vasseur"
    )
    claire = ContributorFactory(display_name="Claire Vasseur", slug="claire-vasseur", user=user)
    yanis = ContributorFactory(display_name="Yanis & Cie", slug="yanis")
    writing = CategoryFactory(name="Rédaction", slug="redaction", description="Écrire.")
    titles = CategoryFactory(name="Titres & intertitres", slug="titres", parent=writing)
    library = LibraryImage(alt_text="Un carnet")
    library.file.save("carnet.png", ContentFile(image("#2f4f4f", "PNG")), save=True)
    first = ArticleFactory(
        title="Le chapô, ce paragraphe qu’on lit <en premier>",
        slug="le-chapo",
        standfirst="Deux phrases & une promesse.",
        body=(
            "<p>Le chapô résume l’article &amp; donne envie.</p>\n"
            f'<figure><img src="{library.file.url}" alt="Un carnet"></figure>\n'
            "<h2>Un intertitre</h2>\n<ul><li>un</li><li>deux</li></ul>"
        ),
        category=titles,
        authors=[claire],
        tags=["Lisibilité", "SEO"],
        featured=True,
        published_at=now - timedelta(days=3),
    )
    first.cover.save("plume.jpg", ContentFile(image("#c9b28f")), save=False)
    first.cover_alt = "Une plume posée sur un carnet"
    first.save()
    TagDescription.objects.create(tag=Tag.objects.get(name="SEO"), description="Être trouvé.")
    ArticleFactory(
        slug="programme",
        status=Article.Status.SCHEDULED,
        published_at=now + timedelta(days=2),
        category=writing,
        authors=[yanis],
        tags=["SEO"],
        comments_open=False,
    )
    ArticleFactory(
        slug="brouillon", status=Article.Status.DRAFT, published_at=None, authors=[yanis]
    )
    root = CommentFactory(article=first, user_name="Léa", comment="Merci <3 & bravo")
    reply = CommentFactory(
        article=first, parent=root, user_name="Claire", user_url="https://c.example/"
    )
    CommentFactory(article=first, parent=reply, user_name="Léa", comment="Ligne 1\nLigne 2")
    CommentFactory(article=first, user_name="Nadia", state="held")
    PageFactory(title="À propos", slug="a-propos", body="<p>Qui nous sommes.</p>")
    PageFactory(title="Brouillon de page", slug="page-cachee", is_published=False)
    # What WordPress has no place for.
    with reversion.create_revision():
        reversion.add_to_revision(first)
        reversion.set_comment("Première version")
    SubmissionFactory(email="candidate@example.org", title="Écrire court")
    SubscriberFactory(
        email="lecteur@example.org",
        consent_text="J’accepte de recevoir la lettre.",
        consent_version="2",
        consented_at=now,
    )
    EditionFactory(subject="La lettre de décembre")
    AudienceDay.objects.create(day=now.date(), page_views=1200, visitors=400)
    return first


def export(tmp_path: Path) -> tuple[Path, str]:
    output = tmp_path / "export.zip"
    err = StringIO()
    call_command("export_site", "--output", str(output), stdout=StringIO(), stderr=err)
    return output, err.getvalue()


def sha256(name: str) -> str:
    with default_storage.open(name, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def at_second(moment):
    return moment.replace(microsecond=0) if moment else None


MEDIA_IN_BODY = re.compile(r'src="/media/([^"]+)"')


def comments(article: Article) -> list[tuple]:
    """Each comment with what it answers, in reading order."""
    rows = list(XtdComment.objects.filter(object_pk=str(article.pk)).order_by("submit_date", "pk"))
    texts = {row.pk: row.comment for row in rows}
    return [
        (
            row.user_name,
            row.user_email,
            row.user_url,
            row.comment,
            at_second(row.submit_date),
            row.is_public,
            row.level,
            None if row.parent_id == row.pk else texts[row.parent_id],
        )
        for row in rows
    ]


def snapshot() -> dict:
    """What a reader and an editor see of the blog, media as checksums."""

    def body(html: str) -> tuple[str, list[str]]:
        names = MEDIA_IN_BODY.findall(html)
        return MEDIA_IN_BODY.sub('src="MEDIA"', html).strip(), [sha256(name) for name in names]

    articles = {}
    for article in Article.objects.prefetch_related("authors", "tags"):
        articles[article.slug] = {
            "title": article.title,
            "standfirst": article.standfirst,
            "body": body(article.body),
            "status": article.status,
            "published_at": at_second(article.published_at),
            "featured": article.featured,
            "comments_open": article.comments_open,
            "category": article.category.slug if article.category else None,
            "tags": sorted(article.tags.values_list("slug", flat=True)),
            "authors": sorted(a.slug for a in article.authors.all()),
            "cover": sha256(article.cover.name) if article.cover else None,
            "cover_alt": article.cover_alt,
            "url": article.get_absolute_url(),
            "comments": comments(article),
        }
    return {
        "articles": articles,
        "pages": {
            page.slug: (page.title, page.body.strip(), page.is_published, page.get_absolute_url())
            for page in Page.objects.all()
        },
        "categories": {
            c.slug: (
                c.name,
                c.description,
                c.parent.slug if c.parent else None,
                c.get_absolute_url(),
            )
            for c in Category.objects.select_related("parent")
        },
        "tags": {
            tag.slug: (
                tag.name,
                getattr(TagDescription.objects.filter(tag=tag).first(), "description", ""),
                reverse("blog:tag_detail", kwargs={"slug": tag.slug}),
            )
            for tag in Tag.objects.all()
        },
        "authors": {
            c.slug: (c.display_name, c.get_absolute_url()) for c in Contributor.objects.all()
        },
    }


def addresses(client, site: dict) -> dict[str, int]:
    """What a reader gets at each address of the site (published or not)."""
    urls = [article["url"] for article in site["articles"].values()]
    urls += [page[-1] for page in site["pages"].values()]
    urls += [row[-1] for kind in ("categories", "tags", "authors") for row in site[kind].values()]
    return {url: client.get(url).status_code for url in urls}


def empty_the_site(settings, tmp_path) -> None:
    XtdComment.objects.all().delete()
    Article.objects.all().delete()
    for model in (Page, Category, Tag, Contributor, WordPressItem, LibraryImage):
        model.objects.all().delete()
    get_user_model().objects.all().delete()
    settings.MEDIA_ROOT = tmp_path / "empty-media"


def test_export_then_import_into_an_empty_site_gives_the_same_site(
    client, site, settings, tmp_path
):
    before = snapshot()
    answers = addresses(client, before)
    archive, _progress = export(tmp_path)
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(tmp_path / "archive")
    empty_the_site(settings, tmp_path)
    assert not Article.objects.exists()

    call_command(
        "import_wordpress",
        str(tmp_path / "archive" / "site.wxr"),
        "--media-dir",
        str(tmp_path / "archive" / "media"),
        "--report",
        str(tmp_path / "rapport.txt"),
        stdout=StringIO(),
        stderr=StringIO(),
    )

    after = snapshot()
    assert after["articles"].keys() == before["articles"].keys()
    for slug, article in before["articles"].items():
        assert after["articles"][slug] == article, slug
    assert after == before
    assert addresses(client, after) == answers
    # Shown: the published article and page, three categories, two tags, Claire's page.
    assert list(answers.values()).count(200) == 8
    # Held comments come back held; the body image and the cover are the same files.
    assert [c[5] for c in after["articles"]["le-chapo"]["comments"]] == [True, True, True, False]
    assert after["articles"]["le-chapo"]["body"][1] and after["articles"]["le-chapo"]["cover"]


def test_the_archive_holds_wxr_json_media_and_a_manifest_of_checksums(site, tmp_path):
    archive, progress = export(tmp_path)

    with zipfile.ZipFile(archive) as opened:
        members = opened.namelist()
        manifest = json.loads(opened.read("manifest.json"))
        media = {name: opened.read(name) for name in members if name.startswith("media/")}
        wxr = opened.read("site.wxr")
    assert members[:2] == ["site.wxr", "site.json"] and members[-1] == "manifest.json"
    assert f"media/{site.cover.name}" in media
    assert len(media) >= 2  # the cover and the library image
    for name, data in media.items():
        assert manifest["files"][name]["sha256"] == hashlib.sha256(data).hexdigest()
    assert manifest["files"]["site.wxr"]["sha256"] == hashlib.sha256(wxr).hexdigest()
    assert list(WXRReader(io.BytesIO(wxr)))  # read by the import's own reader
    assert "Export WordPress (WXR)" in progress and "Fichiers" in progress


def test_the_json_holds_what_wordpress_has_no_place_for(site, tmp_path):
    archive, _progress = export(tmp_path)

    with zipfile.ZipFile(archive) as opened:
        document = json.loads(opened.read("site.json"))
    assert (document["format"], document["version"]) == ("epw-export", 1)
    subscriber = document["newsletter_subscribers"][0]["fields"]
    assert subscriber["email"] == "lecteur@example.org"
    assert subscriber["consent_text"] == "J’accepte de recevoir la lettre."
    assert subscriber["consent_version"] == "2" and subscriber["consented_at"]
    assert [s["fields"]["title"] for s in document["submissions"]] == ["Écrire court"]
    assert document["submission_versions"]
    assert [e["fields"]["subject"] for e in document["newsletter_editions"]] == [
        "La lettre de décembre"
    ]
    assert document["audience_days"][0]["fields"]["page_views"] == 1200
    assert document["revisions"][0]["fields"]["comment"] == "Première version"
    assert "le-chapo" in document["revision_versions"][0]["fields"]["serialized_data"]
    article = next(a for a in document["articles"] if a["fields"]["slug"] == "le-chapo")
    assert article["fields"]["cover"] == site.cover.name
    assert len(document["comments"]) == 4 and len(document["comment_threads"]) == 4
    # Natural keys where there are some; passwords stay out.
    user = document["users"][0]["fields"]
    assert user["username"] == "claire" and "password" not in user
    assert document["comments"][0]["fields"]["content_type"] == ["blog", "article"]


def test_the_archive_must_be_a_zip_file(tmp_path):
    with pytest.raises(CommandError, match=r"\.zip"):
        call_command(
            "export_site",
            "--output",
            str(tmp_path / "site.tar"),
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert not list(tmp_path.iterdir())


def test_an_existing_file_is_never_overwritten(site, tmp_path):
    output = tmp_path / "export.zip"
    output.write_bytes(b"ancien")

    with pytest.raises(CommandError, match="existe déjà"):
        call_command("export_site", "--output", str(output), stdout=StringIO(), stderr=StringIO())
    assert output.read_bytes() == b"ancien"
    assert not list(tmp_path.glob("*.partial"))


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database refuses a second writer (a SQLite file takes it)",
)
@pytest.mark.django_db(transaction=True)
def test_rows_written_during_an_export_are_left_for_the_next_one(tmp_path, monkeypatch):
    """The WXR, the JSON and the counts describe one moment, even as readers subscribe."""
    SubscriberFactory(email="avant@example.org")

    class Busy(site_export.WXRWriter):
        def write(self):
            super().write()

            def subscribe():
                SubscriberFactory(email="pendant@example.org")
                connection.close()

            writer = threading.Thread(target=subscribe)
            writer.start()
            writer.join()

    monkeypatch.setattr(site_export, "WXRWriter", Busy)

    archive, _progress = export(tmp_path)

    assert Subscriber.objects.count() == 2
    with zipfile.ZipFile(archive) as opened:
        document = json.loads(opened.read("site.json"))
        manifest = json.loads(opened.read("manifest.json"))
    assert [s["fields"]["email"] for s in document["newsletter_subscribers"]] == [
        "avant@example.org"
    ]
    assert manifest["counts"]["newsletter_subscribers"] == 1


# The admin page -------------------------------------------------------------------------


@pytest.fixture
def exports(settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    return tmp_path / "var" / "exports"


def test_the_editor_in_chief_starts_an_export_and_downloads_it(
    client, site, exports, django_capture_on_commit_callbacks
):
    client.force_login(StaffUserFactory(role=EDITOR_IN_CHIEF))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/admin/exporter-le-site/")

    assert response.status_code == 302
    [archive] = list(exports.glob("epw-export-*.zip"))
    page = client.get("/admin/exporter-le-site/")
    assert archive.name in page.content.decode()
    download = client.get(f"/admin/exporter-le-site/{archive.name}")
    assert download["Content-Disposition"].startswith("attachment")
    with zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))) as opened:
        assert "site.wxr" in opened.namelist()


@pytest.mark.parametrize("path", ["/admin/exporter-le-site/", "/admin/exporter-le-site/x.zip"])
def test_a_writer_can_neither_export_nor_download(client, exports, path):
    client.force_login(StaffUserFactory(role=WRITER))

    assert client.get(path).status_code == 403
    assert client.post(path).status_code == 403
    assert not exports.exists()


def test_only_archives_of_the_export_folder_are_served(client, exports):
    client.force_login(StaffUserFactory(role=EDITOR_IN_CHIEF))
    exports.mkdir(parents=True)
    (exports.parent / "epw.sqlite3").write_bytes(b"base")

    assert client.get("/admin/exporter-le-site/..%2Fepw.sqlite3").status_code == 404
    assert client.get("/admin/exporter-le-site/epw-export-20260101-000000.zip").status_code == 404
