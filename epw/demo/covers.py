"""Abstract cover illustrations drawn for the demo articles (no third-party images)."""

import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

PALETTES = [
    ("#a3331b", "#f3e3d3", "#1d1d1f"),
    ("#1a5f7a", "#e6f0f3", "#f2b134"),
    ("#3d5a40", "#eef2e6", "#c8553d"),
    ("#5b3f8c", "#f0ecf7", "#f2a541"),
    ("#8c2f39", "#fbeee6", "#2a4d69"),
]


def demo_cover(seed: str, width: int = 1200, height: int = 675) -> ContentFile:
    """A reproducible abstract composition of lines and blocks, like a page layout."""
    rng = random.Random(seed)
    accent, paper, ink = rng.choice(PALETTES)
    image = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(image)
    draw.rectangle([0, 0, width // 3, height], fill=accent)
    for row in range(rng.randint(5, 9)):
        top = 90 + row * 60
        length = rng.randint(width // 4, width // 2)
        draw.rounded_rectangle(
            [width // 3 + 80, top, width // 3 + 80 + length, top + 22], radius=11, fill=ink
        )
    for _ in range(3):
        x, y, r = (
            rng.randint(40, width // 3 - 80),
            rng.randint(60, height - 60),
            rng.randint(20, 60),
        )
        draw.ellipse([x - r, y - r, x + r, y + r], outline=paper, width=6)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True)
    return ContentFile(buffer.getvalue())
