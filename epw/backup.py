"""Back up a running site into one archive, and rebuild an empty installation from it.

An archive is a tar file (gzip-compressed when its name ends in .gz) holding, in this order:
- the database: `database.sqlite3`, copied with SQLite's online backup API (consistent while
  writers commit), or `database.pgdump`, written by `pg_dump --format=custom`;
- `media/…`: every file of the default storage (covers, uploads);
- `manifest.json`, last: EPW version and commit, database vendor, applied migrations per app,
  creation time, and the SHA-256 and size of every other member. Each member is hashed from the
  very bytes written into the archive, so a file changing during the backup cannot make the
  manifest lie.

A restore reads the whole archive and checks it against its manifest before touching anything.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import tomllib
import zlib
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management import call_command
from django.db import connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_MEMBERS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# A row in one of these tables means the site has been used: replacing it needs --force.
CONTENT_MODELS = [
    "auth.User",
    "blog.Article",
    "blog.Page",
    "django_comments_xtd.XtdComment",
    "newsletter.Subscriber",
    "contributors.Submission",
]
MANIFEST_MAX_BYTES = 64 * 1024 * 1024


class BackupError(Exception):
    """The backup or the restore cannot go on; the message tells the operator why."""


def default_output() -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"epw-{stamp}.tar.gz"


# Backup ----------------------------------------------------------------------------------------


def backup_create(*, output: Path) -> dict[str, Any]:
    """Write the database, the media files and the manifest into `output`; return the manifest."""
    vendor = connection.vendor
    if vendor not in DATABASE_MEMBERS:
        raise BackupError(
            _("Base de données non prise en charge : %(vendor)s.") % {"vendor": vendor}
        )
    if output.exists():
        raise BackupError(
            _("%(path)s existe déjà : choisissez un autre fichier.") % {"path": output}
        )
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    migrations = _applied_migrations()
    files: dict[str, dict[str, Any]] = {}
    try:
        mode = "w:gz" if output.name.endswith(".gz") else "w"
        with tempfile.TemporaryDirectory() as scratch, tarfile.open(partial, mode) as archive:
            dump = Path(scratch) / DATABASE_MEMBERS[vendor]
            _dump_database(dump)
            with dump.open("rb") as source:
                files[dump.name] = _add(archive, dump.name, source, dump.stat().st_size)
            for name in storage_files(default_storage):
                with default_storage.open(name, "rb") as source:
                    size = default_storage.size(name)
                    files[MEDIA_PREFIX + name] = _add(archive, MEDIA_PREFIX + name, source, size)
            manifest = {
                "format": FORMAT,
                "epw_version": _version(),
                "commit": _commit(),
                "database": vendor,
                "migrations": migrations,
                "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "files": files,
            }
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            _add(archive, MANIFEST, io.BytesIO(data), len(data))
        os.replace(partial, output)
    finally:
        partial.unlink(missing_ok=True)
    return manifest


class _HashingReader:
    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def _add(archive: tarfile.TarFile, name: str, source: IO[bytes], size: int) -> dict[str, Any]:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(time.time()), 0o644
    reader = _HashingReader(source)
    archive.addfile(info, reader)  # reads exactly `size` bytes, or fails if the file shrank
    return {"sha256": reader.sha256.hexdigest(), "size": size}


def _dump_database(target: Path) -> None:
    if connection.vendor == "sqlite":
        path = Path(connection.settings_dict["NAME"])
        if not path.is_file():
            raise BackupError(_("La base SQLite %(path)s n'existe pas.") % {"path": path})
        source, copy = sqlite3.connect(path, timeout=20), sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    else:
        _run_pg("pg_dump", "--format=custom", f"--file={target}")


def _run_pg(program: str, *args: str) -> None:
    binary = shutil.which(program)
    if binary is None:
        raise BackupError(
            _("%(program)s est introuvable : installez le paquet postgresql-client.")
            % {"program": program}
        )
    db = connection.settings_dict
    variables = {
        "PGDATABASE": db["NAME"],
        "PGHOST": db.get("HOST"),
        "PGPORT": db.get("PORT"),
        "PGUSER": db.get("USER"),
        "PGPASSWORD": db.get("PASSWORD"),
        "PGSSLMODE": db.get("OPTIONS", {}).get("sslmode"),
    }
    env = {**os.environ, **{key: str(value) for key, value in variables.items() if value}}
    result = subprocess.run(
        [binary, "--no-password", *args], env=env, capture_output=True, text=True, check=False
    )
    if result.returncode:
        raise BackupError(
            _("%(program)s a échoué : %(error)s")
            % {"program": program, "error": result.stderr.strip()}
        )


def storage_files(storage: Storage, folder: str = "") -> list[str]:
    try:
        folders, names = storage.listdir(folder)
    except FileNotFoundError:
        return []
    found = [f"{folder}{name}" for name in sorted(names)]
    for sub in sorted(folders):
        found += storage_files(storage, f"{folder}{sub}/")
    return found


def _applied_migrations() -> dict[str, list[str]]:
    state: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        state.setdefault(app, []).append(name)
    return state


def _version() -> str | None:
    try:
        with (Path(settings.BASE_DIR) / "pyproject.toml").open("rb") as file:
            return tomllib.load(file)["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return None


def _commit() -> str | None:
    if shutil.which("git") is None or not (Path(settings.BASE_DIR) / ".git").exists():
        return None
    result = subprocess.run(
        ["git", "-C", str(settings.BASE_DIR), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return result.stdout.strip() or None


# Restore ---------------------------------------------------------------------------------------


def archive_verify(*, path: Path) -> dict[str, Any]:
    """Read the whole archive; return its manifest if every member matches it, else raise."""
    if not path.is_file():
        raise BackupError(_("Archive introuvable : %(path)s.") % {"path": path})
    digests: dict[str, dict[str, Any]] = {}
    manifest_data = None
    try:
        with tarfile.open(path, "r:*") as archive:
            for member in archive:
                if (
                    not member.isfile()
                    or not _expected_member(member.name)
                    or (member.name in digests)
                ):
                    raise BackupError(
                        _("L'archive contient une entrée inattendue : %(name)s.")
                        % {"name": member.name}
                    )
                stream = archive.extractfile(member)
                if member.name == MANIFEST:
                    manifest_data = stream.read(MANIFEST_MAX_BYTES)
                else:
                    digests[member.name] = _digest(stream)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(
            _("L'archive %(path)s est illisible ou tronquée (%(error)s) ; rien n'a été modifié.")
            % {"path": path, "error": error}
        ) from error
    if manifest_data is None:
        raise BackupError(
            _("L'archive %(path)s n'a pas de manifeste : elle est tronquée ou ne vient pas d'EPW.")
            % {"path": path}
        )
    try:
        manifest = json.loads(manifest_data)
        files, vendor, migrations = manifest["files"], manifest["database"], manifest["migrations"]
        valid = (
            manifest["format"] == FORMAT
            and isinstance(vendor, str)
            and isinstance(files, dict)
            and isinstance(migrations, dict)
            and all(isinstance(names, list) for names in migrations.values())
        )
    except (ValueError, KeyError, TypeError):
        valid = False
    if not valid or DATABASE_MEMBERS.get(vendor) not in files:
        raise BackupError(_("Le manifeste de l'archive %(path)s est illisible.") % {"path": path})
    mismatched = sorted(set(files) ^ set(digests)) or [
        name for name in sorted(files) if files[name] != digests[name]
    ]
    if mismatched:
        raise BackupError(
            _(
                "L'archive est corrompue : %(names)s ne correspond pas à sa somme de contrôle "
                "ou manque ; rien n'a été modifié."
            )
            % {"names": ", ".join(mismatched[:5])}
        )
    return manifest


def _expected_member(name: str) -> bool:
    if name == MANIFEST or name in DATABASE_MEMBERS.values():
        return True
    parts = PurePosixPath(name).parts
    return name.startswith(MEDIA_PREFIX) and len(parts) > 1 and ".." not in parts


def _digest(stream: IO[bytes]) -> dict[str, Any]:
    sha256, size = hashlib.sha256(), 0
    while chunk := stream.read(1 << 20):
        sha256.update(chunk)
        size += len(chunk)
    return {"sha256": sha256.hexdigest(), "size": size}


def restore_check(*, manifest: dict[str, Any]) -> None:
    """Refuse an archive this installation cannot take: another database, newer code."""
    if manifest["database"] != connection.vendor:
        raise BackupError(
            _("Cette archive contient une base %(archive)s ; ce site utilise %(here)s.")
            % {"archive": manifest["database"], "here": connection.vendor}
        )
    known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
    unknown = [
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            _(
                "Cette archive vient d'une version plus récente d'EPW (migrations inconnues : "
                "%(names)s) : mettez le code à jour avant de restaurer."
            )
            % {"names": ", ".join(unknown[:5])}
        )


def installation_contents() -> list[str]:
    """What this installation already holds (kinds of rows, media files); empty when unused."""
    if connection.vendor == "sqlite" and not Path(connection.settings_dict["NAME"]).exists():
        tables = set()
    else:
        tables = set(connection.introspection.table_names())
    found = [
        str(model._meta.verbose_name_plural)
        for model in map(apps.get_model, CONTENT_MODELS)
        if model._meta.db_table in tables and model._default_manager.exists()
    ]
    if storage_files(default_storage):
        found.append(_("fichiers média"))
    return found


def archive_restore(*, path: Path, manifest: dict[str, Any]) -> bool:
    """Replace the database and the media files with the archive's; return True if migrated.

    Call `archive_verify` and `restore_check` first. Other processes using the database (web
    server, task worker) must be stopped: a SQLite file is replaced under their feet.
    """
    with tarfile.open(path, "r:*") as archive:
        member = archive.getmember(DATABASE_MEMBERS[manifest["database"]])
        if connection.vendor == "sqlite":
            _restore_sqlite(archive.extractfile(member))
        else:
            _restore_postgresql(archive.extractfile(member))
        for member in archive.getmembers():
            if member.name.startswith(MEDIA_PREFIX):
                name = member.name.removeprefix(MEDIA_PREFIX)
                if default_storage.exists(name):
                    default_storage.delete(name)
                default_storage.save(name, File(archive.extractfile(member), name=name))
    connections.close_all()
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if pending:
        call_command("migrate", interactive=False, verbosity=0)
    for cache in caches.all(initialized_only=False):
        cache.clear()  # cached pages and fragments describe the replaced site
    return bool(pending)


def _restore_sqlite(dump: IO[bytes]) -> None:
    target = Path(connection.settings_dict["NAME"])
    target.parent.mkdir(parents=True, exist_ok=True)
    staged = target.with_name(target.name + ".restoring")
    with staged.open("wb") as file:
        shutil.copyfileobj(dump, file)
    connections.close_all()
    # A write-ahead log left by the replaced database would be replayed into the restored one.
    for suffix in ("-wal", "-shm", "-journal"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    os.replace(staged, target)


def _restore_postgresql(dump: IO[bytes]) -> None:
    with tempfile.NamedTemporaryFile(suffix=".pgdump") as file:
        shutil.copyfileobj(dump, file)
        file.flush()
        # Tables the archive does not know (from newer migrations) would block `migrate`.
        tables = connection.introspection.table_names()
        if tables:
            with transaction.atomic(), connection.cursor() as cursor:
                quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
                cursor.execute(f"DROP TABLE IF EXISTS {quoted} CASCADE")
        connections.close_all()
        _run_pg(
            "pg_restore",
            "--no-owner",
            "--clean",
            "--if-exists",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            file.name,
        )
