"""A real worker killed with SIGKILL in the middle of a send, then two workers resuming it.

The workers run the production settings in their own processes, on a scratch database of the
same engine as the suite (a SQLite file, or a PostgreSQL database next to the test one), and
write every message to files so that copies can be counted.
"""

import os
import signal
import sqlite3
import time
from pathlib import Path

import pytest
from django.conf import settings

from tests.newsletter.workers import (
    manage,
    postgres_url,
    recipients,
    start_worker,
    stop,
    uses_postgres,
    worker_env,
)

CONFIRMED = 2500
SEED = """
from django.contrib.auth.models import User
from django.utils import timezone
from blog.models import Article
from newsletter import services
from newsletter.models import Edition, Subscriber

Subscriber.objects.bulk_create(
    [Subscriber(email=f"ok{i}@example.org", status="confirmed") for i in range(N)]
    + [Subscriber(email=f"pending{i}@example.org", status="pending") for i in range(40)]
    + [Subscriber(email=f"gone{i}@example.org", status="unsubscribed") for i in range(40)]
    + [Subscriber(email=f"bounced{i}@example.org", status="bounced") for i in range(20)]
)
article = Article.objects.create(
    title="Un article", slug="un-article", status="published", published_at=timezone.now()
)
edition = Edition.objects.create(subject="Lettre crash-test", intro="Bonjour.")
edition.items.create(article=article, position=1)
editor = User.objects.create_superuser("redaction", "redaction@example.org", "x")
services.edition_schedule(edition=edition, at=timezone.now(), by=editor)
"""


def seed(n: int) -> str:
    return f"N = {n}\n" + SEED


class Database:
    """Raw SQL access to the workers' scratch database (no Django connection involved)."""

    def __init__(self, tmp_path: Path):
        self.postgres = uses_postgres()
        if self.postgres:
            import psycopg

            self.name = f"{settings.DATABASES['default']['NAME']}_worker".removeprefix("test_")
            self.url = postgres_url(self.name)
            with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{self.name}"')
        else:
            self.url = ""
        self.path = tmp_path / "epw.sqlite3"

    def value(self, sql: str) -> int:
        if self.postgres:
            import psycopg

            with psycopg.connect(self.url) as conn:
                return conn.execute(sql).fetchone()[0]
        with sqlite3.connect(self.path, timeout=30) as conn:
            return conn.execute(sql).fetchone()[0]

    def drop(self) -> None:
        if self.postgres:
            import psycopg

            with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


def count(db: Database, status: str) -> int:
    return db.value(f"SELECT COUNT(*) FROM newsletter_delivery WHERE status = '{status}'")


def kill_between_messages(db: Database, worker) -> None:
    """SIGKILL the worker at a moment when no claimed message is in flight.

    The worker is frozen (SIGSTOP) first; if the database shows rows it holds in "sending",
    it is thawed and tried again a moment later.
    """
    for _ in range(2000):
        os.kill(worker.pid, signal.SIGSTOP)
        if count(db, "sending") == 0:
            os.kill(worker.pid, signal.SIGKILL)
            worker.wait()
            return
        os.kill(worker.pid, signal.SIGCONT)
        time.sleep(0.005)
    raise AssertionError("never found the worker between two messages")


def wait_for(predicate, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def scratch(tmp_path):
    db = Database(tmp_path)
    yield db
    db.drop()


def test_sigkill_mid_send_then_two_workers_deliver_exactly_one_copy_each(tmp_path, scratch):
    env = worker_env(
        tmp_path,
        scratch.url,
        EPW_NEWSLETTER_BATCH_SIZE="50",
        EPW_NEWSLETTER_SEND_RATE="600",
        EPW_NEWSLETTER_LEASE_SECONDS="2",
        EPW_NEWSLETTER_PARALLEL_SENDS="2",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "-c", seed(CONFIRMED))
    log = tmp_path / "workers.log"

    first = start_worker(env, log)
    try:
        wait_for(lambda: count(scratch, "sent") >= CONFIRMED // 3, 120, "a third of the send")
        kill_between_messages(scratch, first)
    finally:
        stop(first)
    sent_at_kill = count(scratch, "sent")
    assert 0 < sent_at_kill < CONFIRMED, "the worker must die midway"
    assert len(recipients(tmp_path / "mail")) == sent_at_kill

    workers = [start_worker(env, log), start_worker(env, log)]
    try:
        wait_for(
            lambda: scratch.value("SELECT status FROM newsletter_edition") == "sent",
            180,
            "the edition to be sent",
        )
    finally:
        for worker in workers:
            stop(worker)

    copies = recipients(tmp_path / "mail")
    expected = {f"ok{i}@example.org" for i in range(CONFIRMED)}
    assert len(copies) == CONFIRMED, "one copy per confirmed subscriber, no more"
    assert set(copies) == expected, "nobody unconfirmed, unsubscribed or bounced got a copy"
    assert count(scratch, "sent") == CONFIRMED


def test_sigkill_at_any_moment_loses_no_copy_and_duplicates_at_most_one(tmp_path, scratch):
    """The documented at-least-once window: a kill between the transport accepting a message
    and the commit recording it may send that one message twice, never skip anyone."""
    confirmed = 800
    env = worker_env(
        tmp_path,
        scratch.url,
        EPW_NEWSLETTER_BATCH_SIZE="50",
        EPW_NEWSLETTER_LEASE_SECONDS="2",
    )
    manage(env, "migrate", "--noinput")
    manage(env, "shell", "-c", seed(confirmed))
    log = tmp_path / "workers.log"
    first = start_worker(env, log)
    try:
        wait_for(lambda: count(scratch, "sent") >= confirmed // 4, 120, "a quarter of the send")
        os.kill(first.pid, signal.SIGKILL)
        first.wait()
    finally:
        stop(first)
    assert count(scratch, "sent") < confirmed, "the worker must die midway"
    second = start_worker(env, log)
    try:
        wait_for(
            lambda: scratch.value("SELECT status FROM newsletter_edition") == "sent",
            180,
            "the edition to be sent",
        )
    finally:
        stop(second)
    copies = recipients(tmp_path / "mail")
    assert set(copies) == {f"ok{i}@example.org" for i in range(confirmed)}
    assert len(copies) - confirmed in {0, 1}
