"""Uploaded images are stored under random names whose suffix is their real format."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from blog.library.models import LibraryImage
from blog.models import Article
from contributors.models import Contributor
from tests.blog.test_admin_uploads import admin_post
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
RANDOM = r"[A-Za-z0-9_-]{22}"
DATED = r"\d{4}/\d{2}/"


def image(image_format: str, name: str = "x.php.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), "image/png")


@pytest.mark.parametrize(("image_format", "suffix"), [("PNG", "png"), ("JPEG", "jpg")])
def test_a_library_image_gets_a_random_name_and_its_real_suffix(admin_client, image_format, suffix):
    url = reverse("admin:blog_libraryimage_add")
    response = admin_client.post(url, {"file": image(image_format), "alt_text": "Un carré"})
    assert response.status_code == 302
    name = LibraryImage.objects.get().file.name
    assert re.fullmatch(rf"bibliotheque/{DATED}{RANDOM}\.{suffix}", name), name
    assert default_storage.exists(name)


def test_a_cover_gets_a_random_name_and_its_real_suffix(admin_client):
    article = ArticleFactory()
    response = admin_post(admin_client, article, cover=image("WEBP", "x.php.png"))
    assert response.status_code == 302, response.content.decode()[:2000]
    name = Article.objects.get(pk=article.pk).cover.name
    assert re.fullmatch(rf"covers/{DATED}{RANDOM}\.webp", name), name


def test_two_uploads_of_the_same_name_get_different_names(admin_client):
    url = reverse("admin:blog_libraryimage_add")
    for _ in range(2):
        admin_client.post(url, {"file": image("PNG", "photo.png"), "alt_text": "Un carré"})
    names = {picture.file.name for picture in LibraryImage.objects.all()}
    assert len(names) == 2
    assert not any("photo" in name for name in names)


def test_a_contributor_photo_gets_a_random_name(admin_client):
    data = {"display_name": "Camille Martin", "slug": "camille-martin", "kind": "staff"}
    photo = image("GIF", "camille-martin.php.png")
    response = admin_client.post(
        reverse("admin:contributors_contributor_add"), {**data, "photo": photo}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    name = Contributor.objects.get(slug="camille-martin").photo.name
    assert re.fullmatch(rf"contributors/{RANDOM}\.gif", name), name


def test_a_cover_stored_under_its_old_name_still_shows_and_survives_a_save(client, admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), "orange").save(buffer, "JPEG")
    old_name = default_storage.save(
        "covers/2025/06/vieille-couverture.jpg", ContentFile(buffer.getvalue())
    )
    article = ArticleFactory(cover=old_name, cover_alt="Un carré orange")

    page = client.get(article.get_absolute_url())
    assert page.status_code == 200
    assert "vieille-couverture" in page.content.decode()

    assert admin_post(admin_client, article).status_code == 302
    assert Article.objects.get(pk=article.pk).cover.name == old_name
    assert default_storage.exists(old_name)
