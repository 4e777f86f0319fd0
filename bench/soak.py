"""Soak: the site under a steady mix of reads and writes, with the task worker running.

    .venv/bin/python bench/soak.py                                  # SQLite + file cache, 600 s
    .venv/bin/python bench/soak.py --db postgresql --duration 120   # PostgreSQL + Redis
    .venv/bin/python bench/soak.py --db sqlite postgresql --duration 90

For each database: a fresh database (SQLite in a temporary EPW_VAR_DIR with the file cache;
PostgreSQL as `--pg-database`, dropped and re-created, with the cache in `--redis-url`, whose
Redis database is emptied), `bench/seed_articles.py`, an editor account, `collectstatic`, then
gunicorn (2 sync workers) and one task worker (`manage.py db_worker --queue-name '*'`) with
production settings. `--clients` threads (12) act as visitors for `--duration` seconds: about
95 % of their requests read pages (articles, home and its pages, tags, categories, authors,
archives, searches, feeds), 5 % write: comments, newsletter signups, and an editor who
publishes and unpublishes articles through the admin's bulk actions.

Visitors post as browsers do: they load the page holding the form, keep reading other pages
while the form ages past the time trap (`EPW_PUBLIC_FORM_MIN_SECONDS`), then send it with its
stamp, CSRF token and cookie. Each visitor comes from its own address: the server trusts one
proxy (`EPW_TRUSTED_PROXIES=1`) and every visitor sends its address in X-Forwarded-For, so the
per-address limits apply as they would to real readers and no limit is raised.

Reported: responses by status (reads and writes apart; 0 means no answer), throughput, latency,
resident memory of the task worker and of each gunicorn worker after the warm-up and at the end
(drift), the tasks run and failed, and that every accepted comment and signup is in the
database. One JSON line per database goes to bench/results/soak.jsonl. The exit status is 1
when a response was ≥ 500 or missing, a task failed, or the worker's memory grew by 10 % or more.
"""

# ruff: noqa: T201 - a command-line tool: printing is its output

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402  bench/run.py: server environment, gunicorn, seeding

RESULTS = bench.BENCH / "results" / "soak.jsonl"
EDITOR = ("soak-editor", "soak-editor-password-not-secret")
EDITOR_POOL = 30  # articles the editor publishes and unpublishes (left out of the readers' pages)
SEARCH_WORDS = ["lecteurs", "titres", "newsletter", "palimpseste", "SEO", "accessibilité"]
MEMORY_DRIFT_LIMIT = 0.10
SETUP = """
import json
from django.contrib.auth import get_user_model
from blog.models import Article
user = get_user_model().objects.create_superuser({name!r}, "editor@example.org", {password!r})
pool = list(Article.objects.published().order_by("-published_at")[:{pool}])
print("SOAK_SETUP " + json.dumps({{
    "pool": [article.pk for article in pool],
    "pool_paths": [article.get_absolute_url() for article in pool],
}}))
"""
COUNTS = """
import json
from django_comments_xtd.models import XtdComment
from django_tasks_db.models import DBTaskResult
from django.db.models import Count
from newsletter.models import Subscriber
tasks = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")))
print("SOAK_COUNTS " + json.dumps({
    "comments": XtdComment.objects.count(),
    "subscribers": Subscriber.objects.count(),
    "tasks": tasks,
}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite"])
    parser.add_argument("--duration", type=int, default=600, help="seconds of load (600)")
    parser.add_argument("--warmup", type=int, default=0, help="seconds before the first memory "
                        "sample (default: a tenth of the duration, at most 60)")  # fmt: skip
    parser.add_argument("--clients", type=int, default=12)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--write-share", type=float, default=0.05)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--pg-database", default="epw_bench_soak")
    parser.add_argument("--redis-url", default=bench.REDIS_URL)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="keep the temporary EPW_VAR_DIR")
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()
    args.warmup = args.warmup or min(60, max(1, args.duration // 10))

    failed = False
    for db in args.db:
        row = soak(db, args)
        print(json.dumps(row, ensure_ascii=False, indent=1))
        if not args.no_save:
            RESULTS.parent.mkdir(parents=True, exist_ok=True)
            with RESULTS.open("a", encoding="utf-8") as results:
                results.write(json.dumps(row, ensure_ascii=False) + "\n")
        failed = failed or not row["ok"]
    raise SystemExit(1 if failed else 0)


# One run ------------------------------------------------------------------------------------


def soak(db: str, args: argparse.Namespace) -> dict:
    redis = db == "postgresql"
    var_dir = Path(tempfile.mkdtemp(prefix=f"epw-soak-{db}-"))
    env = bench.server_environment(var_dir, db=db, redis=redis)
    pg_url = f"postgres://postgres@{bench.HOST}:5432/{args.pg_database}"
    if db == "postgresql":
        env["DATABASE_URL"] = pg_url
        env["REDIS_URL"] = args.redis_url
    env.update(
        EPW_TRUSTED_PROXIES="1",
        # The seeded archive spans 8 years: keep comments open on every article.
        EPW_COMMENTS_CLOSE_AFTER_DAYS="0",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
    )
    server = worker = None
    bench.log(f"== soak {db}, {args.duration} s, {args.clients} clients ({var_dir})")
    try:
        if db == "postgresql":
            psql = ["psql", "-h", bench.HOST, "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
            bench.run([*psql, "-c", f"DROP DATABASE IF EXISTS {args.pg_database} WITH (FORCE)"])
            bench.run([*psql, "-c", f"CREATE DATABASE {args.pg_database}"])
            redis_db = urlsplit(args.redis_url).path.lstrip("/") or "0"
            bench.run(["redis-cli", "-h", bench.HOST, "-n", redis_db, "FLUSHDB"], env=env)
        bench.seed(env, args.articles)
        setup = manage_json(env, SETUP.format(
            name=EDITOR[0], password=EDITOR[1], pool=EDITOR_POOL), "SOAK_SETUP")  # fmt: skip
        bench.run([str(bench.PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"], env=env)
        before = manage_json(env, COUNTS, "SOAK_COUNTS")
        port = bench.free_port()
        server = bench.start_gunicorn(
            env, port=port, workers=args.workers, log_path=var_dir / "gunicorn.log"
        )
        worker = start_worker(env, var_dir / "worker.log")
        bench.wait_healthy(port, server)
        pages = reader_pages(port, excluded=set(setup["pool_paths"]))
        bench.log(f"{sum(len(paths) for paths in pages.values())} pages to read")
        load = Load(port, pages, setup["pool"], args)
        memory = Memory(server.pid, worker.pid)
        started = time.monotonic()
        load.start()
        time.sleep(args.warmup)
        memory.sample("start")
        while time.monotonic() - started < args.duration:
            time.sleep(min(10, max(0.1, args.duration - (time.monotonic() - started))))
            memory.sample("last")
        load.stop()
        elapsed = time.monotonic() - started
        memory.sample("end")
        drained = wait_for_tasks(env)
        after = manage_json(env, COUNTS, "SOAK_COUNTS")
        if worker.poll() is not None:
            raise bench.BenchError(f"the task worker exited with status {worker.returncode}")
        row = result_row(db, redis, args, load, memory, before, after, elapsed, drained)
        errors = grep_errors(var_dir / "gunicorn.log")
        row["server_errors_logged"] = errors[:20]
        return row
    finally:
        stop_process(worker)
        bench.stop_gunicorn(server)
        if args.keep:
            bench.log(f"kept {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


def manage_json(env: dict, code: str, marker: str) -> dict:
    output = bench.run([str(bench.PYTHON), "manage.py", "shell", "-c", code], env=env)
    for line in output.splitlines():
        if line.startswith(marker + " "):
            return json.loads(line.removeprefix(marker + " "))
    raise bench.BenchError(f"manage.py shell printed no {marker} line")


def start_worker(env: dict, log_path: Path) -> subprocess.Popen:
    command = [str(bench.PYTHON), "manage.py", "db_worker", "--queue-name", "*"]
    with log_path.open("ab") as log_file:
        return subprocess.Popen(
            command,
            cwd=bench.ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def stop_process(process: subprocess.Popen | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for_tasks(env: dict, timeout: float = 120) -> bool:
    """Whether the worker emptied the queue of what the soak enqueued (within `timeout`)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = manage_json(env, COUNTS, "SOAK_COUNTS")
        if not counts["tasks"].get("READY") and not counts["tasks"].get("RUNNING"):
            return True
        time.sleep(2)
    return False


def grep_errors(log_path: Path) -> list[str]:
    if not log_path.exists():
        return []
    lines = log_path.read_text(errors="replace").splitlines()
    return [line[:300] for line in lines if "Error" in line or "error" in line.lower()[:80]]


# Pages --------------------------------------------------------------------------------------


def reader_pages(port: int, *, excluded: set[str]) -> dict[str, list[str]]:
    """The public pages, from the sitemap, by kind, plus listings' next pages and searches."""
    status, _headers, body = bench.get(port, "/sitemap.xml")
    if status != 200:
        raise bench.BenchError(f"/sitemap.xml answered {status}")
    pages: dict[str, list[str]] = defaultdict(list)
    for url in re.findall(r"<loc>([^<]+)</loc>", body):
        path = urlsplit(url).path
        if path in excluded:
            continue
        kind = path.strip("/").split("/")[0] or "home"
        kind = {"articles": "article", "etiquettes": "tag", "categories": "category",
                "auteurs": "author", "archives": "archive"}.get(kind, "other")  # fmt: skip
        pages[kind].append(path)
    pages["home"] += [f"/?page={n}" for n in range(2, 6)]
    pages["search"] = [f"/recherche/?{urlencode({'q': word})}" for word in SEARCH_WORDS]
    tags = [path for path in pages["tag"] if path.count("/") == 3]
    pages["feed"] = ["/flux/", "/flux/atom/", *[path + "flux/" for path in tags[:10]]]
    for kind in ("article", "home", "tag", "category", "author"):
        if not pages[kind]:
            raise bench.BenchError(f"no {kind} page in the sitemap")
    return dict(pages)


# What the visitors do among reads (weights).
READS = {"article": 50, "home": 12, "tag": 10, "category": 6, "author": 5, "archive": 5,
         "search": 4, "feed": 4, "other": 4}  # fmt: skip
WRITES = {"comment": 45, "signup": 45, "publish": 10}


class FormParser(HTMLParser):
    """The forms of a page: action, and the fields a browser would send as they are."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"attrs": attrs, "fields": {}})
        elif not self.forms:
            return
        elif tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if attrs.get("name") and kind not in {"submit", "button", "image", "file"}:
                if kind not in {"checkbox", "radio"} or "checked" in attrs:
                    self.forms[-1]["fields"][attrs["name"]] = attrs.get("value") or ""
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = attrs["name"]
            self.forms[-1]["fields"][self._textarea] = ""

    def handle_data(self, data):
        if self._textarea and self.forms:
            self.forms[-1]["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None


def find_form(body: str, action_prefix: str) -> dict | None:
    parser = FormParser()
    parser.feed(body)
    for form in parser.forms:
        if form["attrs"].get("action", "").startswith(action_prefix):
            return form
    return None


# Clients ------------------------------------------------------------------------------------


class Browser:
    """One visitor's cookies and address; requests over a fresh connection each (gunicorn's
    sync workers close them anyway)."""

    def __init__(self, port: int, address: str) -> None:
        self.port = port
        self.address = address
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, data: dict | None = None):
        headers = {
            "Accept-Language": "fr",
            "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) soak",
            "X-Forwarded-For": self.address,
        }
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"http://{bench.HOST}:{self.port}"
            headers["Referer"] = f"http://{bench.HOST}:{self.port}{path}"
        connection = http.client.HTTPConnection(bench.HOST, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            for header, value in response.getheaders():
                if header.lower() == "set-cookie":
                    self._remember(value)
            return response.status, response.getheader("Location", ""), text
        finally:
            connection.close()

    def _remember(self, header: str) -> None:
        cookie = SimpleCookie()
        cookie.load(header)
        for name, morsel in cookie.items():
            if morsel.value and morsel["max-age"] != "0":
                self.cookies[name] = morsel.value
            else:
                self.cookies.pop(name, None)


class Load:
    """`--clients` threads of visitors, and what they got back."""

    def __init__(self, port: int, pages: dict, pool: list[int], args) -> None:
        self.port, self.pages, self.pool, self.args = port, pages, pool, args
        self.running = threading.Event()
        self.lock = threading.Lock()
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.threads = [
            threading.Thread(target=self.client, args=(n,), daemon=True)
            for n in range(args.clients)
        ]
        self.sequence = 0
        self.missing_forms: Counter = Counter()

    def start(self) -> None:
        self.running.set()
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.running.clear()
        for thread in self.threads:
            thread.join(timeout=90)

    def record(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.statuses[kind][status] += 1
            self.latencies[kind].append(seconds)

    def call(self, browser: Browser, kind: str, method: str, path: str, data=None):
        started = time.monotonic()
        try:
            status, location, body = browser.request(method, path, data)
        except (OSError, http.client.HTTPException):
            status, location, body = 0, "", ""
        self.record(kind, status, time.monotonic() - started)
        return status, location, body

    def new_visitor(self, rng: random.Random) -> Browser:
        with self.lock:
            self.sequence += 1
            n = self.sequence
        # 10.0.0.0/8: one address per visitor, so every visitor has the per-address limits
        # of a real reader to itself.
        return Browser(self.port, f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}")

    def client(self, number: int) -> None:
        rng = random.Random(self.args.seed * 1000 + number)
        visitor = self.new_visitor(rng)
        editor = Browser(self.port, f"192.0.2.{number + 1}")
        pending: list[tuple] = []  # (due, browser, kind, path, data), soonest first
        min_seconds = 3.2  # EPW_PUBLIC_FORM_MIN_SECONDS (3) and a little
        while self.running.is_set():
            if pending and pending[0][0] <= time.monotonic():
                _due, browser, kind, path, data = pending.pop(0)
                self.call(browser, kind, "POST", path, data)
                continue
            if rng.random() < 1 / 8:  # a visitor reads about 8 pages
                visitor = self.new_visitor(rng)
            if rng.random() >= self.args.write_share:
                kind = rng.choices(list(READS), weights=list(READS.values()))[0]
                paths = self.pages.get(kind) or self.pages["article"]
                self.call(visitor, kind, "GET", rng.choice(paths))
                continue
            write = rng.choices(list(WRITES), weights=list(WRITES.values()))[0]
            if write == "publish":
                self.publish(editor, rng)
                continue
            # The form's page, then the form sent back once the visitor has read it.
            path = rng.choice(self.pages["article"])
            status, _location, body = self.call(visitor, "article", "GET", path)
            if status != 200:
                continue
            n = rng.randrange(10**9)
            if write == "comment":
                form = find_form(body, "/commentaires/articles/")
                fields = {"name": f"Lectrice {n}", "email": f"lectrice{n}@example.org",
                          "comment": f"Merci pour cet article ({n}), très utile."}  # fmt: skip
            else:
                form = find_form(body, "/lettre/")
                fields = {"email": f"abonne{n}@example.org", "consent": "on"}
            if form is None:
                with self.lock:
                    self.missing_forms[write] += 1
                continue
            data = {**form["fields"], **fields}
            due = time.monotonic() + min_seconds + rng.random()
            pending.append((due, visitor, write, form["attrs"]["action"], data))
            pending.sort(key=lambda item: item[0])
            visitor = self.new_visitor(rng)  # each comment or signup: someone else

    def publish(self, editor: Browser, rng: random.Random) -> None:
        """The editor logs in once, then publishes or unpublishes one article of the pool from
        the article list (the bulk action calls the publishing service)."""
        if "sessionid" not in editor.cookies:
            status, _location, body = self.call(editor, "admin_read", "GET", "/admin/login/")
            form = find_form(body, "/admin/login/") or {"fields": {}}
            data = {**form["fields"], "username": EDITOR[0], "password": EDITOR[1]}
            self.call(editor, "login", "POST", "/admin/login/?next=/admin/", data)
            if "sessionid" not in editor.cookies:
                return
        pk = rng.choice(self.pool)
        status, _location, body = self.call(editor, "admin_read", "GET", "/admin/blog/article/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if status != 200 or token is None:
            return
        action = rng.choice(["publish_selected", "unpublish_selected"])
        data = {
            "csrfmiddlewaretoken": token.group(1),
            "action": action,
            "_selected_action": str(pk),
            "index": "0",
            "select_across": "0",
        }
        self.call(editor, "publish", "POST", "/admin/blog/article/", data)


# Memory -------------------------------------------------------------------------------------


def rss_kb(pid: int) -> int | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return sorted(found)


class Memory:
    """Resident memory of the task worker and of each gunicorn worker, sampled by name."""

    def __init__(self, gunicorn_pid: int, worker_pid: int) -> None:
        self.gunicorn_pid, self.worker_pid = gunicorn_pid, worker_pid
        self.samples: dict[str, dict[str, int | None]] = {}
        self.peak: dict[str, int] = {}

    def sample(self, name: str) -> None:
        values = {"task_worker": rss_kb(self.worker_pid)}
        for pid in children(self.gunicorn_pid):
            values[f"gunicorn_{pid}"] = rss_kb(pid)
        self.samples[name] = values
        for process, value in values.items():
            if value:
                self.peak[process] = max(self.peak.get(process, 0), value)

    def report(self) -> dict:
        start, end = self.samples.get("start", {}), self.samples.get("end", {})
        report = {}
        for process in sorted(set(start) | set(end)):
            first, last = start.get(process), end.get(process)
            drift = round((last - first) / first, 4) if first and last else None
            report[process] = {
                "start_mb": round(first / 1024, 1) if first else None,
                "end_mb": round(last / 1024, 1) if last else None,
                "peak_mb": round(self.peak.get(process, 0) / 1024, 1),
                "drift": drift,
            }
        return report


# Results ------------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1)


def result_row(db, redis, args, load, memory, before, after, elapsed, drained) -> dict:
    write_kinds = {*WRITES, "login"}
    reads, writes = Counter(), Counter()
    for kind, statuses in load.statuses.items():
        (writes if kind in write_kinds else reads).update(statuses)
    total = sum(reads.values()) + sum(writes.values())
    failing = sum(n for status, n in (reads + writes).items() if status >= 500 or status == 0)
    accepted = {kind: load.statuses[kind][302] for kind in WRITES}
    stored = {
        "comments": after["comments"] - before["comments"],
        "subscribers": after["subscribers"] - before["subscribers"],
    }
    mem = memory.report()
    worker_drift = mem.get("task_worker", {}).get("drift")
    tasks_failed = after["tasks"].get("FAILED", 0)
    ok = (
        failing == 0
        and tasks_failed == 0
        and drained
        and worker_drift is not None
        and worker_drift < MEMORY_DRIFT_LIMIT
        and stored["comments"] == accepted["comment"]
        and stored["subscribers"] == accepted["signup"]
    )
    read_latencies = [s for k, v in load.latencies.items() if k not in write_kinds for s in v]
    write_latencies = [s for k, v in load.latencies.items() if k in write_kinds for s in v]
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": bench.cpu_model(),
        "loadavg_end": os.getloadavg()[0],
        "db": db,
        "cache": "redis" if redis else "file",
        "articles": args.articles,
        "duration_s": round(elapsed, 1),
        "clients": args.clients,
        "gunicorn_workers": args.workers,
        "requests": total,
        "requests_per_s": round(total / elapsed, 1),
        "write_share": round(sum(writes.values()) / total, 4) if total else None,
        "reads_by_status": dict(sorted(reads.items())),
        "writes_by_status": dict(sorted(writes.items())),
        "by_kind": {kind: dict(sorted(s.items())) for kind, s in sorted(load.statuses.items())},
        "responses_5xx_or_none": failing,
        "read_p50_ms": percentile(read_latencies, 0.5),
        "read_p99_ms": percentile(read_latencies, 0.99),
        "write_p50_ms": percentile(write_latencies, 0.5),
        "write_p99_ms": percentile(write_latencies, 0.99),
        "writes_accepted": accepted,
        "forms_missing": dict(load.missing_forms),
        "writes_stored": stored,
        "tasks": after["tasks"],
        "tasks_drained": drained,
        "memory": mem,
        "worker_rss_drift": worker_drift,
        "ok": ok,
    }


if __name__ == "__main__":
    main()
