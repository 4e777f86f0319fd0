"""Time one public page in-process: queries, slowest queries, and where Python spends time.

    DJANGO_SETTINGS_MODULE=epw.settings EPW_VAR_DIR=/tmp/epw-bench DJANGO_DEBUG=0 \\
    DJANGO_SECRET_KEY=x DJANGO_ALLOWED_HOSTS=127.0.0.1 DJANGO_SECURE_SSL_REDIRECT=0 \\
        .venv/bin/python bench/profile_page.py / /etiquettes/titres/ --repeat 20 --profile

Run it against a database seeded by `bench/seed_articles.py`, with the server's environment.
For each path: status, median wall time over --repeat requests (after one warm-up request),
the query count and total SQL time of one request, its slowest queries, and with --profile the
functions with the most cumulative time (cProfile).
"""

# ruff: noqa: T201 - a command-line tool: printing is its output

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "epw.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--slowest", type=int, default=5)
    parser.add_argument("--profile", action="store_true", help="cProfile one request")
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="split the median request into SQL, template rendering and the rest",
    )
    parser.add_argument("--sql-width", type=int, default=300)
    parser.add_argument(
        "--explain", type=float, metavar="MS", help="print the plan of queries slower than MS"
    )
    args = parser.parse_args()

    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_LANGUAGE="fr")
    for path in args.paths:
        response = client.get(path)  # warm-up: templates, caches, connection
        times = []
        cpu_times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            cpu_started = time.process_time()
            client.get(path)
            cpu_times.append((time.process_time() - cpu_started) * 1000)
            times.append((time.perf_counter() - started) * 1000)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(path)
            captured_ms = (time.perf_counter() - started) * 1000
        sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
        print(f"\n### {path} -> {response.status_code}, {len(response.content) // 1024} KiB")
        print(
            f"median {statistics.median(times):.1f} ms, min {min(times):.1f} ms over "
            f"{args.repeat} requests (CPU: median {statistics.median(cpu_times):.1f} ms, "
            f"min {min(cpu_times):.1f} ms); {len(queries)} queries, {sql_ms:.1f} ms of SQL "
            f"in a {captured_ms:.1f} ms request"
        )
        slowest = sorted(queries.captured_queries, key=lambda q: float(q["time"]), reverse=True)
        for query in slowest[: args.slowest]:
            sql = " ".join(query["sql"].split())
            if len(sql) > args.sql_width:
                sql = sql[: args.sql_width] + " …"
            print(f"  {float(query['time']) * 1000:7.1f} ms  {sql}")
            if args.explain is not None and float(query["time"]) * 1000 >= args.explain:
                explain(query["sql"])
        if args.breakdown:
            breakdown(client, path, args.repeat)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            client.get(path)
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out).sort_stats("cumulative")
            stats.print_stats(25)
            print("\n".join(out.getvalue().splitlines()[:60]))
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
            print("\n".join(out.getvalue().splitlines()[:40]))


def breakdown(client: Client, path: str, repeat: int) -> None:
    """Median wall time of: the whole request, SQL, template rendering (incl. its SQL)."""
    from django.template.response import SimpleTemplateResponse

    timings = {"sql": 0.0, "render": 0.0, "render_sql": 0.0}
    rendering = [False]

    def timed_sql(execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent = time.perf_counter() - started
            timings["sql"] += spent
            if rendering[0]:
                timings["render_sql"] += spent

    original_render = SimpleTemplateResponse.render

    def timed_render(self):
        rendering[0] = True
        started = time.perf_counter()
        try:
            return original_render(self)
        finally:
            timings["render"] += time.perf_counter() - started
            rendering[0] = False

    rows = []
    SimpleTemplateResponse.render = timed_render
    try:
        with connection.execute_wrapper(timed_sql):
            for _ in range(repeat):
                timings.update(sql=0.0, render=0.0, render_sql=0.0)
                started = time.perf_counter()
                client.get(path)
                total = time.perf_counter() - started
                rows.append((total, timings["sql"], timings["render"], timings["render_sql"]))
    finally:
        SimpleTemplateResponse.render = original_render
    total, sql, render, render_sql = (
        statistics.median(column) * 1000 for column in zip(*rows, strict=True)
    )
    print(
        f"breakdown (median ms): total {total:.1f} = SQL {sql:.1f} "
        f"(of which during rendering {render_sql:.1f}) + template rendering without SQL "
        f"{render - render_sql:.1f} + view, middleware and handler without SQL "
        f"{total - sql - (render - render_sql):.1f}"
    )


def explain(sql: str) -> None:
    """The plan of a captured query (its parameters are already inlined by the backend)."""
    prefix = (
        "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) "
        if connection.vendor == "postgresql"
        else "EXPLAIN QUERY PLAN "
    )
    with connection.cursor() as cursor:
        cursor.execute(prefix + sql)
        rows = cursor.fetchall()
    for row in rows:
        print("            | " + " ".join(str(part) for part in row))


if __name__ == "__main__":
    main()
