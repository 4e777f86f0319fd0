"""Cost of audience counting on the article page: gunicorn + wrk with counting off, then on.

    .venv/bin/python bench/audience.py                       # SQLite, 1,000 articles, file cache
    .venv/bin/python bench/audience.py --db postgresql --redis --rounds 2

Same machinery as bench/run.py (fresh database, seed, production settings, CPU accounting).
The server trusts one proxy (`EPW_TRUSTED_PROXIES=1`) in both modes and wrk sends a browser
user agent and one of 200 addresses in X-Forwarded-For (bench/audience.lua), so every request
is a countable page view. After the "on" runs gunicorn is stopped gracefully (each worker hands
off what it still holds), one flush counts the buffer, and the page views counted are set
against the responses wrk received: they must match (give or take the requests in flight when
a wrk run ended). One JSON line per mode goes to bench/results/audience.jsonl.
"""

# ruff: noqa: T201 - a command-line tool: printing is its output

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as bench  # noqa: E402  bench/run.py, the reading-page runner

RESULTS = bench.BENCH / "results" / "audience.jsonl"
FLUSH = (
    "import json, time; from blog.audience.services import audience_flush; "
    "from blog.models import AudienceDay; from django.db.models import Sum; "
    "started = time.monotonic(); report = audience_flush(now=time.time() + 180); "
    "seconds = time.monotonic() - started; "
    "sums = AudienceDay.objects.aggregate(views=Sum('page_views'), visitors=Sum('visitors')); "
    "print('FLUSH_JSON', json.dumps({'events': report.events, 'batches': report.batches, "
    "'seconds': round(seconds, 3), **sums}))"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1, help="off/on pairs, alternated (1)")
    parser.add_argument("--redis", action="store_true", help=f"cache in {bench.REDIS_URL}")
    parser.add_argument("--quiet-wait", type=float, default=30)
    parser.add_argument("--no-save", action="store_true")
    args = parser.parse_args()

    var_dir = Path(tempfile.mkdtemp(prefix="epw-bench-audience-"))
    env = bench.server_environment(var_dir, db=args.db, redis=args.redis)
    env["EPW_TRUSTED_PROXIES"] = "1"
    served = 0
    rows = []
    try:
        if args.db == "postgresql":
            bench.recreate_postgresql_database()
        if args.redis:
            bench.run(["redis-cli", "-h", bench.HOST, "-n", "15", "FLUSHDB"], env=env)
        targets = bench.seed(env, args.articles)
        bench.run([str(bench.PYTHON), "manage.py", "collectstatic", "--noinput", "-v0"], env=env)
        path = targets["article_url"]
        for _round in range(args.rounds):
            for counting in (False, True):
                row, requests = measure(env, var_dir, path, counting, args)
                served += requests if counting else 0
                rows.append(row)
        flushed = flush(env)
        bench.log(
            f"flush: {flushed['events']} views in {flushed['batches']} batches counted in "
            f"{flushed['seconds']} s; stored {flushed['views']} page views, "
            f"{flushed['visitors']} visitors; wrk received {served} responses with counting on"
        )
        micro = in_process(env)
        bench.log(
            f"in process, per request: middleware {micro['off_us']} µs with counting off, "
            f"{micro['on_us']} µs on (hand-offs included)"
        )
        for row in rows:
            row.update(flush_seconds=flushed["seconds"], counted=flushed["views"], served=served)
            row.update(middleware_off_us=micro["off_us"], middleware_on_us=micro["on_us"])
            if not args.no_save:
                RESULTS.parent.mkdir(parents=True, exist_ok=True)
                with RESULTS.open("a", encoding="utf-8") as results:
                    results.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(table(rows))
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)


def measure(env: dict, var_dir: Path, path: str, counting: bool, args) -> tuple[dict, int]:
    env = {**env, "EPW_AUDIENCE_ENABLED": "1" if counting else "0"}
    port = bench.free_port()
    server = bench.start_gunicorn(env, port=port, workers=2, log_path=var_dir / "gunicorn.log")
    try:
        bench.wait_healthy(port, server)
        status, _headers, _body = bench.get(port, path)  # no user agent: not counted
        if status != 200:
            raise bench.BenchError(f"{path} answered {status}")
        url = f"http://{bench.HOST}:{port}{path}"
        warm = wrk(url, args.warmup)
        bench.wait_for_quiet(server.pid, args.quiet_wait, 0.25)
        window = bench.CpuWindow(server.pid)
        figures = wrk(url, args.duration)
        cpu = window.stop()
    finally:
        bench.stop_gunicorn(server)  # SIGTERM: workers hand off their buffer on the way out
    seconds = figures["duration_us"] / 1e6
    row = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "nproc": bench.os.cpu_count(),
        "db": args.db,
        "articles": args.articles,
        "cache": "redis" if args.redis else "file",
        "counting": counting,
        "rps": round(figures["requests"] / seconds, 1),
        "p50_ms": round(figures["latency_us"]["p50"] / 1000, 1),
        "p99_ms": round(figures["latency_us"]["p99"] / 1000, 1),
        "non2xx": figures["non2xx"],
        "server_cpu_ms": round(cpu["server_cores"] * seconds * 1000 / figures["requests"], 2),
        "other_cores": cpu["other_cores"],
    }
    bench.log(
        f"counting {'on ' if counting else 'off'} {row['rps']:7.1f} req/s  p50 {row['p50_ms']} ms"
        f"  p99 {row['p99_ms']} ms  app CPU {row['server_cpu_ms']} ms/req"
        f"  others {row['other_cores']} cores"
    )
    return row, warm["requests"] + figures["requests"]


def wrk(url: str, duration: int) -> dict:
    command = [
        bench.WRK, "-t2", "-c16", f"-d{duration}s", "--latency", "--timeout", "10s",
        "-s", str(bench.BENCH / "audience.lua"), url,
    ]  # fmt: skip
    output = bench.run(command, timeout=duration + 60)
    for line in reversed(output.splitlines()):
        if line.startswith("BENCH_JSON "):
            return json.loads(line.removeprefix("BENCH_JSON "))
    raise bench.BenchError(f"no BENCH_JSON line in wrk output:\n{output}")


def in_process(env: dict) -> dict:
    output = bench.run([str(bench.PYTHON), str(bench.BENCH / "audience_micro.py")], env=env)
    for line in reversed(output.splitlines()):
        if line.startswith("MICRO_JSON "):
            return json.loads(line.removeprefix("MICRO_JSON "))
    raise bench.BenchError(f"no MICRO_JSON line:\n{output}")


def flush(env: dict) -> dict:
    output = bench.run([str(bench.PYTHON), "manage.py", "shell", "-c", FLUSH], env=env)
    for line in reversed(output.splitlines()):
        if line.startswith("FLUSH_JSON "):
            return json.loads(line.removeprefix("FLUSH_JSON "))
    raise bench.BenchError(f"no FLUSH_JSON line:\n{output}")


def table(rows: list[dict]) -> str:
    lines = [
        "| date | db | articles | cache | counting | req/s | p50 ms | p99 ms | non-2xx "
        "| app CPU ms/req | others' CPU (cores) | views counted / responses |",
        "|---|---|---:|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        counted = f"{row['counted']:,} / {row['served']:,}" if row["counting"] else ""
        lines.append(
            f"| {row['date'][:10]} | {row['db']} | {row['articles']:,} | {row['cache']} "
            f"| {'on' if row['counting'] else 'off'} | {row['rps']:.1f} | {row['p50_ms']:.1f} "
            f"| {row['p99_ms']:.1f} | {row['non2xx']} | {row['server_cpu_ms']:.1f} "
            f"| {row['other_cores']:.2f} | {counted} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
