"""Files of ``wp-content/uploads`` copied from ``--media-dir`` into EPW's media storage."""

from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from blog.wordpress.report import Report

UPLOADS = "/wp-content/uploads/"
PREFIX = "wordpress"


class MediaLibrary:
    """Finds a WordPress upload in the media folder and stores it once under ``wordpress/``."""

    def __init__(self, media_dir: Path | None, *, dry_run: bool, report: Report):
        self.media_dir = media_dir.resolve() if media_dir else None
        self.dry_run = dry_run
        self.report = report
        self.store = lru_cache(maxsize=4096)(self._store)

    def relative_path(self, url_or_path: str) -> str:
        """``2021/03/plume.jpg`` from an upload URL (or an already relative path)."""
        path = unquote(urlsplit(url_or_path).path) if "//" in url_or_path else url_or_path
        if UPLOADS in path:
            path = path.split(UPLOADS, 1)[1]
        parts = [part for part in PurePosixPath(path).parts if part not in {"", "/", ".", ".."}]
        return "/".join(parts)

    def _store(self, relative: str) -> str | None:
        """The storage name of the copied file; None (and a warning) when it is missing."""
        source = (self.media_dir / relative) if self.media_dir and relative else None
        if source is None or not source.is_file():
            self.report.warn(_("Fichier manquant : {path}").format(path=relative or "?"))
            return None
        name = f"{PREFIX}/{relative}"
        if self.dry_run or default_storage.exists(name):
            return name
        with source.open("rb") as handle:
            return default_storage.save(name, File(handle))

    def rewrite(self, url: str) -> str:
        """The new URL of an upload linked from a body; the old URL when the file is missing."""
        name = self.store(self.relative_path(url))
        return default_storage.url(name) if name else url
