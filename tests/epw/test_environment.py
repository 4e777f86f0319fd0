import sqlite3
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from epw.environment import (
    SQLITE_OPTIONS,
    Env,
    cache_config,
    database_config,
    replica_configs,
    secret_key,
)


def test_booleans_lists_and_integers_are_parsed():
    env = Env({"A": "yes", "B": "0", "HOSTS": " a.fr, b.fr ,", "N": "42"})
    assert env.bool("A") is True
    assert env.bool("B") is False
    assert env.bool("MISSING", default=True) is True
    assert env.list("HOSTS") == ["a.fr", "b.fr"]
    assert env.int("N", 0) == 42
    assert env.int("MISSING", 7) == 7


def test_malformed_values_are_refused_with_the_variable_name():
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DEBUG"):
        Env({"DJANGO_DEBUG": "maybe"}).bool("DJANGO_DEBUG")
    with pytest.raises(ImproperlyConfigured, match="PORT"):
        Env({"PORT": "eighty"}).int("PORT", 25)


def test_no_database_url_means_a_sqlite_file(tmp_path: Path):
    config = database_config("", sqlite_path=tmp_path / "db.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "db.sqlite3")


def test_the_sqlite_file_can_be_created_on_a_fresh_checkout(tmp_path: Path):
    path = tmp_path / "var" / "epw.sqlite3"
    config = database_config("", sqlite_path=path)
    sqlite3.connect(config["NAME"]).close()
    assert path.exists()


def test_postgres_url_means_postgresql_through_psycopg(tmp_path: Path):
    config = database_config(
        "postgres://editor:s3cret@db.example.org:5433/epw", sqlite_path=tmp_path / "unused"
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.example.org", 5433, "epw")
    assert (config["USER"], config["PASSWORD"]) == ("editor", "s3cret")


def test_redis_url_means_the_redis_cache(tmp_path: Path):
    config = cache_config("redis://127.0.0.1:6379/2", cache_dir=tmp_path)
    assert config["BACKEND"] == "epw.core.redis_cache.RedisCache"
    assert config["LOCATION"] == "redis://127.0.0.1:6379/2"


def test_no_redis_url_means_a_cache_shared_by_processes(tmp_path: Path):
    config = cache_config("", cache_dir=tmp_path / "cache")
    assert config["BACKEND"] == "epw.core.file_cache.FileBasedCache"
    assert config["LOCATION"] == str(tmp_path / "cache")


def test_a_non_redis_cache_url_is_refused(tmp_path: Path):
    with pytest.raises(ImproperlyConfigured, match="REDIS_URL"):
        cache_config("memcached://127.0.0.1", cache_dir=tmp_path)


def test_secret_key_is_required_outside_debug():
    assert secret_key(Env({"DJANGO_SECRET_KEY": "k" * 50}), debug=False) == "k" * 50
    assert secret_key(Env({}), debug=True).startswith("django-insecure")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY is not set"):
        secret_key(Env({}), debug=False)


def test_a_local_env_file_fills_only_unset_variables(tmp_path: Path):
    env_file = tmp_path / ".env"
    env_file.write_text("# local\nDJANGO_DEBUG=1\nREDIS_URL='redis://x'\nbroken line\n")
    environ = {"REDIS_URL": "redis://from-environment"}
    from epw.environment import read_env_file

    read_env_file(env_file, environ)
    assert environ == {"DJANGO_DEBUG": "1", "REDIS_URL": "redis://from-environment"}
    read_env_file(tmp_path / "missing", environ)


def test_a_sqlite_file_named_by_url_queues_its_writers_like_the_default(tmp_path: Path):
    config = database_config(f"sqlite:///{tmp_path}/db.sqlite3", sqlite_path=tmp_path / "unused")
    default = database_config("", sqlite_path=tmp_path / "default.sqlite3")
    assert config["OPTIONS"]["transaction_mode"] == default["OPTIONS"]["transaction_mode"]
    assert config["OPTIONS"] == default["OPTIONS"] == SQLITE_OPTIONS


def test_replica_urls_become_read_only_aliases_mirrored_in_tests():
    replicas = replica_configs(["postgres://r1.example.org/epw", "postgres://r2.example.org/epw"])
    assert list(replicas) == ["replica", "replica_2"]
    assert replicas["replica_2"]["HOST"] == "r2.example.org"
    assert replicas["replica"]["TEST"] == {"MIRROR": "default"}
