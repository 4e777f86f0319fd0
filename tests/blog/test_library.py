"""The image library: uploads cleaned and described, the editor's picker, texts protected."""

import io

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from blog.library import services
from blog.library.models import BODY_WIDTH, LibraryImage
from epw.roles import MODERATOR, WRITER
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
PICKER = reverse("admin:blog_libraryimage_picker")


def jpeg(width=60, height=40, **exif_tags) -> SimpleUploadedFile:
    image = Image.new("RGB", (width, height), "navy")
    exif = Image.Exif()
    for tag, value in exif_tags.items():
        exif[int(tag.lstrip("_"))] = value
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), "image/jpeg")


def writer_client(client):
    client.force_login(StaffUserFactory(role=WRITER))
    return client


def add_image(alt="Une lampe de bureau", **kwargs) -> LibraryImage:
    return LibraryImage.objects.create(file=jpeg(**kwargs), alt_text=alt)


def test_an_upload_needs_alternative_text_and_loses_its_metadata(client):
    client = writer_client(client)
    url = reverse("admin:blog_libraryimage_add")
    refused = client.post(url, {"file": jpeg(_271="Appareil secret"), "alt_text": ""})
    assert refused.status_code == 200
    assert "alt_text" in refused.context["adminform"].form.errors
    assert not LibraryImage.objects.exists()

    response = client.post(url, {"file": jpeg(_271="Appareil secret"), "alt_text": "Une lampe"})
    assert response.status_code == 302
    image = LibraryImage.objects.get()
    assert image.uploaded_by == response.wsgi_request.user
    assert response["Location"] == reverse("admin:blog_libraryimage_changelist")
    assert LogEntry.objects.get().object_id == str(image.pk)
    with Image.open(image.file.path) as stored:
        assert not stored.getexif()


def test_the_service_keeps_an_image_from_plain_values():
    writer = StaffUserFactory(role=WRITER)
    image = services.library_image_add(file=jpeg(), alt_text="Un carnet", credit="A. B.", by=writer)
    image.refresh_from_db()
    assert (image.alt_text, image.caption, image.credit) == ("Un carnet", "", "A. B.")
    assert image.uploaded_by == writer and (image.width, image.height) == (60, 40)


def test_a_renamed_html_file_is_refused_by_the_picker_and_nothing_is_kept(client):
    client = writer_client(client)
    fake = SimpleUploadedFile("photo.jpg", b"<html><script>x</script></html>", "image/jpeg")
    response = client.post(f"{PICKER}?CKEditorFuncNum=3", {"file": fake, "alt_text": "Faux"})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not LibraryImage.objects.exists()


def test_the_picker_uploads_and_hands_the_new_image_back_to_the_editor(client):
    client = writer_client(client)
    response = client.post(
        f"{PICKER}?CKEditorFuncNum=3", {"file": jpeg(), "alt_text": "Un carnet", "caption": "Notes"}
    )
    image = LibraryImage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{PICKER}?CKEditorFuncNum=3&choisie={image.pk}"
    page = client.get(response["Location"]).content.decode()
    assert f'data-url="{image.body_url()}"' in page
    assert 'data-alt="Un carnet"' in page and 'data-caption="Notes"' in page
    assert "data-autopick" in page


def test_the_picker_searches_descriptions(client):
    add_image("Une lampe de bureau")
    add_image("Un stylo plume")
    page = writer_client(client).get(PICKER, {"q": "plume"}).content.decode()
    assert "Un stylo plume" in page and "Une lampe de bureau" not in page


def test_a_moderator_cannot_open_the_library(client):
    client.force_login(StaffUserFactory(role=MODERATOR))
    assert client.get(PICKER).status_code == 403
    assert client.post(PICKER, {"file": jpeg(), "alt_text": "x"}).status_code == 403
    assert not LibraryImage.objects.exists()


def test_bodies_get_a_rendition_no_wider_than_the_column():
    image = add_image(width=2400, height=1600)
    assert image.body_url() != image.file.url
    with Image.open(image.file.storage.path(image.body_url().removeprefix("/media/"))) as shown:
        assert shown.size == (BODY_WIDTH, 800)


def test_an_image_shown_in_a_text_cannot_be_deleted(admin_client):
    image = add_image()
    article = ArticleFactory(body=f'<figure><img src="{image.body_url()}" alt="x"></figure>')
    url = reverse("admin:blog_libraryimage_delete", args=[image.pk])
    page = admin_client.get(url).content.decode()
    assert article.title in page
    admin_client.post(url, {"post": "yes"})
    assert LibraryImage.objects.filter(pk=image.pk).exists()

    unused = add_image("Inutilisée")
    admin_client.post(reverse("admin:blog_libraryimage_delete", args=[unused.pk]), {"post": "yes"})
    assert not LibraryImage.objects.filter(pk=unused.pk).exists()
