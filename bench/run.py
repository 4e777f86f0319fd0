"""Benchmark EPW's public reading pages under gunicorn with wrk, on loopback.

    .venv/bin/python bench/run.py --db sqlite --articles 1000
    .venv/bin/python bench/run.py --db sqlite postgresql --articles 1000 10000
    .venv/bin/python bench/run.py --table          # latest figures from results/reading.jsonl
    .venv/bin/python bench/run.py --cached --pages home article tag   # from the page cache

For each database and size: a fresh database (SQLite in a temporary EPW_VAR_DIR, PostgreSQL as
`epw_bench`, dropped and re-created), `bench/seed_articles.py`, `collectstatic`, gunicorn with
production settings, a check of every page (status 200, expected content), a short warm-up and
`wrk --latency` on the home page, a mid-archive article, the most used tag, a search for a
common word (in nearly every article) and one for a rare word (in about 1 %). One JSON line
per page goes to `bench/results/reading.jsonl`, with the CPU used meanwhile by the server, the
database and everything else (the machine may be shared); a Markdown table is printed.
gunicorn is always stopped, whatever happens.

Pages are measured uncached (`EPW_PAGE_CACHE_ENABLED=0`) unless `--cached`: then anonymous
pages come from the page cache (`epw/page_cache.py`), warmed by the check, and each row says
`"mode": "cached"` (target: 2,000 requests/s).
"""

# ruff: noqa: T201 - a command-line tool: printing is its output

from __future__ import annotations

import argparse
import html
import http.client
import json
import os
import platform
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
WRK = shutil.which("wrk") or "/usr/bin/wrk"
RESULTS = BENCH / "results" / "reading.jsonl"
HOST = "127.0.0.1"
PG_DATABASE = "epw_bench"
PG_URL = f"postgres://postgres@{HOST}:5432/{PG_DATABASE}"
REDIS_URL = f"redis://{HOST}:6379/15"
PAGES = ("home", "article", "tag", "search", "search_rare")
# DESIGN.md, "Performance targets": reading pages uncached, 2 workers, 16 connections.
TARGET_RPS = 180
TARGET_P99_MS = 100
TARGET_CACHED_RPS = 2000  # DESIGN.md: anonymous pages from the cache
CACHEABLE = ("home", "article", "tag")  # search results are never kept


class BenchError(Exception):
    """A run that cannot give meaningful figures (a page failing, the server not starting)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite"])
    parser.add_argument("--articles", nargs="+", type=int, default=[1000])
    parser.add_argument("--duration", type=int, default=10, help="wrk seconds per page (10)")
    parser.add_argument("--warmup", type=int, default=2, help="warm-up seconds per page (2)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument("--connections", type=int, default=16, help="wrk connections (16)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--pages", nargs="+", choices=PAGES, default=list(PAGES))
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=30,
        help="before each page, wait up to this many seconds for other processes to use less "
        "than --quiet-cores of CPU (30)",
    )
    parser.add_argument("--quiet-cores", type=float, default=0.25)
    parser.add_argument("--redis", action="store_true", help=f"cache in {REDIS_URL}")
    parser.add_argument(
        "--cached", action="store_true", help="pages from the page cache (home, article, tag)"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary EPW_VAR_DIR")
    parser.add_argument("--no-save", action="store_true", help="do not append to the results")
    parser.add_argument("--table", action="store_true", help="print the latest saved figures")
    args = parser.parse_args()

    if args.table:
        print(markdown_table(latest_rows(read_results())))
        return
    if not 1 <= args.duration <= 120:
        parser.error("--duration must be between 1 and 120 seconds")
    if args.cached:
        args.pages = [page for page in args.pages if page in CACHEABLE]
    rows = []
    failures = []
    for db in args.db:
        for count in args.articles:
            try:
                rows.extend(run_one(db, count, args))
            except BenchError as error:
                failures.append(f"{db}, {count} articles: {error}")
                print(f"FAILED {db} {count}: {error}", file=sys.stderr)
    if rows:
        print()
        print(markdown_table(rows))
    if failures:
        raise SystemExit("\n".join(["Some runs failed:", *failures]))


# One run ------------------------------------------------------------------------------------


def run_one(db: str, count: int, args: argparse.Namespace) -> list[dict]:
    var_dir = Path(tempfile.mkdtemp(prefix=f"epw-bench-{db}-{count}-"))
    env = server_environment(var_dir, db=db, redis=args.redis, cached=args.cached)
    log_path = var_dir / "gunicorn.log"
    server = None
    ok = False
    log(f"== {db}, {count} articles, cache {'redis' if args.redis else 'file'} ({var_dir})")
    try:
        if db == "postgresql":
            recreate_postgresql_database()
        if args.redis:
            run(["redis-cli", "-h", HOST, "-n", "15", "FLUSHDB"], env=env)
        started = time.monotonic()
        targets = seed(env, count)
        seed_seconds = time.monotonic() - started
        log(f"seeded in {seed_seconds:.1f} s; targets {json.dumps(targets, ensure_ascii=False)}")
        run([str(PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"], env=env)
        port = free_port()
        server = start_gunicorn(env, port=port, workers=args.workers, log_path=log_path)
        base = f"http://{HOST}:{port}"
        wait_healthy(port, server)
        paths = {
            "home": "/",
            "article": targets["article_url"],
            "tag": targets["tag_url"],
            "search": targets["search_url"],
            "search_rare": targets["search_rare_url"],
        }
        for page in args.pages:
            check_page(port, page, paths[page], targets, cached=args.cached)
        rows = []
        for page in args.pages:
            url = base + paths[page]
            wrk(url, duration=args.warmup, threads=args.threads, connections=args.connections)
            waited, _ = wait_for_quiet(server.pid, args.quiet_wait, args.quiet_cores)
            machine_ms = machine_speed_ms()
            window = CpuWindow(server.pid)
            figures = wrk(
                url, duration=args.duration, threads=args.threads, connections=args.connections
            )
            row = result_row(db, count, page, paths[page], figures, args)
            row.update(window.stop())
            # CPU cost of one request in the app server, the figure least disturbed by noise.
            row["server_cpu_ms"] = round(
                row["server_cores"] * row["duration_s"] * 1000 / max(1, figures["requests"]), 2
            )
            row["db_cpu_ms"] = round(
                row["db_cores"] * row["duration_s"] * 1000 / max(1, figures["requests"]), 2
            )
            row["machine_ms"] = machine_ms
            row["quiet_wait_s"] = round(waited, 1)
            row["seed_seconds"] = round(seed_seconds, 1)
            rows.append(row)
            log(
                f"{page:8} {row['rps']:8.1f} req/s  p50 {row['p50_ms']:7.1f} ms  "
                f"p99 {row['p99_ms']:7.1f} ms  non-2xx {row['non2xx']}  CPU/request: app "
                f"{row['server_cpu_ms']:.1f} ms, db {row['db_cpu_ms']:.1f} ms; cores: app "
                f"{row['server_cores']:.2f}, db {row['db_cores']:.2f}, wrk {row['wrk_cores']:.2f}, "
                f"others {row['other_cores']:.2f}; machine {machine_ms} ms"
            )
            if not args.no_save:
                save_row(row)
        ok = True
        return rows
    finally:
        stop_gunicorn(server)
        if not ok and log_path.exists():
            tail = log_path.read_text(errors="replace").splitlines()[-25:]
            print("\n".join(["-- gunicorn log (tail) --", *tail]), file=sys.stderr)
        if args.keep:
            log(f"kept {var_dir}")
        else:
            shutil.rmtree(var_dir, ignore_errors=True)


def machine_speed_ms() -> float:
    """CPU milliseconds of a fixed piece of Python work, just before a page is measured: the
    same code on the same machine, so it tells how fast the machine itself was then (these
    virtual cores share their host, whose load the process list cannot see)."""
    started = time.process_time()
    total = 0
    for number in range(2_000_000):
        total += number % 7
    return round((time.process_time() - started) * 1000, 1)


def server_environment(
    var_dir: Path, *, db: str, redis: bool, cached: bool = False
) -> dict[str, str]:
    """Production settings, as a deployment would set them, isolated in var_dir; the page
    cache off unless `cached`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "EPW_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="epw.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_SECURE_SSL_REDIRECT="0",
        EPW_VAR_DIR=str(var_dir),
        EPW_PAGE_CACHE_ENABLED="1" if cached else "0",
        # wrk is one client at one address: the per-address search limit would answer 429.
        EPW_SEARCH_REQUESTS_PER_IP=str(10**9),
        PYTHONDONTWRITEBYTECODE="1",
    )
    if db == "postgresql":
        env["DATABASE_URL"] = PG_URL
    if redis:
        env["REDIS_URL"] = REDIS_URL
    return env


def recreate_postgresql_database() -> None:
    psql = ["psql", "-h", HOST, "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
    run([*psql, "-c", f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"])
    run([*psql, "-c", f"CREATE DATABASE {PG_DATABASE}"])


def seed(env: dict[str, str], count: int) -> dict:
    output = run([str(PYTHON), str(BENCH / "seed_articles.py"), "--articles", str(count)], env=env)
    for line in reversed(output.splitlines()):
        if line.startswith("BENCH_TARGETS "):
            return json.loads(line.removeprefix("BENCH_TARGETS "))
    raise BenchError("bench/seed_articles.py printed no BENCH_TARGETS line")


# gunicorn -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(
    env: dict[str, str], *, port: int, workers: int, log_path: Path
) -> subprocess.Popen:
    command = [
        str(GUNICORN), "epw.wsgi", "--workers", str(workers), "--bind", f"{HOST}:{port}",
        "--error-logfile", "-", "--log-level", "warning",
    ]  # fmt: skip
    with log_path.open("ab") as log_file:
        # Its own process group, so stopping it stops its workers and nothing else.
        return subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )


def stop_gunicorn(server: subprocess.Popen | None) -> None:
    if server is None or server.poll() is not None:
        return
    for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(server.pid, sig)
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=grace)
            break
        except subprocess.TimeoutExpired:
            continue
    # Workers share the group: make sure none outlived the master.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.killpg(server.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    try:
        os.killpg(server.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def wait_healthy(port: int, server: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"gunicorn exited with status {server.returncode}")
        try:
            status, _headers, _body = get(port, "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise BenchError("gunicorn did not answer /healthz in time")


# Checks -------------------------------------------------------------------------------------


def get(port: int, path: str) -> tuple[int, dict[str, str], str]:
    """One GET without following redirects: a 301 must fail the check, not hide."""
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        connection.request("GET", path, headers={"Accept-Language": "fr"})
        response = connection.getresponse()
        body = response.read().decode("utf-8", errors="replace")
        return response.status, dict(response.getheaders()), body
    finally:
        connection.close()


def normalized(text: str) -> str:
    """Page text with entities decoded and French typography undone, for comparisons."""
    text = html.unescape(text)
    for char in ("\u00a0", "\u202f"):
        text = text.replace(char, " ")
    return " ".join(text.replace("\u2019", "'").split())


def check_page(port: int, page: str, path: str, targets: dict, *, cached: bool = False) -> None:
    status, headers, body = get(port, path)
    if cached:
        if not headers.get("Cache-Control", "").startswith("public"):
            raise BenchError(f"{page} {path} is not cacheable: {headers.get('Cache-Control')}")
        status, again, body = get(port, path)  # now from the page cache
        if again.get("ETag") != headers.get("ETag"):
            raise BenchError(f"{page} {path} was not served from the page cache")
    if status != 200:
        raise BenchError(f"{page} {path} answered {status}")
    text = normalized(body)
    expected = {
        "article": normalized(targets["article_title"]),
        "tag": 'href="/articles/',
        "home": 'href="/articles/',
        "search": 'href="/articles/',
        "search_rare": 'href="/articles/',
    }[page]
    haystack = text if page == "article" else body
    if expected not in haystack:
        raise BenchError(f"{page} {path} is 200 but does not contain {expected!r}")
    log(f"checked  {page:8} {path} -> 200, {len(body.encode()) // 1024} KiB")


# wrk ----------------------------------------------------------------------------------------


def wrk(url: str, *, duration: int, threads: int, connections: int) -> dict:
    if not url.startswith(f"http://{HOST}:"):
        raise BenchError(f"refusing to load anything but {HOST}: {url}")
    command = [
        WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency",
        "--timeout", "10s", "-s", str(BENCH / "report.lua"), url,
    ]  # fmt: skip
    output = run(command, timeout=duration + 60)
    for line in reversed(output.splitlines()):
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise BenchError(f"no BENCH_JSON line in wrk output:\n{output}")


def result_row(db: str, count: int, page: str, path: str, figures: dict, args) -> dict:
    seconds = figures["duration_us"] / 1e6
    latency = figures["latency_us"]
    errors = figures["errors"]
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "db": db,
        "articles": count,
        "cache": "redis" if args.redis else "file",
        "mode": "cached" if args.cached else "uncached",
        "page": page,
        "path": path,
        "rps": round(figures["requests"] / seconds, 1),
        "p50_ms": round(latency["p50"] / 1000, 1),
        "p90_ms": round(latency["p90"] / 1000, 1),
        "p99_ms": round(latency["p99"] / 1000, 1),
        "max_ms": round(latency["max"] / 1000, 1),
        "mean_ms": round(latency["mean"] / 1000, 1),
        "requests": figures["requests"],
        "non2xx": figures["non2xx"],
        "socket_errors": errors["connect"] + errors["read"] + errors["write"] + errors["timeout"],
        "duration_s": round(seconds, 2),
        "kib_per_response": round(figures["bytes"] / max(1, figures["requests"]) / 1024, 1),
        "wrk": f"-t{args.threads} -c{args.connections} -d{args.duration}s",
        "workers": args.workers,
    }


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


# CPU accounting -----------------------------------------------------------------------------
# The machine may be shared: every row records how much CPU the server, wrk and everything else
# used while wrk ran, in cores, so a noisy figure can be told from a slow page.

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def machine_jiffies() -> tuple[int, int]:
    """(busy, total) CPU time of the whole machine since boot, in clock ticks."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    user, nice, system, idle, iowait, irq, softirq, steal = values
    busy = user + nice + system + irq + softirq + steal
    return busy, busy + idle + iowait


def process_ticks(pgid: int) -> dict[int, tuple[str, int]]:
    """CPU ticks of gunicorn's process group ("app") and of the PostgreSQL processes serving
    the benchmark database ("db"), by pid."""
    found = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            fields = Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()
            ticks = int(fields[11]) + int(fields[12])  # fields: state ppid pgrp … utime stime
            if int(fields[2]) == pgid:
                found[int(entry.name)] = ("app", ticks)
            elif ticks:
                command = Path(entry.path, "cmdline").read_bytes()
                # "postgres: 15/main: postgres epw_bench 127.0.0.1(…) idle", and its
                # "parallel worker for PID …" helpers while they live.
                if f" {PG_DATABASE} ".encode() in command or b"parallel worker" in command:
                    found[int(entry.name)] = ("db", ticks)
        except (OSError, IndexError, ValueError):
            continue
    return found


def children_jiffies() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * CLOCK_TICKS


class CpuWindow:
    def __init__(self, pgid: int) -> None:
        self.pgid = pgid
        self.machine = machine_jiffies()
        self.processes = process_ticks(pgid)
        self.children = children_jiffies()
        self.started = time.monotonic()

    def stop(self) -> dict[str, float]:
        busy, total = machine_jiffies()
        seconds_ticks = (time.monotonic() - self.started) * CLOCK_TICKS
        # Per process, so that a PostgreSQL backend closing (CONN_MAX_AGE) or a parallel worker
        # ending between the samples loses its ticks instead of making the sum negative; work
        # of processes too short-lived to be sampled ends up under "others".
        used = {"app": 0, "db": 0}
        for pid, (kind, ticks) in process_ticks(self.pgid).items():
            before = self.processes.get(pid)
            used[kind] += ticks - (before[1] if before and before[0] == kind else 0)
        server, database = used["app"], used["db"]
        wrk_ticks = children_jiffies() - self.children
        other = max(0, busy - self.machine[0] - server - database - wrk_ticks)
        return {
            "server_cores": round(server / seconds_ticks, 2),
            "db_cores": round(database / seconds_ticks, 2),
            "wrk_cores": round(wrk_ticks / seconds_ticks, 2),
            "other_cores": round(other / seconds_ticks, 2),
            "idle_cores": round(
                max(0, (total - self.machine[1]) - (busy - self.machine[0])) / seconds_ticks, 2
            ),
        }


def wait_for_quiet(pgid: int, max_wait: float, threshold: float) -> tuple[float, float]:
    """Wait until processes other than ours use less than `threshold` cores (or give up)."""
    started = time.monotonic()
    while True:
        window = CpuWindow(pgid)
        time.sleep(1.5)
        other = window.stop()["other_cores"]
        waited = time.monotonic() - started
        if other < threshold:
            return waited, other
        if waited >= max_wait:
            log(f"machine still busy ({other:.2f} cores used by others); measuring anyway")
            return waited, other


# Results ------------------------------------------------------------------------------------


def save_row(row: dict) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as results:
        results.write(json.dumps(row, ensure_ascii=False) + "\n")


def read_results() -> list[dict]:
    if not RESULTS.exists():
        return []
    return [json.loads(line) for line in RESULTS.read_text().splitlines() if line.strip()]


def latest_rows(rows: list[dict]) -> list[dict]:
    """The most recent row for each (db, size, cache, page)."""
    latest: dict[tuple, dict] = {}
    for row in rows:
        key = (row["db"], row["articles"], row["cache"], row.get("mode", "uncached"), row["page"])
        latest[key] = row
    order = {page: index for index, page in enumerate(PAGES)}
    return sorted(
        latest.values(),
        key=lambda r: (
            r.get("mode", "uncached"),
            r["cache"],
            r["db"] != "sqlite",
            r["articles"],
            order.get(r["page"], 9),
        ),
    )


def verdict(row: dict) -> str:
    if row["page"].startswith("search"):
        return "n/a"  # DESIGN.md targets search at 100,000 articles on PostgreSQL (p50 < 30 ms)
    if row["non2xx"] or row["socket_errors"]:
        return "errors"
    if row.get("mode") == "cached":
        return "ok" if row["rps"] >= TARGET_CACHED_RPS else "**below**"
    if row["rps"] >= TARGET_RPS and row["p99_ms"] <= TARGET_P99_MS:
        return "ok"
    return "**below**"


def markdown_table(rows: list[dict]) -> str:
    lines = [
        "| date | nproc | db | articles | cache | page | req/s | p50 ms | p99 ms | non-2xx "
        "| app CPU ms/req | db CPU ms/req | others' CPU (cores) | machine ms "
        f"| ≥ {TARGET_RPS}/s, p99 ≤ {TARGET_P99_MS} ms (cached: ≥ {TARGET_CACHED_RPS}/s) |",
        "|---|---:|---|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['date'][:10]} | {row['nproc']} | {row['db']} | {row['articles']:,} "
            f"| {row['cache']} | {row['page']}{' (cached)' if row.get('mode') == 'cached' else ''} "
            f"| {row['rps']:.1f} | {row['p50_ms']:.1f} "
            f"| {row['p99_ms']:.1f} | {row['non2xx']} | {row.get('server_cpu_ms', 0):.1f} "
            f"| {row.get('db_cpu_ms', 0):.1f} | {row.get('other_cores', 0):.2f} "
            f"| {row.get('machine_ms', '')} | {verdict(row)} |"
        )
    return "\n".join(lines)


# Helpers ------------------------------------------------------------------------------------


def run(command: list[str], *, env: dict[str, str] | None = None, timeout: float = 900) -> str:
    try:
        completed = subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"{command[0]} timed out after {timeout} s") from error
    if completed.returncode != 0:
        raise BenchError(
            f"{' '.join(command[:4])} … exited {completed.returncode}:\n"
            f"{completed.stdout[-2000:]}{completed.stderr[-3000:]}"
        )
    return completed.stdout


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
