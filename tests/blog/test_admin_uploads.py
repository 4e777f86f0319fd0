import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from blog.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def jpeg_with_exif_orientation() -> bytes:
    image = Image.new("RGB", (60, 30), "red")
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90° clockwise when displayed
    exif[0x010F] = "Appareil secret"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def admin_post(client, article, **files):
    data = {
        "title": article.title,
        "slug": article.slug,
        "status": article.status,
        "published_at_0": "2026-01-10",
        "published_at_1": "10:00:00",
        "authors": [a.pk for a in article.authors.all()],
        "tags": "",
        "comments_open": "on",
        "cover_alt": "Un carré rouge",
        "version": Article.objects.get(pk=article.pk).version,  # as a page opened now
    }
    return client.post(f"/admin/blog/article/{article.pk}/change/", {**data, **files})


def test_cover_uploaded_in_the_admin_is_upright_and_without_metadata(admin_client):
    article = ArticleFactory()
    upload = SimpleUploadedFile("photo.jpg", jpeg_with_exif_orientation(), "image/jpeg")
    response = admin_post(admin_client, article, cover=upload)
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(pk=article.pk)
    assert (article.cover_width, article.cover_height) == (30, 60)
    with Image.open(article.cover.path) as stored:
        assert stored.size == (30, 60)
        assert not stored.getexif()


def test_a_renamed_html_file_is_refused_with_a_french_message(admin_client):
    article = ArticleFactory()
    upload = SimpleUploadedFile("photo.jpg", b"<html><script>x</script></html>", "image/jpeg")
    response = admin_post(admin_client, article, cover=upload)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["cover"]
    assert errors and "image" in errors[0].lower()
    assert not Article.objects.get(pk=article.pk).cover


def test_an_article_with_a_stored_cover_can_be_saved_again(admin_client):
    article = ArticleFactory()
    upload = SimpleUploadedFile("photo.jpg", jpeg_with_exif_orientation(), "image/jpeg")
    assert admin_post(admin_client, article, cover=upload).status_code == 302
    article = Article.objects.get(pk=article.pk)
    article.full_clean()
    response = admin_post(admin_client, article)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Article.objects.get(pk=article.pk).cover.name == article.cover.name
