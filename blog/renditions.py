"""Responsive renditions of uploaded images: a few widths in WebP, plus a JPEG or PNG fallback.

Renditions are made once per source file and kept on the file's storage under
``renditions/<hash of name and size>/<width>.<ext>``; a manifest in the cache spares any
storage call on later requests. They are made when the image is saved (by the service or the
import) or by the task worker, never while a reader waits: a page asked to show an image whose
renditions are not known yet shows the original file and asks the worker for them.

They are never wider than the source, upright (EXIF orientation applied), in sRGB and without
metadata; an animation gives its first frame.
"""

import hashlib
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from typing import Any

from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import transaction
from django.db.models.fields.files import FieldFile
from PIL import ExifTags, Image, ImageFile, ImageOps

from blog.images import ALLOWED_FORMATS, MAX_PIXELS, convert_to_srgb

logger = logging.getLogger(__name__)

WIDTHS = (480, 800, 1200)
VERSION = 1  # bump to make every rendition anew (after changing the encoder settings, say)
CACHE_TIMEOUT = 7 * 24 * 3600  # then storage is checked again, without regenerating
FAILURE_TIMEOUT = 10 * 60  # a broken source is retried, and logged, at most this often
REQUEST_TIMEOUT = 10 * 60  # the worker is asked again after this long if nothing came
ENCODERS: dict[str, dict[str, Any]] = {
    "webp": {"format": "WEBP", "quality": 80, "method": 4},
    "jpg": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
    "png": {"format": "PNG", "optimize": True},
}
MIME_TYPES = {"webp": "image/webp", "jpg": "image/jpeg", "png": "image/png"}
SWAPPING_ORIENTATIONS = {5, 6, 7, 8}  # EXIF orientations that turn the image by 90°

Manifest = dict[str, Any]


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Renditions:
    """One image at several widths (narrowest first): WebP, and a fallback for every browser."""

    webp: tuple[Rendition, ...]
    fallback: tuple[Rendition, ...]
    fallback_type: str

    @property
    def largest(self) -> Rendition:
        return self.fallback[-1]


def get_renditions(
    image: FieldFile | None, widths: Iterable[int] = WIDTHS, *, make: bool = True
) -> Renditions | None:
    """The renditions of a stored image; None when the source is unusable. Made now when
    missing, unless `make` is false (a page being served): then the worker is asked for them
    and None is returned, so the page shows the original file this time."""
    wanted = tuple(sorted({int(width) for width in widths if int(width) > 0}))
    if not image or not image.name or not wanted:
        return None
    key = _key(image.name, wanted)
    manifest: Manifest | None = cache.get(key)
    if manifest is None:
        if not make:
            _ask_the_worker(image.name, wanted, key)
            return None
        manifest = _make(image.storage, image.name, wanted, key)
    if not manifest:
        return None
    url = image.storage.url
    return Renditions(
        webp=tuple(Rendition(url(name), w, h) for w, h, name in manifest["webp"]),
        fallback=tuple(Rendition(url(name), w, h) for w, h, name in manifest["fallback"]),
        fallback_type=MIME_TYPES[manifest["ext"]],
    )


def make_renditions(*, name: str, widths: Iterable[int]) -> bool:
    """Make the renditions of a file of the default storage unless known; whether it made
    them now (the task worker's side of `get_renditions(make=False)`)."""
    wanted = tuple(sorted({int(width) for width in widths if int(width) > 0}))
    key = _key(name, wanted)
    if cache.get(key) is not None:
        return False
    return bool(_make(default_storage, name, wanted, key))


def _key(name: str, wanted: tuple[int, ...]) -> str:
    return f"renditions:{VERSION}:{_digest(name)}:{','.join(map(str, wanted))}"


def _make(storage: Storage, name: str, wanted: tuple[int, ...], key: str) -> Manifest:
    try:
        manifest = _build(storage, name, wanted)
    except Exception:  # a bad file must not break the page that shows it
        logger.warning("No renditions for image %r.", name, exc_info=True)
        manifest = {}
    cache.set(key, manifest, CACHE_TIMEOUT if manifest else FAILURE_TIMEOUT)
    return manifest


def _ask_the_worker(name: str, wanted: tuple[int, ...], key: str) -> None:
    if cache.add(f"{key}:asked", True, REQUEST_TIMEOUT):
        # blog.tasks imports this module.
        from blog.tasks import renditions_make

        transaction.on_commit(lambda: renditions_make.enqueue(name=name, widths=list(wanted)))


def _build(storage: Storage, name: str, widths: tuple[int, ...]) -> Manifest:
    """Make the missing renditions of one source.

    When none is missing (say the cache was cleared) the source is not decoded, PNG aside:
    Pillow decodes a PNG to look for its EXIF orientation.
    """
    folder = f"renditions/{_digest(f'{name}:{storage.size(name)}:{VERSION}')}"
    with (
        storage.open(name, "rb") as file,
        Image.open(file, formats=sorted(ALLOWED_FORMATS)) as source,
    ):
        if source.width * source.height > MAX_PIXELS:
            raise ValueError(f"{source.width}×{source.height} pixels is over the cap")
        swapped = source.getexif().get(ExifTags.Base.Orientation, 1) in SWAPPING_ORIENTATIONS
        width, height = (source.height, source.width) if swapped else source.size
        ext = "png" if source.has_transparency_data else "jpg"
        targets = sorted({min(w, width) for w in widths})  # never upscaled
        sizes = [(w, max(1, round(height * w / width))) for w in targets]
        names = {(fmt, w): f"{folder}/{w}.{fmt}" for fmt in ("webp", ext) for w, _ in sizes}
        missing = {key for key, path in names.items() if not storage.exists(path)}
        if missing:
            largest = sizes[-1]
            base = _decode(source, largest[::-1] if swapped else largest, ext)
            for w, h in sizes:
                todo = [fmt for fmt in ("webp", ext) if (fmt, w) in missing]
                if not todo:
                    continue
                resized = base.resize((w, h), Image.Resampling.LANCZOS, reducing_gap=3.0)
                for fmt in todo:
                    names[fmt, w] = _save(storage, names[fmt, w], resized, fmt)
    return {
        "ext": ext,
        "webp": [(w, h, names["webp", w]) for w, h in sizes],
        "fallback": [(w, h, names[ext, w]) for w, h in sizes],
    }


def _decode(source: ImageFile.ImageFile, raw_size: tuple[int, int], ext: str) -> Image.Image:
    """Decode the (first) frame no larger than needed, upright, in sRGB, without metadata."""
    source.draft(None, raw_size)  # JPEG only: decode at 1/2, 1/4 or 1/8 scale when that's enough
    ImageOps.exif_transpose(source, in_place=True)
    image = convert_to_srgb(source).convert("RGBA" if ext == "png" else "RGB")
    image.info = {}  # EXIF, XMP, ICC profile, comments: nothing follows into the outputs
    return image


def _save(storage: Storage, path: str, image: Image.Image, ext: str) -> str:
    buffer = BytesIO()
    image.save(buffer, **ENCODERS[ext])
    # Two first requests may race: the loser's copy gets another name, which works just as well.
    return storage.save(path, ContentFile(buffer.getvalue()))


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:24]
