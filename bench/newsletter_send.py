"""Time one worker sending an edition to N confirmed subscribers; report its peak memory.

    .venv/bin/python bench/newsletter_send.py --subscribers 10000
    .venv/bin/python bench/newsletter_send.py --subscribers 2000 10000 --db sqlite postgresql

For each size: a fresh database (a SQLite file in a temporary `EPW_VAR_DIR`, or PostgreSQL
database `epw_bench_newsletter`, dropped and re-created), migrated; N confirmed subscribers plus
a few others; one edition of five articles scheduled now. Then one worker process
(`db_worker --batch`, production settings, the file e-mail backend) runs until the queue is
empty. Reported: the worker's wall time (start-up included), messages per second, its peak
resident memory (`getrusage` in the worker itself), and a check that every confirmed
subscriber got exactly one message.
"""

# ruff: noqa: T201 - a command-line tool: printing is its output

from __future__ import annotations

import argparse
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_NAME = "epw_bench_newsletter"
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"

SEED = """
from django.contrib.auth.models import User
from django.utils import timezone
from blog.models import Article
from newsletter import services
from newsletter.models import Edition, Subscriber

n = {n}
for start in range(0, n, 5000):
    Subscriber.objects.bulk_create(
        [Subscriber(email=f"lecteur{{i}}@example.org", status="confirmed")
         for i in range(start, min(n, start + 5000))]
    )
Subscriber.objects.bulk_create(
    [Subscriber(email=f"attente{{i}}@example.org", status="pending") for i in range(100)]
)
edition = Edition.objects.create(subject="Lettre de test de charge", intro="Bonjour.\\n\\nVoici.")
for i in range(5):
    article = Article.objects.create(
        title=f"Article {{i}}", slug=f"article-{{i}}", status="published",
        published_at=timezone.now(), standfirst="Un chapô d’une phrase ou deux.",
    )
    edition.items.create(article=article, position=i)
editor = User.objects.create_superuser("bench", "bench@example.org", "x")
services.edition_schedule(edition=edition, at=timezone.now(), by=editor)
"""

WORKER = """
import resource, sys, django
django.setup()
from django.core.management import call_command
import cProfile, os
args = dict(queue_name="*", batch=True, startup_delay=False, reload=False, interval=0.1)
if os.environ.get("BENCH_PROFILE"):
    cProfile.run("call_command('db_worker', **args)", os.environ["BENCH_PROFILE"])
else:
    call_command("db_worker", **args)
print("PEAK_RSS_KB", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def run_one(db: str, subscribers: int, batch: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="epw-bench-nl-") as var_dir:
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "EPW_", "DATABASE_URL", "REDIS_URL"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="epw.settings",
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
            DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
            DJANGO_LOG_LEVEL="WARNING",
            EPW_VAR_DIR=var_dir,
            EPW_NEWSLETTER_BATCH_SIZE=str(batch),
        )
        if db == "postgresql":
            import psycopg

            with psycopg.connect(PG_ADMIN, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{PG_NAME}" WITH (FORCE)')
                admin.execute(f'CREATE DATABASE "{PG_NAME}"')
            env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PG_NAME}"
        manage = [sys.executable, "manage.py"]
        subprocess.run(
            [*manage, "migrate", "--noinput"], cwd=ROOT, env=env, check=True, capture_output=True
        )
        subprocess.run(
            [*manage, "shell", "-c", SEED.format(n=subscribers)], cwd=ROOT, env=env, check=True
        )
        started = time.monotonic()
        worker = subprocess.run(
            [sys.executable, "-c", WORKER], cwd=ROOT, env=env, capture_output=True, text=True
        )
        elapsed = time.monotonic() - started
        if worker.returncode:
            raise SystemExit(worker.stderr[-3000:])
        peak_kb = int(re.search(r"PEAK_RSS_KB (\d+)", worker.stderr).group(1))
        copies = []
        for path in Path(var_dir, "mail").glob("*.log"):
            copies += re.findall(r"^To: (.+?)$", path.read_text(errors="replace"), re.M)
        exact = len(copies) == subscribers == len(set(copies))
    return {
        "db": db,
        "subscribers": subscribers,
        "batch": batch,
        "seconds": round(elapsed, 1),
        "messages_per_s": round(subscribers / elapsed),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "exactly_once": exact,
        "nproc": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscribers", type=int, nargs="+", default=[10_000])
    parser.add_argument("--db", nargs="+", default=["sqlite"], choices=["sqlite", "postgresql"])
    parser.add_argument("--batch", type=int, default=200)
    args = parser.parse_args()
    results = ROOT / "bench" / "results" / "newsletter.jsonl"
    results.parent.mkdir(exist_ok=True)
    for db in args.db:
        for n in args.subscribers:
            row = run_one(db, n, args.batch)
            row["date"] = time.strftime("%Y-%m-%dT%H:%M:%S")
            print(json.dumps(row))
            with results.open("a") as out:
                out.write(json.dumps(row) + "\n")


if __name__ == "__main__":
    main()
