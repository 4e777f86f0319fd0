"""Benchmark the WordPress import: time and peak memory on SQLite and PostgreSQL.

    .venv/bin/python bench/wordpress_import.py --db sqlite --posts 1000           # ~1 minute
    .venv/bin/python bench/wordpress_import.py --db sqlite postgresql --posts 10000 20000
    .venv/bin/python bench/wordpress_import.py --table   # latest figures, as a Markdown table

For each database and size: a generated WXR 1.2 export (``--posts`` posts, 5 threaded comments
per post, 30 tags, 6 categories in two levels, 3 authors; French classic-editor bodies with a
caption and an unknown shortcode now and then), a fresh database (SQLite in a temporary
EPW_VAR_DIR, PostgreSQL as ``epw_wpimport_bench``, dropped and re-created), ``migrate``, then
``manage.py import_wordpress`` in its own process, measured: wall time and the peak resident
memory of that process (``ru_maxrss`` from ``wait4``). With ``--rerun``, a second import of the
same export (nothing to change) is measured too. One JSON line per run goes to
``bench/results/wordpress_import.jsonl``.
Memory is flat when the peak does not grow with the size of the export.
"""

# ruff: noqa: T201 - a command-line tool: printing is its output

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
RESULTS = BENCH / "results" / "wordpress_import.jsonl"
PG_DATABASE = "epw_wpimport_bench"
PG_URL = f"postgres://postgres@127.0.0.1:5432/{PG_DATABASE}"
COMMENTS_PER_POST = 5
TAGS = 30

WORDS = (
    "lecteur titre chapô phrase paragraphe lien verbe relecture rythme ponctuation intertitre "
    "clarté promesse exemple image légende source citation liste brève portrait enquête "
    "rédaction plume carnet brouillon version écran lecture attention envie question réponse"
).split()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite"])
    parser.add_argument("--posts", nargs="+", type=int, default=[1000])
    parser.add_argument("--table", action="store_true", help="print the latest figures")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--rerun", action="store_true", help="also time a second import")
    args = parser.parse_args()
    if args.table:
        print(markdown_table(latest_rows()))
        return
    rows = []
    for posts in args.posts:
        work = Path(tempfile.mkdtemp(prefix="epw-wpbench-"))
        try:
            export = work / "export.xml"
            started = time.monotonic()
            generate(export, posts=posts)
            log(
                f"export of {posts} posts: {export.stat().st_size / 1e6:.1f} MB "
                f"in {time.monotonic() - started:.0f} s"
            )
            for db in args.db:
                rows.extend(run_one(db, posts, export, work, rerun=args.rerun))
        finally:
            if args.keep:
                log(f"kept {work}")
            else:
                shutil.rmtree(work, ignore_errors=True)
    print(markdown_table(rows))


def run_one(db: str, posts: int, export: Path, work: Path, *, rerun: bool) -> list[dict]:
    var_dir = work / f"var-{db}"
    var_dir.mkdir()
    env = environment(var_dir, db=db)
    if db == "postgresql":
        recreate_postgresql_database()
    run([str(PYTHON), "manage.py", "migrate", "--noinput"], env=env)
    rows = []
    for attempt in ("first", "re-run") if rerun else ("first",):
        report = work / f"report-{db}-{attempt}.txt"
        command = [
            str(PYTHON),
            "manage.py",
            "import_wordpress",
            str(export),
            "--report",
            str(report),
        ]
        seconds, peak_kb = measured(command, env=env)
        row = {
            "date": datetime.now(UTC).isoformat(timespec="seconds"),
            "db": db,
            "posts": posts,
            "comments": posts * COMMENTS_PER_POST,
            "tags": TAGS,
            "export_mb": round(export.stat().st_size / 1e6, 1),
            "run": attempt,
            "seconds": round(seconds, 1),
            "items_per_second": round(posts * (1 + COMMENTS_PER_POST) / seconds),
            "peak_rss_mb": round(peak_kb / 1024, 1),
            "report": report.read_text(encoding="utf-8").splitlines()[:12],
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        }
        log(
            f"{db} {posts} posts {attempt}: {row['seconds']} s, "
            f"{row['items_per_second']} items/s, peak {row['peak_rss_mb']} MB"
        )
        save_row(row)
        rows.append(row)
    return rows


def measured(command: list[str], *, env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak RSS (kB) of one child process, from wait4 (not of all children)."""
    started = time.monotonic()
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    errors = process.stderr.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    if process.returncode:
        raise SystemExit(f"import failed:\n{errors.decode(errors='replace')[-3000:]}")
    return seconds, usage.ru_maxrss


def generate(path: Path, *, posts: int) -> None:
    """A WXR 1.2 export written as a stream (the generator's memory stays flat too)."""
    rng = random.Random(posts)
    start = datetime(2015, 1, 1, 8, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="UTF-8" ?>\n<rss version="2.0" '
            'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:wp="http://wordpress.org/export/1.2/">\n<channel>\n'
            "<title>Banc d’essai</title><link>https://banc.example</link>\n"
            "<wp:wxr_version>1.2</wp:wxr_version>\n"
            "<wp:base_site_url>https://banc.example</wp:base_site_url>\n"
            "<wp:base_blog_url>https://banc.example</wp:base_blog_url>\n"
        )
        for number, login in enumerate(("alice", "bruno", "chloe"), start=2):
            out.write(
                f"<wp:author><wp:author_id>{number}</wp:author_id>"
                f"<wp:author_login><![CDATA[{login}]]></wp:author_login>"
                f"<wp:author_email><![CDATA[{login}@banc.example]]></wp:author_email>"
                f"<wp:author_display_name><![CDATA[{login.title()}]]></wp:author_display_name>"
                "</wp:author>\n"
            )
        categories = ["redaction", "titres", "liens", "outils", "relecture", "images"]
        for number, slug in enumerate(categories, start=1):
            parent = "redaction" if number in {2, 3} else ""
            out.write(
                f"<wp:category><wp:term_id>{number}</wp:term_id>"
                f"<wp:category_nicename><![CDATA[{slug}]]></wp:category_nicename>"
                f"<wp:category_parent><![CDATA[{parent}]]></wp:category_parent>"
                f"<wp:cat_name><![CDATA[{slug.title()}]]></wp:cat_name></wp:category>\n"
            )
        for number in range(TAGS):
            out.write(
                f"<wp:tag><wp:term_id>{100 + number}</wp:term_id>"
                f"<wp:tag_slug><![CDATA[etiquette-{number}]]></wp:tag_slug>"
                f"<wp:tag_name><![CDATA[Étiquette {number}]]></wp:tag_name></wp:tag>\n"
            )
        comment_id = 1
        for number in range(posts):
            wp_id = 1000 + number
            date = start + timedelta(hours=7 * number)
            stamp = date.strftime("%Y-%m-%d %H:%M:%S")
            slug = f"article-{number}"
            paragraphs = [" ".join(rng.choices(WORDS, k=45)).capitalize() + "." for _ in range(6)]
            if number % 10 == 0:
                paragraphs.insert(
                    2,
                    '[caption id="attachment_1" width="600"]<img src="https://banc.example/'
                    'wp-content/uploads/2020/01/image.jpg" alt="Une image" /> Une légende'
                    "[/caption]",
                )
            if number % 25 == 0:
                paragraphs.append("[page_announcements]")
            tags = "".join(
                f'<category domain="post_tag" nicename="etiquette-{t}">'
                f"<![CDATA[Étiquette {t}]]></category>"
                for t in rng.sample(range(TAGS), 3)
            )
            out.write(
                f"<item><title>{escape(f'Article {number} : écrire pour le Web')}</title>"
                f"<link>https://banc.example/{date:%Y/%m/%d}/{slug}/</link>"
                f"<dc:creator><![CDATA[{('alice', 'bruno', 'chloe')[number % 3]}]]></dc:creator>"
                f"<content:encoded><![CDATA[{chr(10).join(chr(10) + p for p in paragraphs)}]]>"
                "</content:encoded><excerpt:encoded><![CDATA[Un chapô court.]]></excerpt:encoded>"
                f"<wp:post_id>{wp_id}</wp:post_id>"
                f"<wp:post_date><![CDATA[{stamp}]]></wp:post_date>"
                f"<wp:post_date_gmt><![CDATA[{stamp}]]></wp:post_date_gmt>"
                "<wp:comment_status><![CDATA[open]]></wp:comment_status>"
                f"<wp:post_name><![CDATA[{slug}]]></wp:post_name>"
                "<wp:status><![CDATA[publish]]></wp:status><wp:post_parent>0</wp:post_parent>"
                "<wp:post_type><![CDATA[post]]></wp:post_type><wp:is_sticky>0</wp:is_sticky>"
                f'<category domain="category" nicename="{categories[number % 6]}">'
                f"<![CDATA[{categories[number % 6].title()}]]></category>{tags}"
            )
            # Two threads: a root with a reply and a reply to the reply; a root with a reply.
            first = comment_id
            parents = [0, first, first + 1, 0, first + 3]
            for offset, parent in enumerate(parents):
                moment = (date + timedelta(minutes=30 * (offset + 1))).strftime("%Y-%m-%d %H:%M:%S")
                text = " ".join(rng.choices(WORDS, k=25)).capitalize()
                out.write(
                    f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
                    f"<wp:comment_author><![CDATA[Lecteur {comment_id % 97}]]></wp:comment_author>"
                    "<wp:comment_author_email><![CDATA[lecteur@banc.example]]>"
                    "</wp:comment_author_email><wp:comment_author_url></wp:comment_author_url>"
                    "<wp:comment_author_IP><![CDATA[192.0.2.1]]></wp:comment_author_IP>"
                    f"<wp:comment_date><![CDATA[{moment}]]></wp:comment_date>"
                    f"<wp:comment_date_gmt><![CDATA[{moment}]]></wp:comment_date_gmt>"
                    f"<wp:comment_content><![CDATA[{text}.]]></wp:comment_content>"
                    "<wp:comment_approved><![CDATA[1]]></wp:comment_approved>"
                    "<wp:comment_type><![CDATA[comment]]></wp:comment_type>"
                    f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
                )
                comment_id += 1
            out.write("</item>\n")
        out.write("</channel>\n</rss>\n")


def environment(var_dir: Path, *, db: str) -> dict[str, str]:
    """Production settings, isolated in var_dir."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "EPW_")) and key not in {"DATABASE_URL", "REDIS_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="epw.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        EPW_VAR_DIR=str(var_dir),
        PYTHONDONTWRITEBYTECODE="1",
    )
    if db == "postgresql":
        env["DATABASE_URL"] = PG_URL
    return env


def recreate_postgresql_database() -> None:
    psql = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q"]
    run([*psql, "-c", f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)"])
    run([*psql, "-c", f"CREATE DATABASE {PG_DATABASE}"])


def save_row(row: dict) -> None:
    RESULTS.parent.mkdir(exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as out:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def latest_rows() -> list[dict]:
    if not RESULTS.exists():
        return []
    latest: dict[tuple, dict] = {}
    for line in RESULTS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        latest[(row["db"], row["posts"], row["run"])] = row
    return sorted(latest.values(), key=lambda r: (r["db"], r["posts"], r["run"]))


def markdown_table(rows: list[dict]) -> str:
    lines = [
        "| database | posts | comments | export | run | time | items/s | peak memory |",
        "|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for row in rows:
        lines.append(
            f"| {row['db']} | {row['posts']:,} | {row['comments']:,} | {row['export_mb']} MB "
            f"| {row['run']} | {row['seconds']} s | {row['items_per_second']} "
            f"| {row['peak_rss_mb']} MB |"
        )
    return "\n".join(lines)


def run(command: list[str], *, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def log(message: str) -> None:
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
