"""Responsive image renditions, the {% responsive_image %} tag, and image upload hygiene."""

import logging
from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from PIL import ExifTags, Image, ImageCms, ImageFile

from blog.images import clean_uploaded_image, validate_image
from blog.models import Article
from blog.renditions import get_renditions
from tests.factories import ArticleFactory, ContributorFactory

SRGB_ICC = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
RED, BLUE = (220, 20, 20), (20, 20, 220)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def make_image(
    size: tuple[int, int], image_format: str = "JPEG", mode: str = "RGB", color=RED, **options
) -> bytes:
    buffer = BytesIO()
    Image.new(mode, size, color).save(buffer, image_format, **options)
    return buffer.getvalue()


def tagged_jpeg(size: tuple[int, int], orientation: int) -> bytes:
    """A JPEG whose top half is red, bottom half blue, carrying EXIF, ICC, XMP and a comment."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, (0, 0, size[0], size[1] // 2))
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "Appareil secret"
    buffer = BytesIO()
    image.save(buffer, "JPEG", exif=exif, icc_profile=SRGB_ICC, xmp=b"<x:xmpmeta/>", comment=b"GPS")
    return buffer.getvalue()


def article_with_cover(data: bytes, name: str = "c.jpg", **fields):
    article = ArticleFactory(**fields)
    article.cover.save(name, ContentFile(data))
    return Article.objects.get(pk=article.pk)  # as a page would load it


def open_rendition(media_root: Path, url: str) -> Image.Image:
    return Image.open(media_root / url.removeprefix("/media/"))


def assert_no_metadata(image: Image.Image) -> None:
    assert not dict(image.getexif())
    assert not {"exif", "icc_profile", "xmp", "comment"} & set(image.info)


class TagParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> dict[str, dict[str, str | None]]:
    """The attributes of each tag in a fragment, by tag name (last one wins)."""
    parser = TagParser()
    parser.feed(html)
    return dict(parser.tags)


def render(template: str, **context) -> str:
    return Template("{% load image_tags %}" + template).render(Context(context))


# Renditions


@pytest.mark.django_db
def test_renditions_in_webp_and_jpeg_at_each_width(media_root):
    article = article_with_cover(make_image((2000, 1000)))

    renditions = get_renditions(article.cover)

    assert renditions.fallback_type == "image/jpeg"
    for rendition_set, image_format in [(renditions.webp, "WEBP"), (renditions.fallback, "JPEG")]:
        assert [(r.width, r.height) for r in rendition_set] == [(480, 240), (800, 400), (1200, 600)]
        for rendition in rendition_set:
            assert rendition.url.startswith("/media/renditions/")
            with open_rendition(media_root, rendition.url) as image:
                assert image.format == image_format
                assert image.size == (rendition.width, rendition.height)


@pytest.mark.django_db
@pytest.mark.parametrize(("size", "widths"), [((1000, 500), [480, 800, 1000]), ((300, 200), [300])])
def test_renditions_are_never_upscaled(size, widths):
    renditions = get_renditions(article_with_cover(make_image(size)).cover)

    assert [r.width for r in renditions.webp] == widths
    assert [r.width for r in renditions.fallback] == widths


@pytest.mark.django_db
def test_renditions_are_made_once(media_root):
    article = article_with_cover(make_image((1600, 900)))
    first = get_renditions(article.cover)
    files = {path: path.stat().st_mtime_ns for path in (media_root / "renditions").rglob("*.*")}
    assert len(files) == 6

    open_file, save_file = FileSystemStorage.open, FileSystemStorage.save
    with (
        mock.patch.object(
            FileSystemStorage, "open", autospec=True, side_effect=open_file
        ) as opened,
        mock.patch.object(FileSystemStorage, "save", autospec=True, side_effect=save_file) as saved,
    ):
        assert get_renditions(article.cover) == first  # from the cache: no storage call
        opened.assert_not_called()
        cache.clear()
        assert get_renditions(article.cover) == first  # from storage: nothing made again
    assert opened.call_count == 1  # the source's header, read once after the cache clear
    saved.assert_not_called()
    assert {p: p.stat().st_mtime_ns for p in (media_root / "renditions").rglob("*.*")} == files


@pytest.mark.django_db
def test_exif_orientation_is_applied_and_metadata_stripped(media_root):
    # Orientation 6: the stored 1000×600 picture is shown turned, 600 wide and 1000 high,
    # its stored top row becoming the right-hand side.
    article = article_with_cover(tagged_jpeg((1000, 600), orientation=6))

    renditions = get_renditions(article.cover)

    assert [(r.width, r.height) for r in renditions.fallback] == [(480, 800), (600, 1000)]
    for rendition in renditions.webp + renditions.fallback:
        with open_rendition(media_root, rendition.url) as image:
            assert image.size == (rendition.width, rendition.height)
            assert_no_metadata(image)
            rgb = image.convert("RGB")
            right, left = rgb.getpixel((image.width - 5, 10)), rgb.getpixel((5, 10))
            assert right[0] > 150 > right[2]  # red
            assert left[2] > 150 > left[0]  # blue


@pytest.mark.django_db
def test_png_with_transparency_gets_a_png_fallback(media_root):
    article = article_with_cover(make_image((900, 600), "PNG", "RGBA", (0, 0, 0, 0)), "c.png")

    renditions = get_renditions(article.cover)

    assert renditions.fallback_type == "image/png"
    with open_rendition(media_root, renditions.largest.url) as image:
        assert (image.format, image.mode) == ("PNG", "RGBA")
        assert image.getpixel((0, 0))[3] == 0
    with open_rendition(media_root, renditions.webp[-1].url) as image:
        assert image.getpixel((0, 0))[3] == 0


@pytest.mark.django_db
def test_opaque_png_gets_a_jpeg_fallback():
    article = article_with_cover(make_image((900, 600), "PNG"), "c.png")

    assert get_renditions(article.cover).fallback_type == "image/jpeg"


@pytest.mark.django_db
def test_animated_gif_gives_its_first_frame(media_root):
    frames = [Image.new("RGB", (500, 300), color).convert("P") for color in (RED, BLUE)]
    buffer = BytesIO()
    frames[0].save(buffer, "GIF", save_all=True, append_images=frames[1:], duration=100)
    article = article_with_cover(buffer.getvalue(), "c.gif")

    renditions = get_renditions(article.cover)

    with open_rendition(media_root, renditions.webp[0].url) as image:
        assert getattr(image, "n_frames", 1) == 1
        red, _, blue = image.convert("RGB").getpixel((10, 10))
        assert red > 150 > blue


@pytest.mark.django_db
def test_corrupt_source_gives_no_renditions_and_a_warning(caplog):
    article = article_with_cover(b"\xff\xd8\xff\xe0 pas vraiment une image")

    with caplog.at_level(logging.WARNING, logger="blog.renditions"):
        assert get_renditions(article.cover) is None
    assert article.cover.name in caplog.text


@pytest.mark.django_db
def test_missing_source_falls_back_to_the_original_url(media_root):
    article = article_with_cover(make_image((800, 400)))
    (media_root / article.cover.name).unlink()

    html = render("{% responsive_image article.cover article.cover_alt %}", article=article)

    assert "<picture" not in html
    img = parse(html)["img"]
    assert img["src"] == article.cover.url
    assert (img["width"], img["height"]) == ("800", "400")


@pytest.mark.django_db
def test_corrupt_source_falls_back_to_the_original_url():
    article = article_with_cover(b"GIF89a tronque")

    html = render("{% responsive_image article.cover 'Une image' %}", article=article)

    img = parse(html)["img"]
    assert img["src"] == article.cover.url
    assert img["alt"] == "Une image"


# The template tag


@pytest.mark.django_db
def test_tag_renders_a_picture_with_srcset_sizes_and_dimensions():
    article = article_with_cover(make_image((2400, 1200)), cover_alt='Chat"><script>x()</script>')
    get_renditions(article.cover)  # as on upload

    html = render(
        "{% responsive_image article.cover article.cover_alt"
        ' sizes="(min-width: 50rem) 50rem, 100vw" class="une" %}',
        article=article,
    )

    assert html.startswith("<picture>") and html.endswith("</picture>")
    assert "<script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html
    tags = parse(html)
    source, img = tags["source"], tags["img"]
    assert source["type"] == "image/webp"
    assert [entry.split()[1] for entry in source["srcset"].split(", ")] == ["480w", "800w", "1200w"]
    assert ".webp 480w" in source["srcset"]
    assert ".jpg 1200w" in img["srcset"]
    assert source["sizes"] == img["sizes"] == "(min-width: 50rem) 50rem, 100vw"
    assert (img["width"], img["height"]) == ("1200", "600")
    assert img["alt"] == 'Chat"><script>x()</script>'
    assert img["src"].endswith("/1200.jpg")
    assert (img["loading"], img["decoding"], img["class"]) == ("lazy", "async", "une")
    assert "fetchpriority" not in img


@pytest.mark.django_db
def test_tag_display_width_keeps_the_ratio():
    article = article_with_cover(make_image((1000, 500)))

    img = parse(render("{% responsive_image article.cover '' width=320 %}", article=article))["img"]

    assert (img["width"], img["height"], img["alt"]) == ("320", "160", "")


def test_tag_renders_nothing_without_an_image():
    assert render("{% responsive_image image 'Rien' %}", image=None) == ""


# Pages


@pytest.mark.django_db
def test_article_page_shows_the_cover_as_a_responsive_picture(
    client, django_capture_on_commit_callbacks
):
    article = article_with_cover(make_image((1600, 900)), cover_alt="Une machine à écrire")
    with django_capture_on_commit_callbacks(execute=True):
        client.get(article.get_absolute_url())  # the worker is asked (and runs in the tests)

    html = client.get(article.get_absolute_url()).content.decode()

    cover = html[html.index('<figure class="article__cover">') :]
    cover = cover[: cover.index("</figure>")]
    assert "<picture>" in cover
    img = parse(cover)["img"]
    assert "480w" in img["srcset"] and "1200w" in img["srcset"]
    assert img["alt"] == "Une machine à écrire"
    assert (img["loading"], img["fetchpriority"]) == ("eager", "high")


@pytest.mark.django_db
def test_listing_cards_show_a_lazy_thumbnail(client):
    article_with_cover(make_image((1600, 900)), cover_alt="Un carnet ouvert")

    html = client.get("/").content.decode()

    img = parse(html[html.index('class="card__thumb"') - 200 :])["img"]
    assert img["alt"] == "Un carnet ouvert"
    assert img["loading"] == "lazy"
    assert (img["width"], img["height"]) == ("320", "180")


@pytest.mark.django_db
def test_contributor_page_shows_the_photo_as_a_responsive_picture(
    client, django_capture_on_commit_callbacks
):
    contributor = ContributorFactory()
    contributor.photo.save("portrait.jpg", ContentFile(make_image((400, 400))))
    ArticleFactory(authors=[contributor])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(contributor.get_absolute_url())  # the worker is asked (and runs in the tests)

    html = client.get(contributor.get_absolute_url()).content.decode()

    img = parse(html[html.index("<picture>") :])["img"]
    assert (img["class"], img["loading"]) == ("profile__photo", "eager")
    assert (img["width"], img["height"]) == ("96", "96")
    assert "96w" in img["srcset"] and "192w" in img["srcset"]


# Upload checks


def upload(data: bytes, name: str = "photo.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def messages(error: pytest.ExceptionInfo) -> str:
    return " ".join(error.value.messages)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("photo.jpg", b"<!doctype html><html><script>alert(1)</script></html>"),
        ("photo.png", "Un fichier texte, accentué : été.\n".encode()),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
            b"<script>alert(1)</script></svg>",
        ),
    ],
    ids=["html-renamed", "text", "svg"],
)
def test_validate_image_refuses_what_is_not_an_image(name, data):
    with pytest.raises(ValidationError) as error:
        validate_image(upload(data, name))

    assert messages(error) == "Ce fichier n’est pas une image valide."


@pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning")
def test_validate_image_refuses_too_many_pixels_before_decoding():
    data = make_image((10000, 10000), "PNG", "1", 0)  # 100 Mpx in a few kilobytes
    assert len(data) < 50_000

    with (
        mock.patch.object(ImageFile.ImageFile, "load") as load,
        pytest.raises(ValidationError) as error,
    ):
        validate_image(upload(data, "bombe.png"))

    load.assert_not_called()
    assert messages(error) == "L’image est trop grande (10000 × 10000 pixels)."


def test_validate_image_turns_a_decompression_bomb_into_a_clean_error():
    data = make_image((20000, 20000), "PNG", "1", 0)  # past Pillow's own bomb guard

    with pytest.raises(ValidationError) as error:
        validate_image(upload(data, "bombe.png"))

    assert messages(error) == "L’image est trop grande (plus de 40 millions de pixels)."


def test_validate_image_accepts_a_normal_jpeg():
    file = upload(make_image((1200, 800)))
    file.seek(5)

    validate_image(file)

    assert file.tell() == 5


def test_clean_uploaded_image_turns_upright_and_strips_metadata():
    cleaned = clean_uploaded_image(upload(tagged_jpeg((1000, 600), orientation=6), "vacances.JPEG"))

    assert cleaned.name == "vacances.jpg"
    with Image.open(cleaned) as image:
        assert (image.format, image.size) == ("JPEG", (600, 1000))
        assert_no_metadata(image)


def test_clean_uploaded_image_names_the_file_after_its_real_format():
    cleaned = clean_uploaded_image(upload(make_image((50, 40), "PNG"), "capture.jpg"))

    assert cleaned.name == "capture.png"
    with Image.open(cleaned) as image:
        assert image.format == "PNG"


def test_clean_uploaded_image_keeps_transparency_and_animation():
    frames = [Image.new("RGB", (40, 30), color).convert("P") for color in (RED, BLUE)]
    buffer = BytesIO()
    frames[0].save(
        buffer, "GIF", save_all=True, append_images=frames[1:], duration=80, comment=b"qui"
    )
    palette_png = make_image((40, 30), "PNG", "P", 0, transparency=0)

    gif = clean_uploaded_image(upload(buffer.getvalue(), "anim.gif"))
    png = clean_uploaded_image(upload(palette_png, "logo.png"))

    with Image.open(gif) as image:
        assert (image.format, image.n_frames, image.info["duration"]) == ("GIF", 2, 80)
        assert "comment" not in image.info
    with Image.open(png) as image:
        assert image.convert("RGBA").getpixel((0, 0))[3] == 0


def test_clean_uploaded_image_refuses_what_validate_image_refuses():
    with pytest.raises(ValidationError):
        clean_uploaded_image(upload(b"juste du texte", "notes.png"))


@pytest.mark.django_db
def test_a_readers_visit_never_makes_a_rendition(
    client, media_root, django_capture_on_commit_callbacks
):
    article = article_with_cover(make_image((1600, 900)), cover_alt="Une plume")
    ArticleFactory()  # a second card on the home page, without a cover

    with django_capture_on_commit_callbacks(execute=False) as asked:
        for path in ["/", article.get_absolute_url(), "/", article.get_absolute_url()]:
            html = client.get(path).content.decode()
            # The original file meanwhile, at its stored size.
            assert "<picture>" not in html and 'src="/media/' in html

    assert not (media_root / "renditions").exists()
    assert len(asked) == 1  # the worker is asked once, not on every visit
    asked[0]()  # the worker runs
    assert (media_root / "renditions").exists()
    for path in ["/", article.get_absolute_url()]:
        assert "<picture>" in client.get(path).content.decode()
