import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from epw import health

ALL_OK = {"migrations": "ok", "database": "ok", "cache": "ok", "tasks": "ok"}


@pytest.fixture(autouse=True)
def fresh_migration_check():
    health.forget_migrations()
    yield
    health.forget_migrations()


@pytest.fixture
def read_only_database(db):
    """The database itself refuses writes, as a read-only replica or file would."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA query_only = ON")
        else:
            # Ends with the test's transaction.
            cursor.execute("SET transaction_read_only = on")
    yield
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA query_only = OFF")


def waiting_task(*, enqueued_ago: timedelta, run_after=None, status="READY") -> DBTaskResult:
    task = DBTaskResult.objects.create(
        task_path="newsletter.tasks.send_edition",
        args_kwargs={"args": [], "kwargs": {}},
        backend_name="default",
        run_after=run_after or get_date_max(),
        status=status,
    )
    DBTaskResult.objects.filter(pk=task.pk).update(enqueued_at=timezone.now() - enqueued_ago)
    return task


def test_healthy_site_answers_200(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == ALL_OK
    assert "no-cache" in response["Cache-Control"]


def test_an_unapplied_migration_answers_503(client, db):
    # The database records the latest blog migration as not applied: the code is ahead.
    latest = MigrationRecorder.Migration.objects.filter(app="blog").order_by("-name").first()
    latest.delete()
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {**ALL_OK, "migrations": "error"}


def test_an_empty_database_file_answers_503(tmp_path):
    """The site started on a database nobody migrated: every page would fail."""
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz');"
        "print(json.dumps([r.status_code, r.json()]))"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "epw.test_settings",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "DJANGO_ALLOWED_HOSTS": "testserver",
        "EPW_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    status, body = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 503
    assert body["migrations"] == "error"
    assert body["cache"] == "ok"


def test_a_clean_migration_plan_is_trusted_for_a_while(client, db):
    assert client.get("/healthz").status_code == 200
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/healthz").status_code == 200
    table = MigrationRecorder.Migration._meta.db_table
    assert not [q for q in queries if "SELECT" in q["sql"] and table in q["sql"]]


def test_a_read_only_database_answers_503(client, read_only_database):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {**ALL_OK, "database": "error"}


def test_an_unreachable_database_answers_503_not_500(client, db):
    with mock.patch.object(connection, "cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"


def test_broken_cache_answers_503(client, db):
    with mock.patch("epw.health.cache.set", side_effect=ConnectionError("no redis")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {**ALL_OK, "cache": "error"}


def test_a_stalled_task_queue_answers_503(client, db):
    waiting_task(enqueued_ago=timedelta(minutes=30))
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {**ALL_OK, "tasks": "error"}


def test_a_delayed_task_waits_from_its_date(client, db):
    long_ago = timedelta(days=2)
    waiting_task(enqueued_ago=long_ago, run_after=timezone.now() + timedelta(hours=1))
    assert client.get("/healthz").status_code == 200
    waiting_task(enqueued_ago=long_ago, run_after=timezone.now() - timedelta(minutes=30))
    assert client.get("/healthz").json()["tasks"] == "error"


def test_recent_and_finished_tasks_are_healthy(client, db):
    waiting_task(enqueued_ago=timedelta(minutes=2))
    waiting_task(enqueued_ago=timedelta(days=3), status="SUCCESSFUL")
    assert client.get("/healthz").json() == ALL_OK


def test_the_task_delay_is_a_setting(client, db, settings):
    waiting_task(enqueued_ago=timedelta(minutes=30))
    settings.EPW_HEALTH_MAX_TASK_DELAY = 3600
    assert client.get("/healthz").status_code == 200


def test_only_reads_are_allowed(client, db):
    assert client.post("/healthz").status_code == 405
