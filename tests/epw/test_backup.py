"""`manage.py backup` and `restore`: what a site holds comes back, whole, on an empty installation.

Each installation is a real `manage.py` process with its own var/ folder and, when the suite runs
on PostgreSQL, its own databases (epw_backup_src, epw_backup_dst) on that same server — never the
suite's test database. On SQLite runs the SQLite path is tested, on PostgreSQL runs PostgreSQL.
"""

import gzip
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

SENTINEL = "backup-test-sentinel"
SUITE_URL = os.environ.get("DATABASE_URL", "")
ON_POSTGRES = SUITE_URL.startswith(("postgres://", "postgresql://"))

# Printed by each installation: the fields a reader or an editor would miss, and one article
# page served from the installation's own database.
PROBE = """
import json
from django.core.cache import cache
from django.test import Client
from django_comments_xtd.models import XtdComment
from blog.models import Article
from newsletter.models import Subscriber

article = Article.objects.published().order_by("slug").first()
page = Client().get(article.get_absolute_url(), HTTP_HOST="localhost")
print(json.dumps({
    "articles": [
        [a.slug, a.title, a.status, a.published_at, a.cover.name, a.body, a.standfirst,
         sorted(a.authors.values_list("slug", flat=True)), sorted(a.tags.names())]
        for a in Article.objects.order_by("slug")
    ],
    "comments": list(XtdComment.objects.order_by("pk").values_list(
        "pk", "object_pk", "parent_id", "user_name", "user_email", "comment", "is_public",
        "submit_date")),
    "subscribers": list(Subscriber.objects.order_by("email").values_list(
        "email", "status", "consent_version", "consented_at")),
    "page": [page.status_code, article.title in page.content.decode()],
    "sentinel": cache.get("backup-test-sentinel"),
}, default=str))
"""


def _database_url(name: str) -> str:
    return urlsplit(SUITE_URL)._replace(path=f"/{name}").geturl()


def _recreate_database(name: str) -> None:
    import psycopg

    with psycopg.connect(_database_url("postgres"), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        server.execute(f'CREATE DATABASE "{name}"')


def _drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(_database_url("postgres"), autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Installation:
    """One site: a var/ folder, and a PostgreSQL database on PostgreSQL runs."""

    def __init__(self, var_dir: Path, database: str) -> None:
        self.var_dir, self.database = var_dir, database

    def reset(self) -> None:
        """Leave nothing: no database, no media, no cache."""
        shutil.rmtree(self.var_dir, ignore_errors=True)
        if ON_POSTGRES:
            _recreate_database(self.database)

    def manage(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DATABASE_URL", "REDIS_URL", "DJANGO_MEDIA_ROOT"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="epw.settings", DJANGO_DEBUG="1", EPW_VAR_DIR=str(self.var_dir)
        )
        if ON_POSTGRES:
            env["DATABASE_URL"] = _database_url(self.database)
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=300,
        )
        if check and result.returncode:
            raise AssertionError(f"manage.py {args[0]} failed:\n{result.stdout}{result.stderr}")
        return result

    def probe(self) -> dict:
        return json.loads(self.manage("shell", "-c", PROBE).stdout.splitlines()[-1])

    def media(self) -> dict[str, str]:
        root = self.var_dir / "media"
        return {
            str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }

    def is_empty(self) -> bool:
        if ON_POSTGRES:
            import psycopg

            with psycopg.connect(_database_url(self.database)) as db:
                tables = db.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
                has_tables = tables.fetchone()[0] > 0
        else:
            has_tables = (self.var_dir / "epw.sqlite3").exists()
        return not has_tables and not self.media()


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A used site (demo articles, comments, subscribers, covers) and its backup archive."""
    folder = tmp_path_factory.mktemp("backup")
    site = Installation(folder / "source", "epw_backup_src")
    site.reset()
    site.manage("migrate", "--noinput")
    site.manage("seed_demo")
    site.snapshot = site.probe()  # serving a page also makes image renditions: media files
    site.files = site.media()
    site.archive = folder / "site.tar.gz"
    site.manage("backup", "--output", str(site.archive))
    yield site
    if ON_POSTGRES:
        _drop_database("epw_backup_src")
        _drop_database("epw_backup_dst")


@pytest.fixture
def empty(source):
    site = Installation(source.var_dir.with_name("restored"), "epw_backup_dst")
    site.reset()
    return site


def test_the_archive_holds_the_database_media_and_a_manifest(source):
    with tarfile.open(source.archive) as archive:
        names = archive.getnames()
        manifest = json.load(archive.extractfile("manifest.json"))
    vendor = "postgresql" if ON_POSTGRES else "sqlite"
    database = "database.pgdump" if ON_POSTGRES else "database.sqlite3"
    assert manifest["database"] == vendor
    assert names == [database, *(f"media/{name}" for name in source.files), "manifest.json"]
    assert {name: entry["sha256"] for name, entry in manifest["files"].items()} == {
        database: manifest["files"][database]["sha256"],
        **{f"media/{name}": digest for name, digest in source.files.items()},
    }
    assert "0001_initial" in manifest["migrations"]["blog"]
    assert manifest["created_at"] and manifest["epw_version"]


def test_restore_rebuilds_an_empty_installation(source, empty):
    empty.manage(
        "shell", "-c", "from django.core.cache import cache; cache.set('" + SENTINEL + "', 1)"
    )

    result = empty.manage("restore", str(source.archive), "--yes")

    assert "Restauration terminée" in result.stdout
    restored = empty.probe()
    assert restored["sentinel"] is None  # no cached page or fragment survives a restore
    assert restored["page"] == [200, True]
    assert len(restored["articles"]) == 14 and len(restored["comments"]) > 10
    assert restored["subscribers"]
    assert restored == source.snapshot
    assert empty.media() == source.files


def test_restore_refuses_a_corrupted_or_truncated_archive_and_touches_nothing(source, empty):
    tar = empty.var_dir.with_name("plain.tar")
    tar.write_bytes(gzip.decompress(source.archive.read_bytes()))
    with tarfile.open(tar) as archive:
        cover = next(m for m in archive.getmembers() if m.name.startswith("media/"))
    corrupted = bytearray(tar.read_bytes())
    corrupted[cover.offset_data + 100] ^= 0xFF
    tar.write_bytes(bytes(corrupted))
    truncated = empty.var_dir.with_name("truncated.tar.gz")
    truncated.write_bytes(source.archive.read_bytes()[: source.archive.stat().st_size // 2])

    refused = empty.manage("restore", str(tar), "--yes", check=False)
    cut = empty.manage("restore", str(truncated), "--yes", check=False)

    assert refused.returncode == 1
    assert f"corrompue : {cover.name} ne correspond pas" in refused.stderr
    assert cut.returncode == 1
    assert "illisible ou tronquée" in cut.stderr
    assert empty.is_empty()


def test_restore_refuses_a_used_installation_unless_forced(source):
    refused = source.manage("restore", str(source.archive), "--yes", check=False)

    assert refused.returncode == 1
    assert "n'est pas vide (articles, pages, commentaires, abonnés" in refused.stderr
    assert source.probe() == source.snapshot

    source.manage("restore", str(source.archive), "--yes", "--force")
    assert source.probe() == source.snapshot
    assert source.media() == source.files
