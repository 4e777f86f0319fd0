"""Random names for uploaded files.

The name a file arrives with is chosen by whoever sends it: `x.php.png` may be run by a badly
configured web server, and a photo's name may say whom it shows. Only the folder and the suffix
of a known image format are kept; images are re-encoded before they are stored
(blog.images.clean_uploaded_image), which names them after their real format.
"""

import secrets
from pathlib import PurePath

from django.utils import timezone
from django.utils.deconstruct import deconstructible

IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".webp", ".gif"})


@deconstructible
class RandomName:
    """An `upload_to` giving `folder` (strftime patterns allowed) + a random name + suffix."""

    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePath(filename).suffix.lower()
        if suffix not in IMAGE_SUFFIXES:
            suffix = ""
        folder = timezone.localtime().strftime(self.folder)
        return f"{folder}{secrets.token_urlsafe(16)}{suffix}"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RandomName) and other.folder == self.folder

    def __hash__(self) -> int:
        return hash(self.folder)
