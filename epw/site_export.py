"""Export the whole site into one .zip: what WordPress can import, and everything EPW holds.

The archive holds, in this order:
- `site.wxr`: the blog as a WordPress export (`blog.wordpress.export`): articles, pages,
  categories, tags, authors, comments and the covers as attachments;
- `site.json`: every record EPW keeps, WordPress's and the rest (revisions, columnist
  submissions, newsletter editions and subscribers with their consent, audience figures…):
  `{"format": "epw-export", "version": 1, …}` then one key per kind of record, each a list in
  Django's serialisation format (natural keys for users, content types and tags);
- `media/…`: every file of the default storage, under its storage name (the WXR's
  `/wp-content/uploads/<name>` addresses, so `import_wordpress --media-dir media` finds them);
- `manifest.json`, last: counts per kind and the SHA-256 and size of every other member.

Everything is written as it is read (rows by batches, files by blocks): memory does not grow
with the site. It holds personal data (subscribers, applicants, commenters): the archive is
written to a private folder and only staff allowed to answer personal data requests start it
or download it (`epw.site_export_admin`).
"""

from __future__ import annotations

import gc
import hashlib
import io
import json
import os
import shutil
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, TextIO

from django.apps import apps
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.serializers.json import Serializer as JSONSerializer
from django.db import connection, transaction
from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _
from django_tasks import task

from blog.wordpress.export import WXRWriter, wxr_item_count
from blog.wordpress.report import Progress
from epw.backup import storage_files
from epw.core.site import site_url

FORMAT = "epw-export"
VERSION = 1
WXR = "site.wxr"
JSON = "site.json"
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
BATCH = 500
BLOCK = 1024 * 1024
# One key per kind of record: (key, model, fields left out). Passwords and second-factor
# secrets stay out; nothing else does.
KINDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("sites", "sites.Site", ()),
    ("site_settings", "blog.SiteSettings", ()),
    ("users", "auth.User", ("password",)),
    ("contributors", "contributors.Contributor", ()),
    ("categories", "blog.Category", ()),
    ("tags", "taggit.Tag", ()),
    ("tag_descriptions", "blog.TagDescription", ()),
    ("articles", "blog.Article", ("search_terms",)),
    ("article_tags", "blog.TaggedArticle", ()),
    ("pages", "blog.Page", ()),
    ("announcements", "blog.Announcement", ()),
    ("library_images", "blog.LibraryImage", ()),
    ("comments", "django_comments.Comment", ()),
    ("comment_threads", "django_comments_xtd.XtdComment", ()),
    ("comment_moderation", "blog.CommentModeration", ()),
    ("comment_flags", "django_comments.CommentFlag", ()),
    ("revisions", "reversion.Revision", ()),
    ("revision_versions", "reversion.Version", ()),
    ("charter_versions", "contributors.CharterVersion", ()),
    ("submissions", "contributors.Submission", ()),
    ("submission_versions", "contributors.SubmissionVersion", ()),
    ("submission_messages", "contributors.SubmissionMessage", ()),
    ("newsletter_subscribers", "newsletter.Subscriber", ()),
    ("newsletter_editions", "newsletter.Edition", ()),
    ("newsletter_edition_articles", "newsletter.EditionArticle", ()),
    ("newsletter_deliveries", "newsletter.Delivery", ()),
    ("audience_days", "blog.AudienceDay", ()),
    ("article_audience_days", "blog.ArticleAudienceDay", ()),
    ("redirects", "redirects.Redirect", ()),
    ("wordpress_items", "blog.WordPressItem", ()),
)


class SiteExportError(Exception):
    """The export cannot be written; the message tells the operator why."""


def exports_dir() -> Path:
    """Where the admin's exports are kept: beside the database, never under the media URL."""
    return Path(settings.VAR_DIR) / "exports"


def default_output() -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return exports_dir() / f"epw-export-{stamp}.zip"


def site_export(*, output: Path, progress_stream: TextIO | None = None) -> dict[str, Any]:
    """Write the archive to `output` (refused if it exists); return its manifest."""
    if output.exists():
        raise SiteExportError(
            _("%(path)s existe déjà : choisissez un autre fichier.") % {"path": output}
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    files: dict[str, dict[str, Any]] = {}
    counts: dict[str, int] = {}
    try:
        with (
            _one_snapshot(),
            zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive,
        ):
            progress = _Progress(progress_stream, _("Export WordPress (WXR)"), wxr_item_count())
            with _member(archive, WXR, files) as text:
                WXRWriter(text, on_item=progress.step).write()
            progress.finish()
            with _member(archive, JSON, files) as text:
                counts = _write_json(text, progress_stream)
            names = storage_files(default_storage)
            progress = _Progress(progress_stream, _("Fichiers"), len(names))
            for name in names:
                _add_file(archive, name, files)
                progress.step()
            progress.finish()
            manifest = {
                "format": FORMAT,
                "version": VERSION,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "site_url": site_url("/"),
                "counts": counts,
                "files": files,
            }
            archive.writestr(MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


@contextmanager
def _one_snapshot() -> Iterator[None]:
    """On PostgreSQL, one read transaction, so the WXR, the JSON and the counts describe the
    same moment (its default isolation shows each query the rows committed before it).

    Not on SQLite: a transaction there takes the write lock at once (`SQLITE_OPTIONS`, so that
    writers queue), and the site could not be written to for as long as the export runs.
    """
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        yield


@task()
def site_export_run(*, name: str) -> None:
    """The admin's export, written in the background under `exports_dir()`."""
    site_export(output=exports_dir() / name)


# JSON -------------------------------------------------------------------------------------


def _write_json(text: TextIO, progress_stream: TextIO | None) -> dict[str, int]:
    head = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "site_url": site_url("/"),
        "site_name": settings.EPW_SITE_NAME,
    }
    text.write(json.dumps(head, ensure_ascii=False)[:-1])
    kinds = [(key, apps.get_model(label), left_out) for key, label, left_out in KINDS]
    counts = {key: _rows(model).count() for key, model, _left_out in kinds}
    progress = _Progress(progress_stream, _("Données (JSON)"), sum(counts.values()))
    for key, model, left_out in kinds:
        text.write(f",\n{json.dumps(key)}: ")
        _RowSerializer().serialize(
            _stepping(_rows(model).iterator(chunk_size=BATCH), progress),
            stream=text,
            fields=_fields(model, left_out),
            use_natural_foreign_keys=True,
        )
    progress.finish()
    text.write("\n}\n")
    return counts


class _RowSerializer(JSONSerializer):
    """Django's JSON serialiser, each row encoded in one go: by the C encoder, faster, and
    without the pure-Python encoder's closures (a reference cycle per row)."""

    def end_object(self, obj: Model) -> None:
        if not self.first:
            self.stream.write(", ")
        self.stream.write(json.dumps(self.get_dump_object(obj), **self.json_kwargs))
        self._current = None


def _rows(model: type[Model]) -> QuerySet:
    """Every row, by primary key, with what its natural keys are made of fetched along (one
    query per batch, not one per row).

    Many-to-many relations (an article's authors) are left to the serialiser, a query per row:
    prefetched rows would point back to theirs, more cycles for the garbage collector.
    """
    joined = [
        field.name
        for field in model._meta.concrete_fields
        if field.is_relation and hasattr(field.related_model, "natural_key")
    ]
    return model._default_manager.order_by("pk").select_related(*joined)


def _fields(model: type[Model], left_out: tuple[str, ...]) -> list[str] | None:
    if not left_out:
        return None
    names = [field.name for field in model._meta.local_fields if not field.primary_key]
    names += [field.name for field in model._meta.local_many_to_many]
    return [name for name in names if name not in left_out]


def _stepping(rows: Iterable[Model], progress: _Progress) -> Iterator[Model]:
    for number, row in enumerate(rows, start=1):
        yield row
        progress.step()
        if number % BATCH == 0:
            # A row with a file holds it and it points back to the row: a cycle only the
            # garbage collector's full passes free, and they are rare.
            gc.collect()


# Archive ----------------------------------------------------------------------------------


class _HashingWriter(io.RawIOBase):
    """Counts and hashes the bytes on their way into an archive member."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.sha256.update(data)
        self.size += len(data)
        return self.raw.write(data)

    def summary(self) -> dict[str, Any]:
        return {"sha256": self.sha256.hexdigest(), "size": self.size}


class _member:
    """A text member written as a stream; its checksum lands in `files` when it is closed."""

    def __init__(self, archive: zipfile.ZipFile, name: str, files: dict[str, dict[str, Any]]):
        self.archive, self.name, self.files = archive, name, files

    def __enter__(self) -> TextIO:
        self.raw = self.archive.open(self.name, "w", force_zip64=True)
        self.hashing = _HashingWriter(self.raw)
        buffered = io.BufferedWriter(self.hashing, buffer_size=BLOCK)
        self.text = io.TextIOWrapper(buffered, encoding="utf-8", newline="\n")
        return self.text

    def __exit__(self, *exc_info) -> None:
        self.text.flush()
        self.text.detach().flush()
        self.raw.close()
        self.files[self.name] = self.hashing.summary()


def _add_file(archive: zipfile.ZipFile, name: str, files: dict[str, dict[str, Any]]) -> None:
    member = MEDIA_PREFIX + name
    with (
        default_storage.open(name, "rb") as source,
        archive.open(member, "w", force_zip64=True) as target,
    ):
        hashing = _HashingWriter(target)
        shutil.copyfileobj(source, hashing, BLOCK)
    files[member] = hashing.summary()


class _Progress:
    """A progress line per pass, counting items (Progress counts bytes of a file it reads)."""

    def __init__(self, stream: TextIO | None, label: str, total: int):
        self.line = Progress(stream, total_bytes=total) if stream is not None else None
        self.done = 0
        if self.line:
            self.line.start(label)

    def step(self) -> None:
        self.done += 1
        if self.line:
            self.line.step(self.done)

    def finish(self) -> None:
        if self.line:
            self.line.finish()
