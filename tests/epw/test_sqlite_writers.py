"""On a SQLite file, concurrent writers wait their turn: none fails with « database is locked ».

The test database is in memory, so these tests make their own file and run real processes on
it with the production settings (the default file under EPW_VAR_DIR, or one named by
DATABASE_URL), as gunicorn workers and the task worker do.
"""

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WRITERS = 4
WRITES_EACH = 40

# Each writer reads then writes in one transaction, the pattern of every service (read the
# row, check, write), closing its connection after each one as a request does. A transaction
# that starts as a reader cannot wait for the write lock; SQLite refuses it at once.
WRITER = """
import json, os, sys, time
import django
django.setup()
from django.db import OperationalError, connection, transaction
from pathlib import Path
folder = Path(sys.argv[1])
(folder / f"ready-{os.getpid()}").touch()
while not (folder / "go").exists():
    time.sleep(0.01)
failures = []
for _ in range(int(sys.argv[2])):
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT COALESCE(MAX(n), 0) FROM soak_counter")
            (last,) = cursor.fetchone()
            cursor.execute("INSERT INTO soak_counter (n, writer) VALUES (%s, %s)",
                           [last + 1, os.getpid()])
    except OperationalError as error:
        failures.append(str(error))
    connection.close()
print(json.dumps({"failures": failures}))
"""


def run_writers(tmp_path: Path, database: Path, environment: dict[str, str]) -> list[dict]:
    database.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(database) as setup:
        # As `migrate` leaves it: the site's first connection switched the file to WAL, a
        # lasting change that needs the file to itself (so not under concurrent writers).
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE soak_counter (n INTEGER PRIMARY KEY, writer INTEGER)")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "EPW_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="epw.settings",
        DJANGO_SECRET_KEY="test-only-secret-key-" + "x" * 40,
        EPW_VAR_DIR=str(tmp_path / "var"),
        **environment,
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), str(WRITES_EACH)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(WRITERS)
    ]
    deadline = time.monotonic() + 120
    while len(list(tmp_path.glob("ready-*"))) < WRITERS and time.monotonic() < deadline:
        time.sleep(0.05)
    (tmp_path / "go").touch()  # all at once
    results = []
    for writer in writers:
        output, _ = writer.communicate(timeout=300)
        assert writer.returncode == 0
        results.append(json.loads(output.strip().splitlines()[-1]))
    return results


@pytest.mark.parametrize("named_by_url", [False, True], ids=["default-file", "database-url"])
def test_concurrent_writers_all_succeed_in_turn(tmp_path: Path, named_by_url: bool):
    database = tmp_path / ("named.sqlite3" if named_by_url else "var/epw.sqlite3")
    environment = {"DATABASE_URL": f"sqlite:///{database}"} if named_by_url else {}

    results = run_writers(tmp_path, database, environment)

    assert [result["failures"] for result in results] == [[]] * WRITERS
    with sqlite3.connect(database) as check:
        numbers = [n for (n,) in check.execute("SELECT n FROM soak_counter ORDER BY n")]
    # Every write is there, each one having seen all the writes before it.
    assert numbers == list(range(1, WRITERS * WRITES_EACH + 1))
