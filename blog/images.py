"""Image uploads: real image formats only, a pixel cap against decompression bombs, and
re-encoding on the way in (upright, sRGB, no metadata)."""

import logging
from io import BytesIO
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MAX_PIXELS = 40_000_000
MAX_BYTES = 10 * 1024 * 1024
# What re-encoding keeps from an image's info: how it is drawn, never who/where/what made it.
KEPT_INFO = {"transparency", "duration", "loop", "background", "disposal", "blend", "default_image"}
SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def validate_image(file) -> None:
    """Refuse anything that is not a reasonably sized JPEG, PNG, WebP or GIF image."""
    if getattr(file, "_committed", False):
        return  # already in storage: it was checked when it was uploaded
    if file.size and file.size > MAX_BYTES:
        raise ValidationError(
            _("L’image dépasse %(max)s Mo.") % {"max": MAX_BYTES // (1024 * 1024)},
            code="too_large",
        )
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        # Image.open reads the header only: the pixel count is checked before any decoding.
        with Image.open(file) as image:
            if image.format not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Format d’image non accepté : utilisez JPEG, PNG, WebP ou GIF."),
                    code="bad_format",
                )
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    _("L’image est trop grande (%(w)s × %(h)s pixels).")
                    % {"w": width, "h": height},
                    code="too_many_pixels",
                )
            # Every frame of an animation is decoded and re-encoded: a small file of many
            # large frames costs as much as one giant picture. Counting frames reads their
            # headers only (GIF sub-blocks are skipped, APNG and WebP announce the count).
            if getattr(image, "n_frames", 1) * width * height > MAX_PIXELS:
                raise _too_many_pixels()
            image.verify()
    except Image.DecompressionBombError:
        # Pillow's own guard fires in Image.open for headers far beyond our cap.
        raise _too_many_pixels() from None
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValidationError(
            _("Ce fichier n’est pas une image valide."), code="invalid_image"
        ) from None
    finally:
        file.seek(position)


def _too_many_pixels() -> ValidationError:
    return ValidationError(
        _("L’image est trop grande (plus de %(max)s millions de pixels).")
        % {"max": MAX_PIXELS // 1_000_000},
        code="too_many_pixels",
    )


def convert_to_srgb(image: Image.Image) -> Image.Image:
    """Return the image in sRGB (RGB or RGBA), converting from its embedded colour profile.

    Browsers treat untagged images as sRGB, so a profile can only be dropped once the pixels
    have been converted; an unreadable profile is ignored rather than failing the upload.
    """
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            profile = ImageCms.ImageCmsProfile(BytesIO(icc))
            is_srgb = "srgb" in ImageCms.getProfileDescription(profile).lower()
            if image.mode == "CMYK" or not is_srgb:
                mode = "RGBA" if image.mode == "RGBA" else "RGB"
                return ImageCms.profileToProfile(image, profile, SRGB, outputMode=mode)
        except (ImageCms.PyCMSError, OSError, ValueError):
            logger.info("Ignoring an unreadable ICC profile.", exc_info=True)
    return image.convert("RGB") if image.mode == "CMYK" else image


def clean_uploaded_image(uploaded_file: File) -> File:
    """Re-encode an uploaded image in its own format: upright, sRGB, without metadata.

    EXIF, XMP, ICC profiles, comments and text chunks are dropped (they can carry GPS
    positions and camera serial numbers); animations are kept as they are. Validates first,
    so it raises ``ValidationError`` on anything ``validate_image`` refuses. Meant for a form's
    ``clean_<field>()`` or an admin form; validators never change the file themselves.
    """
    validate_image(uploaded_file)
    uploaded_file.seek(0)
    try:
        return _re_encode(uploaded_file)
    except (OSError, SyntaxError, ValueError, EOFError):
        # Headers that pass validation may still announce pixel data the file lacks.
        raise ValidationError(
            _("Ce fichier n’est pas une image valide."), code="invalid_image"
        ) from None


def _re_encode(uploaded_file: File) -> ContentFile:
    with Image.open(uploaded_file) as image:
        image_format = str(image.format)  # one of ALLOWED_FORMATS, validated above
        options: dict[str, Any] = {}
        if getattr(image, "is_animated", False):
            result: Image.Image = image
            options["save_all"] = True
        else:
            ImageOps.exif_transpose(image, in_place=True)
            result = convert_to_srgb(image)
        if image_format == "JPEG":
            # "keep" re-uses the source's quantisation: no visible generation loss.
            options["quality"] = "keep" if result is image else 90
        elif image_format == "WEBP":
            options["quality"] = 90
        result.info = {key: value for key, value in result.info.items() if key in KEPT_INFO}
        output = BytesIO()
        result.save(output, format=image_format, **options)
    stem = PurePath(uploaded_file.name or "image").stem or "image"
    return ContentFile(output.getvalue(), name=f"{stem}.{EXTENSIONS[image_format]}")
