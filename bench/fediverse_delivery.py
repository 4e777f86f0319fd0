"""Deliver one published article to N fediverse followers on S servers, killing the worker
mid-delivery; report time, peak memory and copies received.

    .venv/bin/python bench/fediverse_delivery.py --followers 10000 --servers 500
    .venv/bin/python bench/fediverse_delivery.py --followers 1000 10000 --db sqlite postgresql
    .venv/bin/python bench/fediverse_delivery.py --no-kill     # one worker, start to end

For each size: a fresh database (a SQLite file in a temporary `EPW_VAR_DIR`, or PostgreSQL
database `epw_bench_fediverse`, dropped and re-created), migrated; N remote accounts spread over
S servers, each server with a shared inbox, all following the blog; one draft by one author.
The S servers are paths of one threaded HTTP server on loopback in this process
(`/s<i>/inbox`), allowed through `EPW_FEDIVERSE_PRIVATE_HOSTS_ALLOWED`; each records the
activity id and checks the body's Digest of every POST. The article is published through the
blog's service (as the admin does), which leaves a task for the worker.

Then a real `db_worker --queue-name '*'` process (production settings, federation on, a 10 s
lease) is killed with SIGKILL once about 40 % of the inboxes have the article; a second worker
is started and runs until every delivery is settled (`--no-kill`: the first worker runs to the
end). Reported: seconds from the first worker's start to the last delivery (start-up, the kill
and the lease's wait included), the second worker's time, each worker's peak resident memory
(VmHWM), POSTs received, inboxes that got the Create, that got it twice (the row in flight when
the worker died: see fediverse/delivery.py) and that missed it. The kill comes right after an
inbox has received a POST, which is the worst moment: the window before the worker records it.
"""

# ruff: noqa: T201 - a command-line tool: printing is its output

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import secrets
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_NAME = "epw_bench_fediverse"
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
LEASE_SECONDS = 10
KILL_AT = 0.4

SEED = """
from django.contrib.auth.models import User
from django.utils import timezone
from blog.models import Article
from contributors.models import Contributor
from fediverse import services
from fediverse.models import Follower, RemoteActor

n, servers, base = {n}, {servers}, "{base}"
site = services.site_actor_get()
now = timezone.now()
for start in range(0, n, 2000):
    remotes = RemoteActor.objects.bulk_create([
        RemoteActor(
            uri=f"{{base}}/s{{i % servers}}/users/u{{i}}", domain=f"s{{i % servers}}.example",
            username=f"u{{i}}", inbox=f"{{base}}/s{{i % servers}}/users/u{{i}}/inbox",
            shared_inbox=f"{{base}}/s{{i % servers}}/inbox",
            key_id=f"{{base}}/s{{i % servers}}/users/u{{i}}#main-key", public_key_pem="-",
            fetched_at=now,
        )
        for i in range(start, min(n, start + 2000))
    ])
    Follower.objects.bulk_create([
        Follower(actor=site, remote=r, status="accepted", follow_id=r.uri + "#follow")
        for r in remotes
    ])
author = Contributor.objects.create(display_name="Claire Vasseur", slug="claire-vasseur")
article = Article.objects.create(
    title="Écrire pour le Web", slug="ecrire-pour-le-web", status="draft",
    standfirst="Un chapô d’une phrase ou deux.", body="<p>Le corps de l’article.</p>" * 20,
)
article.authors.set([author])
article.tags.set(["écriture web", "typographie"])
User.objects.create_superuser("bench", "bench@example.org", "x")
print("INBOXES", len(services.follower_inboxes(actor=site)))
"""

PUBLISH = """
from django.contrib.auth.models import User
from blog import services
from blog.models import Article
services.article_publish(article=Article.objects.get(), by=User.objects.get(username="bench"))
"""

STATUSES = """
from collections import Counter
from fediverse.models import Delivery
print("STATUSES", dict(Counter(Delivery.objects.values_list("status", flat=True))))
"""
PENDING_SQL = "SELECT count(*) FROM fediverse_delivery WHERE status = 'pending'"

WORKER = """
import django
django.setup()
from django.core.management import call_command
call_command("db_worker", queue_name="*", startup_delay=False, reload=False, interval=0.1)
"""


class Received:
    """What the fake servers were sent: one (path, activity id, type) per POST."""

    def __init__(self):
        self.lock = threading.Lock()
        self.posts: list[tuple[str, str, str]] = []
        self.bad_digests = 0

    def add(self, path: str, body: bytes, digest: str) -> None:
        activity = json.loads(body)
        expected = "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode()
        with self.lock:
            self.posts.append((path, activity["id"], activity["type"]))
            self.bad_digests += digest != expected

    def creates(self) -> Counter:
        with self.lock:
            return Counter(path for path, _, kind in self.posts if kind == "Create")


def serve(received: Received) -> tuple[ThreadingHTTPServer, str]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.add(self.path, body, self.headers.get("Digest", ""))
            self.send_response(202)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.request_queue_size = 128
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"127.0.0.1:{httpd.server_address[1]}"


def peak_rss_mb(pid: int) -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def pending(db: str, env: dict, var_dir: str) -> int:
    """Deliveries not settled yet, read without starting Django."""
    if db == "postgresql":
        import psycopg

        with psycopg.connect(env["DATABASE_URL"]) as conn:
            return conn.execute(PENDING_SQL).fetchone()[0]
    with sqlite3.connect(Path(var_dir, "epw.sqlite3"), timeout=30) as conn:
        return conn.execute(PENDING_SQL).fetchone()[0]


def start_worker(env: dict, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WORKER],
        cwd=ROOT,
        env=env,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
    )


def run_one(db: str, followers: int, servers: int, batch: int, kill: bool) -> dict:
    received = Received()
    httpd, host = serve(received)
    with tempfile.TemporaryDirectory(prefix="epw-bench-fedi-") as var_dir:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "EPW_", "DATABASE_URL", "REDIS_URL"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="epw.settings",
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_LOG_LEVEL="WARNING",
            EPW_VAR_DIR=var_dir,
            EPW_SITE_URL="https://blog.example",
            EPW_TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            EPW_FEDIVERSE="1",
            EPW_FEDIVERSE_PRIVATE_HOSTS_ALLOWED=host,
            EPW_FEDIVERSE_LEASE_SECONDS=str(LEASE_SECONDS),
            EPW_FEDIVERSE_BATCH_SIZE=str(batch),
        )
        if db == "postgresql":
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{PG_NAME}"')
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
        manage = [sys.executable, "manage.py"]

        def shell(code: str) -> str:
            done = subprocess.run(
                [*manage, "shell", "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
            )
            if done.returncode:
                raise SystemExit(done.stderr[-3000:])
            return done.stdout

        subprocess.run(
            [*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        seeded = shell(SEED.format(n=followers, servers=servers, base=f"http://{host}"))
        inboxes = int(seeded.split("INBOXES")[1].split()[0])
        shell(PUBLISH)
        log = Path(var_dir, "worker.log")

        started = time.monotonic()
        first = start_worker(env, log)
        first_peak, at_kill = 0.0, None
        if kill:
            while len(received.creates()) < inboxes * KILL_AT:
                first_peak = max(first_peak, peak_rss_mb(first.pid))
                if first.poll() is not None:
                    raise SystemExit(log.read_text()[-3000:])
                time.sleep(0.005)
            first_peak = max(first_peak, peak_rss_mb(first.pid))
            first.send_signal(signal.SIGKILL)
            first.wait()
            at_kill = len(received.creates())
        resumed = time.monotonic()
        worker = start_worker(env, log) if kill else first
        peak = 0.0
        try:
            while True:
                peak = max(peak, peak_rss_mb(worker.pid))
                if len(received.creates()) >= inboxes and pending(db, env, var_dir) == 0:
                    break
                if worker.poll() is not None:
                    raise SystemExit(log.read_text()[-3000:])
                if time.monotonic() - resumed > 600:
                    raise SystemExit("not settled after 10 minutes")
                time.sleep(0.1)
            finished = time.monotonic()
        finally:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
        statuses = shell(STATUSES).split("STATUSES ")[1]
    httpd.shutdown()
    creates = received.creates()
    return {
        "db": db,
        "followers": followers,
        "servers": servers,
        "inboxes": inboxes,
        "batch": batch,
        "lease_s": LEASE_SECONDS,
        "seconds": round(finished - started, 1),
        "resume_seconds": round(finished - resumed, 1) if kill else None,
        "posts": len(received.posts),
        "creates_at_kill": at_kill,
        "inboxes_with_create": len(creates),
        "inboxes_twice": sum(1 for n in creates.values() if n > 1),
        "inboxes_missing": inboxes - len(creates),
        "bad_digests": received.bad_digests,
        "deliveries": statuses.strip(),
        "killed": kill,
        "peak_rss_mb_killed": first_peak if kill else None,
        "peak_rss_mb": peak,
        "nproc": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--followers", type=int, nargs="+", default=[10_000])
    parser.add_argument("--servers", type=int, default=500)
    parser.add_argument("--db", nargs="+", default=["sqlite"], choices=["sqlite", "postgresql"])
    parser.add_argument("--batch", type=int, default=50)
    parser.add_argument("--no-kill", action="store_true", help="one worker, never killed")
    args = parser.parse_args()
    results = ROOT / "bench" / "results" / "fediverse.jsonl"
    results.parent.mkdir(exist_ok=True)
    for db in args.db:
        for n in args.followers:
            row = run_one(db, n, args.servers, args.batch, not args.no_kill)
            row["date"] = time.strftime("%Y-%m-%dT%H:%M:%S")
            print(json.dumps(row))
            with results.open("a") as out:
                out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
