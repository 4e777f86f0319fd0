"""Slugs: WordPress's own (to recognise old URLs) and unique ones for EPW's models."""

import re
import unicodedata
from urllib.parse import unquote

from django.db import models
from django.utils.text import slugify


def wp_slug(value: str) -> str:
    """A WordPress nicename or post name as EPW writes slugs: decoded, ASCII, dashed."""
    text = unquote(value or "").replace(".", "-")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"-{2,}", "-", slugify(text)).strip("-")


def unique_slug(
    model: type[models.Model],
    wanted: str,
    *,
    fallback: str,
    exclude: int | None = None,
    field: str = "slug",
) -> str:
    """``wanted`` (slugified), or with -2, -3… when another row already has it."""
    max_length = model._meta.get_field(field).max_length or 50
    base = (slugify(wanted) or slugify(fallback) or "element")[: max_length - 6].strip("-")
    manager = model._default_manager
    candidate, number = base, 1
    while manager.filter(**{field: candidate}).exclude(pk=exclude).exists():
        number += 1
        candidate = f"{base}-{number}"
    return candidate
