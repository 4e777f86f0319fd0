"""Benchmark `manage.py export_site`: memory (tracemalloc peak, peak RSS) and time by site size.

    .venv/bin/python bench/export.py --posts 200 2000      # SQLite, a few minutes
    .venv/bin/python bench/export.py --table                # latest figures, as a Markdown table

For each size: the WordPress import benchmark's generated export (``--posts`` posts, 5 threaded
comments each, 30 tags, 6 categories, 3 authors) imported into a fresh SQLite site in a
temporary EPW_VAR_DIR, then ``manage.py export_site`` in its own process, measured: wall time
and peak resident memory (``ru_maxrss`` from ``wait4``); then the export once more under
tracemalloc (started just before it, so Django's own start-up is not counted), for the peak of
Python allocations. One JSON line per run goes
to ``bench/results/export.jsonl``. Memory is flat when the peaks do not grow with the site.
"""

# ruff: noqa: T201 - a command-line tool: printing is its output

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from wordpress_import import COMMENTS_PER_POST, PYTHON, ROOT, environment, generate, log, run

RESULTS = Path(__file__).resolve().parent / "results" / "export.jsonl"
TRACED = """
import json, sys, tracemalloc
from pathlib import Path
import django
django.setup()
from epw.site_export import site_export
tracemalloc.start()
manifest = site_export(output=Path(sys.argv[1]))
print(json.dumps({"tracemalloc_peak": tracemalloc.get_traced_memory()[1],
                  "counts": manifest["counts"]}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--posts", nargs="+", type=int, default=[200, 2000])
    parser.add_argument("--table", action="store_true", help="print the latest figures")
    args = parser.parse_args()
    if args.table:
        print(markdown_table(latest_rows()))
        return
    rows = []
    for posts in args.posts:
        work = Path(tempfile.mkdtemp(prefix="epw-exportbench-"))
        try:
            rows.append(run_one(posts, work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(markdown_table(rows))


def run_one(posts: int, work: Path) -> dict:
    source = work / "source.xml"
    generate(source, posts=posts)
    var_dir = work / "var"
    var_dir.mkdir()
    env = environment(var_dir, db="sqlite")
    run([str(PYTHON), "manage.py", "migrate", "--noinput"], env=env)
    run(
        [str(PYTHON), "manage.py", "import_wordpress", str(source), "--report", "/dev/null"],
        env=env,
    )
    output = work / "export.zip"
    seconds, peak_kb, _out = measured(
        [str(PYTHON), "manage.py", "export_site", "--output", str(output)], env=env, work=work
    )
    _seconds, _peak, out = measured(
        [str(PYTHON), "-c", TRACED, str(work / "traced.zip")], env=env, work=work
    )
    traced = json.loads(out.decode().strip().splitlines()[-1])
    row = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "db": "sqlite",
        "posts": posts,
        "comments": posts * COMMENTS_PER_POST,
        "seconds": round(seconds, 1),
        "archive_mb": round(output.stat().st_size / 1e6, 1),
        "tracemalloc_peak_mb": round(traced["tracemalloc_peak"] / 1e6, 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "counts": traced["counts"],
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
    }
    log(
        f"{posts} posts: {row['seconds']} s, tracemalloc peak {row['tracemalloc_peak_mb']} MB, "
        f"archive {row['archive_mb']} MB"
    )
    RESULTS.parent.mkdir(exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as file:
        file.write(json.dumps(row, ensure_ascii=False) + "\n")
    return row


def measured(command: list[str], *, env: dict[str, str], work: Path) -> tuple[float, int, bytes]:
    """Wall time, peak RSS (kB, from wait4) and standard output of one child process."""
    started = time.monotonic()
    errors_file = work / "errors.txt"
    with errors_file.open("wb") as errors:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=errors
        )
        assert process.stdout is not None
        out = process.stdout.read()
        _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        raise SystemExit(f"export failed:\n{errors_file.read_text(errors='replace')[-3000:]}")
    return time.monotonic() - started, usage.ru_maxrss, out


def latest_rows() -> list[dict]:
    if not RESULTS.exists():
        return []
    latest: dict[int, dict] = {}
    for line in RESULTS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        latest[row["posts"]] = row
    return [latest[posts] for posts in sorted(latest)]


def markdown_table(rows: list[dict]) -> str:
    lines = [
        "| posts | comments | seconds | archive MB | tracemalloc peak MB | peak RSS MB |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['posts']} | {row['comments']} | {row['seconds']} | {row['archive_mb']} "
            f"| {row['tracemalloc_peak_mb']} | {row['peak_rss_mb']} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
