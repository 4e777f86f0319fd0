"""Read the process environment into Django settings values.

Every setting that differs between a laptop and production comes through here, so the parsing
rules (booleans, lists, database and cache URLs) are written and tested once.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


class Env:
    """Typed access to environment variables, with defaults."""

    def __init__(self, environ: dict[str, str] | None = None) -> None:
        self.environ = os.environ if environ is None else environ

    def str(self, name: str, default: str = "") -> str:
        return self.environ.get(name, default).strip()

    def bool(self, name: str, default: bool = False) -> bool:
        raw = self.environ.get(name)
        if raw is None:
            return default
        word = raw.strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {raw!r}.")

    def int(self, name: str, default: int) -> int:
        raw = self.str(name)
        if not raw:
            return default
        try:
            return int(raw)
        except ValueError:
            raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}.") from None

    def list(self, name: str, default: list[str] | None = None) -> list[str]:
        raw = self.str(name)
        if not raw:
            return list(default or [])
        return [item.strip() for item in raw.split(",") if item.strip()]


def read_env_file(path: Path, environ: dict[str, str] | None = None) -> None:
    """Load KEY=VALUE lines from a local, untracked `.env`; real environment variables win.

    `make` writes one with DJANGO_DEBUG=1 for development; production has none.
    """
    environ = os.environ if environ is None else environ
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        name, value = line.split("=", 1)
        environ.setdefault(name.strip(), value.strip().strip("'\""))


# Every SQLite connection: WAL lets readers work while a writer (the task worker, an editor)
# commits, and a transaction takes the write lock when it begins (IMMEDIATE), waiting up to
# `timeout` seconds for its turn. A DEFERRED transaction that reads then writes cannot wait:
# when another connection wrote meanwhile, SQLite refuses it at once ("database is locked"),
# whatever the timeout. So writers queue, and none fails under load.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def database_config(url: str, *, sqlite_path: Path) -> dict[str, Any]:
    """Return the default database: PostgreSQL (or any dj-database-url URL) or a SQLite file."""
    if not url:
        # A fresh checkout has no var/ folder yet, and SQLite does not create folders.
        sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(sqlite_path),
            "OPTIONS": dict(SQLITE_OPTIONS),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
        }
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.postgresql":
        config.setdefault("OPTIONS", {})
    elif config["ENGINE"] == "django.db.backends.sqlite3":
        # A SQLite file named by DATABASE_URL queues its writers like the default one.
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config


def replica_configs(urls: list[str]) -> dict[str, dict[str, Any]]:
    """Read replicas of the primary, as database aliases `replica`, `replica_2`…

    Each is a copy the primary streams to (PostgreSQL replication): never migrated, never
    written to (the router in epw/db_router.py sends only anonymous page reads there).
    """
    replicas = {}
    for number, url in enumerate(urls, start=1):
        config = database_config(url, sqlite_path=Path(url))
        config["TEST"] = {"MIRROR": "default"}  # test runs read the test database itself
        replicas["replica" if number == 1 else f"replica_{number}"] = config
    return replicas


def cache_config(redis_url: str, *, cache_dir: Path) -> dict[str, Any]:
    """Return the default cache: Redis when configured, else a file cache shared by processes."""
    if redis_url:
        if not redis_url.startswith(("redis://", "rediss://", "unix://")):
            raise ImproperlyConfigured(f"REDIS_URL must be a redis:// URL, not {redis_url!r}.")
        return {
            "BACKEND": "epw.core.redis_cache.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "epw",
        }
    return {
        "BACKEND": "epw.core.file_cache.FileBasedCache",
        "LOCATION": str(cache_dir),
        "KEY_PREFIX": "epw",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }


# Values that never change under their key, read from each process's memory first
# (epw.core.kept_cache), in front of the shared default cache.
KEPT_CACHE = {
    "BACKEND": "epw.core.kept_cache.KeptCache",
    "LOCATION": "default",
    "OPTIONS": {"MAX_ENTRIES": 1000},
}


def secret_key(env: Env, *, debug: bool) -> str:
    """The signing key: required from the environment unless running in debug mode."""
    key = env.str("DJANGO_SECRET_KEY")
    if key:
        return key
    if debug:
        return "django-insecure-development-only-never-use-this-key-in-production"
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY is not set. Set it to a long random value in production "
        "(for example: python -c 'import secrets; print(secrets.token_urlsafe(50))'), "
        "or set DJANGO_DEBUG=1 for local development."
    )
