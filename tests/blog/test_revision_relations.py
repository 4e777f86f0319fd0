"""Revisions hold and restore more than the texts: tags, category, authors, cover with its alt
text and credit; what was deleted since is said, the rest comes back."""

import io
import json

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from reversion.models import Version

from blog.models import Article
from blog.revisions import revision_state
from contributors.models import Contributor
from epw.roles import EDITOR_IN_CHIEF
from tests.factories import ArticleFactory, CategoryFactory, ContributorFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief(client):
    user = StaffUserFactory(role=EDITOR_IN_CHIEF)
    client.force_login(user)
    return user


def png(colour: str, size=(40, 20)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return SimpleUploadedFile(f"{colour}.png", buffer.getvalue(), "image/png")


def save(client, article, *, tags, category, authors, cover=None, alt="", credit="", title=None):
    data = {
        "title": title or article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "authors": [a.pk for a in authors],
        "category": category.pk if category else "",
        "tags": tags,
        "comments_open": "on",
        "published_at_0": "",
        "published_at_1": "",
        "cover_alt": alt,
        "cover_credit": credit,
        "version": Article.objects.get(pk=article.pk).version,  # as a page opened now
    }
    if cover:
        data["cover"] = cover
    response = client.post(f"/admin/blog/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def two_versions(client, chief):
    """An article saved twice with everything different: its older and newer versions."""
    first, second = CategoryFactory(name="Méthode"), CategoryFactory(name="R&D <labo>")
    alice, bruno, chloe = (ContributorFactory(display_name=n) for n in ("Alice", "Bruno", "Chloé"))
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    save(
        client, article, tags="Titres, Lisibilité", category=first, authors=[alice, bruno],
        cover=png("red", (60, 30)), alt="Un carré rouge", credit="Photo : Alice",
    )  # fmt: skip
    old_cover = Article.objects.get(pk=article.pk).cover.name
    save(
        client, article, tags="Autre", category=second, authors=[chloe],
        cover=png("blue"), alt="Un carré bleu", title="Nouveau titre",
    )  # fmt: skip
    newer, older = Version.objects.get_for_object(article)
    return article, older, newer, old_cover


def test_restoring_brings_back_tags_category_authors_and_cover(client, chief, two_versions):
    article, older, _newer, old_cover = two_versions
    # Replacing a cover keeps the old file, so that its revisions can bring it back.
    assert Article.objects.get(pk=article.pk).cover.name != old_cover
    assert default_storage.exists(old_cover)

    client.post(f"/admin/blog/article/{article.pk}/revisions/{older.pk}/restaurer/")

    article = Article.objects.get(pk=article.pk)
    assert set(article.tags.names()) == {"Titres", "Lisibilité"}
    assert article.category.name == "Méthode"
    assert {a.display_name for a in article.authors.all()} == {"Alice", "Bruno"}
    assert (article.cover.name, article.cover_alt, article.cover_credit) == (
        old_cover, "Un carré rouge", "Photo : Alice",
    )  # fmt: skip
    assert (article.cover_width, article.cover_height) == (60, 30)
    assert article.title != "Nouveau titre"
    # The restore is itself a revision, and it holds all of it.
    restored = revision_state(Version.objects.get_for_object(article).first())
    assert restored["tags"] == ["Lisibilité", "Titres"]
    assert restored["category"] == article.category_id
    assert restored["authors"] == sorted(a.pk for a in article.authors.all())
    assert restored["cover"] == old_cover and restored["cover_alt"] == "Un carré rouge"


def test_the_comparison_and_the_restore_page_list_tags_category_authors_and_cover(
    client, chief, two_versions
):
    article, older, newer, old_cover = two_versions
    compare = client.get(
        f"/admin/blog/article/{article.pk}/revisions/comparer/?a={older.pk}&b={newer.pk}"
    )
    labels = {change.label for change in compare.context["changes"]}
    assert {"Étiquettes", "Catégorie", "Auteurs", "Image de couverture"} <= labels
    html = compare.content.decode()
    assert "<del>Lisibilité</del>, <del>Titres</del>" in html and "<ins>Autre</ins>" in html
    assert "<del>Alice</del>, <del>Bruno</del>" in html and "<ins>Chloé</ins>" in html
    # Names are escaped like the texts.
    assert "<ins>R&amp;D &lt;labo&gt;</ins>" in html and "<labo>" not in html
    assert f"<del>{old_cover}</del>" in html

    restore = client.get(f"/admin/blog/article/{article.pk}/revisions/{older.pk}/restaurer/")
    html = restore.content.decode()
    # Current version on the left, the restored one on the right.
    assert "<del>Autre</del>" in html and "<ins>Lisibilité</ins>, <ins>Titres</ins>" in html
    assert "<del>R&amp;D &lt;labo&gt;</del>" in html and "<ins>Méthode</ins>" in html
    assert "Un carré <del>bleu</del>" in html and "Un carré <ins>rouge</ins>" in html
    assert "<ins>Photo : Alice</ins>" in html
    assert not restore.context["gaps"]


def test_a_category_or_author_deleted_since_is_named_and_the_rest_restored(
    client, chief, two_versions
):
    article, older, _newer, _old_cover = two_versions
    category = revision_state(older)["category"]
    assert (
        client.post(f"/admin/blog/category/{category}/delete/", {"post": "yes"}).status_code == 302
    )
    Contributor.objects.filter(display_name="Bruno").delete()
    url = f"/admin/blog/article/{article.pk}/revisions/{older.pk}/restaurer/"

    page = client.get(url)
    gaps = page.context["gaps"]
    assert any("La catégorie « Méthode » a été supprimée depuis" in gap for gap in gaps)
    assert any("L’auteur « n° " in gap for gap in gaps)
    assert "La catégorie « Méthode » a été supprimée depuis" in page.content.decode()

    response = client.post(url, follow=True)
    notices = [str(m) for m in response.context["messages"]]
    assert "La version a été restaurée." in notices
    assert any(notice.startswith("La catégorie « Méthode »") for notice in notices)
    article = Article.objects.get(pk=article.pk)
    assert article.category.name == "R&D <labo>"  # kept: the old one is gone
    assert {a.display_name for a in article.authors.all()} == {"Alice"}
    assert set(article.tags.names()) == {"Titres", "Lisibilité"}
    assert article.cover_alt == "Un carré rouge"


def test_a_cover_file_gone_from_the_storage_is_said_and_the_current_cover_kept(
    client, chief, two_versions
):
    article, older, _newer, old_cover = two_versions
    current = Article.objects.get(pk=article.pk)
    default_storage.delete(old_cover)
    url = f"/admin/blog/article/{article.pk}/revisions/{older.pk}/restaurer/"
    assert "n’existe plus" in client.get(url).content.decode()

    client.post(url)

    article = Article.objects.get(pk=article.pk)
    assert (article.cover.name, article.cover_alt) == (current.cover.name, "Un carré bleu")
    assert set(article.tags.names()) == {"Titres", "Lisibilité"}
    assert article.category.name == "Méthode"


def test_a_tag_deleted_since_comes_back_under_its_name(client, chief, two_versions):
    from taggit.models import Tag

    article, older, _newer, _old_cover = two_versions
    Tag.objects.filter(name="Titres").delete()
    client.post(f"/admin/blog/article/{article.pk}/revisions/{older.pk}/restaurer/")
    assert set(Article.objects.get(pk=article.pk).tags.names()) == {"Titres", "Lisibilité"}


def test_a_revision_older_than_the_tag_record_leaves_the_tags_as_they_are(
    client, chief, two_versions
):
    article, older, _newer, _old_cover = two_versions
    # As revisions were stored before tags were: no tag links, no `created_by` column.
    older.revision.version_set.exclude(pk=older.pk).delete()
    data = json.loads(older.serialized_data)
    del data[0]["fields"]["created_by"]
    Version.objects.filter(pk=older.pk).update(serialized_data=json.dumps(data))
    url = f"/admin/blog/article/{article.pk}/revisions/{older.pk}/restaurer/"
    assert "antérieure à l’enregistrement des étiquettes" in client.get(url).content.decode()

    client.post(url)

    article = Article.objects.get(pk=article.pk)
    assert set(article.tags.names()) == {"Autre"}
    assert article.category.name == "Méthode"
