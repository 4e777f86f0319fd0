"""``{% responsive_image %}``: an uploaded image as a ``<picture>`` of sized renditions."""

from collections.abc import Iterable

from django import template
from django.db.models.fields.files import FieldFile
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString

from blog.renditions import WIDTHS, Rendition, get_renditions

register = template.Library()


@register.simple_tag
def responsive_image(
    image: FieldFile | None,
    alt: str = "",
    *,
    sizes: str = "100vw",
    loading: str = "lazy",
    fetchpriority: str = "",
    width: int | str | None = None,
    widths: str = "",
    **extra: str,
) -> SafeString | str:
    """Render a ``<picture>``: WebP renditions, then a JPEG/PNG ``<img>`` for every browser.

    ``width`` sets the displayed width (the height follows the image's ratio); without it the
    largest rendition's size is used, so the page never jumps as the image loads. ``widths``
    ("96,192") overrides the rendition widths. When the renditions are not made yet (the worker
    is asked for them) or cannot be made, the original file is shown in a plain ``<img>``. Also
    takes ``class``.
    """
    css_class = extra.pop("class", "")
    if extra:
        raise template.TemplateSyntaxError(
            f"responsive_image: unknown option(s) {', '.join(sorted(extra))}"
        )
    if not image or not image.name:
        return ""
    chosen = tuple(int(w) for w in str(widths).split(",")) if widths else WIDTHS
    common = {
        "alt": alt or "",
        "loading": loading or None,
        "decoding": "async",
        "fetchpriority": fetchpriority or None,
        "class": css_class or None,
    }
    renditions = get_renditions(image, chosen, make=False)  # never made while a reader waits
    if renditions is None:
        size = _stored_size(image)
        return format_html("<img{}>", flatatt({"src": image.url, **_box(size, width), **common}))
    largest = renditions.largest
    source = {"type": "image/webp", "srcset": _srcset(renditions.webp), "sizes": sizes}
    img = {
        "src": largest.url,
        "srcset": _srcset(renditions.fallback),
        "sizes": sizes,
        **_box((largest.width, largest.height), width),
        **common,
    }
    return format_html("<picture><source{}><img{}></picture>", flatatt(source), flatatt(img))


def _srcset(renditions: Iterable[Rendition]) -> str:
    return ", ".join(f"{rendition.url} {rendition.width}w" for rendition in renditions)


def _box(size: tuple[int, int] | None, display_width: int | str | None) -> dict[str, int]:
    """The width and height attributes: the intrinsic size, or the display width and ratio."""
    if not display_width:
        return {"width": size[0], "height": size[1]} if size else {}
    shown = int(display_width)
    if not size:
        return {"width": shown}
    return {"width": shown, "height": max(1, round(size[1] * shown / size[0]))}


def _stored_size(image: FieldFile) -> tuple[int, int] | None:
    """The size the model recorded on upload (``width_field``/``height_field``), if any."""
    field = image.field
    width_field = getattr(field, "width_field", None)
    height_field = getattr(field, "height_field", None)
    if not (width_field and height_field):
        return None
    width = getattr(image.instance, width_field, None)
    height = getattr(image.instance, height_field, None)
    return (width, height) if width and height else None
