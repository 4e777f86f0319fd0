"""Search at 100,000 articles on PostgreSQL: p50/p99 under 16 connections, every query distinct.

    .venv/bin/python bench/search.py                      # seeds once, then measures
    .venv/bin/python bench/search.py --reseed --articles 100000
    .venv/bin/python bench/search.py --redis              # Redis as the cache, as in production
    .venv/bin/python bench/search.py --table              # latest figures, as Markdown

The database `epw_search_bench` is created, migrated and seeded when it does not hold
`--articles` articles (or with `--reseed`): short bodies (two to four sentences of the same
French vocabulary as bench/seed_articles.py), one sentence with « lecteurs », « conseils »,
« archives » and « rubrique » in 97 % of the articles, each of ten rare words in 1 % of them,
20 authors, 6 categories, 3 to 6 of 60 tags per article (Zipf-like). Rows are written with
`bulk_create` in batches, with the search terms and the suggestion lexicon derived as the index
does (blog.search.index), then VACUUM ANALYZE.

Four kinds of query, each `--requests` times, every query string distinct (the words' case and
accents vary, which changes nothing to what is found: the search folds them):
- common: one word found in nearly every article; rare: one word in 1 % of them;
- two words: two common words (the slow case before the bounded ranking);
- misspelling: a common or rare word with one letter changed (nothing found, a suggestion).

Two measurements of each, `--connections` at a time (16):
- **database**: the SQL statements the search page runs for that query (captured once per
  query through `blog.search.search_page`), replayed from 16 threads on 16 psycopg connections:
  what PostgreSQL costs, free of the Python interpreter's lock;
- **view**: the real page, `GET /recherche/?q=…` through Django's test client from 16 threads
  (one database connection each), results cache off. Python runs one thread at a time, so this
  is bounded by one core of Django: the figures show queueing for the interpreter as much as
  search cost; the CPU ms per request is the machine-independent figure.

One JSON line per kind and measurement goes to bench/results/search.jsonl.
"""

# ruff: noqa: T201 - a command-line tool: printing is its output

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULTS = BENCH / "results" / "search.jsonl"
HOST = "127.0.0.1"
PG_DATABASE = "epw_search_bench"
PG_URL = f"postgres://postgres@{HOST}:5432/{PG_DATABASE}"
REDIS_URL = f"redis://{HOST}:6379/9"
COMMON_WORDS = ["lecteurs", "conseils", "archives", "rubrique"]
COMMON_SENTENCE = (
    "Pour aller plus loin, nos lecteurs trouveront d’autres conseils dans les archives de la "
    "rubrique."
)
RARE_WORDS = [
    "palimpseste", "enluminure", "incunable", "colophon", "marginalia", "filigrane",
    "frontispice", "cursive", "onciale", "vélin",
]  # fmt: skip
COMMON_SHARE = 0.97
RARE_SHARE = 0.01
KINDS = ("common", "rare", "two_words", "misspelling")
TARGET_P50_MS = 30
TARGET_P99_MS = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--reseed", action="store_true")
    parser.add_argument("--requests", type=int, default=320, help="per kind (320)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--kinds", nargs="+", choices=KINDS, default=list(KINDS))
    parser.add_argument("--modes", nargs="+", choices=["database", "view"],
                        default=["database", "view"])  # fmt: skip
    parser.add_argument("--redis", action="store_true",
                        help="Redis (db 9, emptied) as the cache, as in production")  # fmt: skip
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument("--table", action="store_true")
    args = parser.parse_args()
    if args.table:
        print_table(latest_lines())
        return

    setup_django(redis=args.redis)
    from blog.models import Article  # noqa: PLC0415  (Django is set up only now)

    if args.reseed or not database_holds(args.articles):
        create_database()
        migrate()
        seed(args.articles)
    count = Article.objects.count()
    rng = random.Random(15)
    lines = []
    for kind in args.kinds:
        queries = distinct_queries(kind, args.requests + args.connections, rng)
        for mode in args.modes:
            line = measure(kind, mode, queries, args.connections)
            line.update(
                articles=count, kind=kind, mode=mode, cache="redis" if args.redis else "file"
            )
            lines.append(line)
            print(json.dumps(line, ensure_ascii=False), flush=True)
    if not args.no_save:
        with RESULTS.open("a") as out:
            for line in lines:
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print_table(lines)


# Set-up -------------------------------------------------------------------------------------


def setup_django(*, redis: bool = False) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="epw.settings",
        DATABASE_URL=PG_URL,
        DJANGO_DEBUG="0",
        DJANGO_SECURE_SSL_REDIRECT="0",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", secrets.token_urlsafe(50)),
        EPW_VAR_DIR=os.environ.get("EPW_VAR_DIR", tempfile.mkdtemp(prefix="epw-search-")),
        EPW_SEARCH_REQUESTS_PER_IP=str(10**9),
    )
    os.environ.pop("REDIS_URL", None)
    if redis:
        os.environ["REDIS_URL"] = REDIS_URL
        subprocess.run(["redis-cli", "-n", "9", "flushdb"], check=True, capture_output=True)
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(BENCH))
    import django  # noqa: PLC0415  (the environment above must be set first)

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415  (set up only now)

    call_command("collectstatic", interactive=False, verbosity=0)  # the page's asset names


def psql(sql: str, database: str = "postgres") -> str:
    command = ["psql", "-h", HOST, "-U", "postgres", "-d", database, "-v", "ON_ERROR_STOP=1"]
    return subprocess.run(
        [*command, "-qAtc", sql], check=True, capture_output=True, text=True
    ).stdout.strip()


def database_holds(articles: int) -> bool:
    exists = psql(f"SELECT 1 FROM pg_database WHERE datname = '{PG_DATABASE}'")
    if not exists:
        return False
    try:
        return psql("SELECT count(*) FROM blog_article", PG_DATABASE) == str(articles)
    except subprocess.CalledProcessError:
        return False


def create_database() -> None:
    from django.db import connections  # noqa: PLC0415  (Django is set up only now)

    connections.close_all()
    psql(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
    psql(f"CREATE DATABASE {PG_DATABASE}")


def migrate() -> None:
    from django.core.management import call_command  # noqa: PLC0415  (set up only now)

    call_command("migrate", verbosity=0)


def seed(count: int, batch_size: int = 2000) -> None:
    """`count` public articles with short bodies, their links, terms and lexicon."""
    # Django is set up only now: none of these can be imported at the top.
    import seed_articles as seeds  # noqa: PLC0415
    from django.db import connection, transaction  # noqa: PLC0415
    from django.utils import timezone  # noqa: PLC0415
    from django.utils.text import slugify  # noqa: PLC0415

    from blog.models import Article, SearchWord, TaggedArticle  # noqa: PLC0415
    from blog.search.text import lexicon_words, plain  # noqa: PLC0415
    from epw.core.chrome_cache import site_changed  # noqa: PLC0415

    rng = random.Random(100_000)
    started = time.monotonic()
    contributors, categories, tags = seeds.ensure_fixtures(rng)
    tag_weights = [1 / (rank + 1) ** 0.8 for rank in range(len(tags))]
    now = timezone.now().replace(microsecond=0)
    span = seeds.YEARS * 365 * 24 * 3600
    words: dict[str, str] = {}
    for start in range(0, count, batch_size):
        rows = []
        for number in range(start + 1, min(start + batch_size, count) + 1):
            title = seeds.make_title(rng)
            sentences = [seeds.sentence(rng) for _ in range(rng.randint(2, 4))]
            if rng.random() < COMMON_SHARE:
                sentences.insert(rng.randrange(len(sentences) + 1), COMMON_SENTENCE)
            for word in RARE_WORDS:
                if rng.random() < RARE_SHARE:
                    sentences.append(f"Un texte se relit comme un {word} : par couches.")
            body = f"<p>{' '.join(sentences)}</p>"
            standfirst = seeds.sentence(rng)
            category = rng.choice(categories)
            authors = rng.sample(contributors, rng.choice((1, 1, 1, 2)))
            article_tags = seeds.weighted_sample(rng, tags, tag_weights, rng.randint(3, 6))
            terms = " ".join(
                [category.name]
                + [author.display_name for author in authors]
                + [tag.name for tag in article_tags]
            )
            words.update(lexicon_words(f"{title} {standfirst} {terms} {plain(body)}"))
            article = Article(
                title=title,
                slug=f"{slugify(title)[:180]}-{number}",
                standfirst=standfirst,
                body=body,
                category=category,
                status=Article.Status.PUBLISHED,
                published_at=now - timedelta(seconds=rng.randint(3600, span)),
                reading_time=1,
                search_terms=terms,
            )
            rows.append((article, authors, article_tags))
        with transaction.atomic():
            created = Article.objects.bulk_create([article for article, _, _ in rows])
            Article.authors.through.objects.bulk_create(
                Article.authors.through(article_id=article.pk, contributor_id=author.pk)
                for article, (_, authors, _) in zip(created, rows, strict=True)
                for author in authors
            )
            TaggedArticle.objects.bulk_create(
                TaggedArticle(content_object_id=article.pk, tag_id=tag.pk)
                for article, (_, _, article_tags) in zip(created, rows, strict=True)
                for tag in article_tags
            )
        print(f"  {start + len(rows)}/{count} articles", file=sys.stderr, flush=True)
    SearchWord.objects.bulk_create(
        [SearchWord(word=w, display=d) for w, d in words.items()],
        ignore_conflicts=True,
        batch_size=5000,
    )
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM blog_searchqueue")
        cursor.execute("VACUUM ANALYZE")
    site_changed()
    print(f"seeded {count} articles in {time.monotonic() - started:.0f} s", file=sys.stderr)


# Queries ------------------------------------------------------------------------------------


def variants(word: str, rng: random.Random):
    """The word with its letters' case and accents varied: the same search, another string."""
    accents = {"e": "eéèê", "a": "aàâ", "i": "iî", "u": "uù", "o": "oô"}
    while True:
        letters = []
        for letter in word:
            letter = rng.choice(accents.get(letter, letter))
            letters.append(letter.upper() if rng.random() < 0.3 else letter)
        yield "".join(letters)


def misspelt(word: str, rng: random.Random) -> str:
    position = rng.randrange(1, len(word) - 1)
    replacement = rng.choice([c for c in "bcdfgklmnprstvz" if c != word[position]])
    return word[:position] + replacement + word[position + 1 :]


def distinct_queries(kind: str, count: int, rng: random.Random) -> list[str]:
    seen: set[str] = set()
    pools = {
        "common": [variants(w, rng) for w in COMMON_WORDS],
        "rare": [variants(w, rng) for w in RARE_WORDS],
    }
    while len(seen) < count:
        if kind in ("common", "rare"):
            query = next(rng.choice(pools[kind]))
        elif kind == "two_words":
            first, second = rng.sample(pools["common"], 2)
            query = f"{next(first)} {next(second)}"
        else:
            query = misspelt(rng.choice(COMMON_WORDS + RARE_WORDS), rng)
            if len(seen) >= count // 2:  # then vary their case too
                query = next(variants(query, rng))
        seen.add(query)
    queries = list(seen)
    rng.shuffle(queries)
    return queries


# Measuring ----------------------------------------------------------------------------------


def measure(kind: str, mode: str, queries: list[str], connections: int) -> dict:
    # Django is set up only now.
    from django.core.cache.backends.dummy import DummyCache  # noqa: PLC0415

    import blog.search  # noqa: PLC0415

    blog.search.cache = DummyCache("search-off", {})  # every request runs its search
    measured = queries[connections:]  # the first ones warm up
    if mode == "database":
        plans = [capture(query) for query in queries]
        found = sum(plan["count"] for plan in plans[connections:]) / len(measured)
        suggested = sum(1 for plan in plans[connections:] if plan["suggestion"])
        work = [plan["statements"] for plan in plans]
        run = replay
    else:
        found = suggested = None
        work = queries
        run = get_page
    run(work[:connections], connections)  # warm-up, not counted
    load_before = os.getloadavg()[0]
    cpu_before = time.process_time()
    started = time.monotonic()
    latencies = run(work[connections:], connections)
    elapsed = time.monotonic() - started
    cpu = time.process_time() - cpu_before
    latencies.sort()
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "db": "postgresql",
        "connections": connections,
        "requests": len(latencies),
        "p50_ms": round(percentile(latencies, 50) * 1000, 1),
        "p99_ms": round(percentile(latencies, 99) * 1000, 1),
        "mean_ms": round(statistics.fmean(latencies) * 1000, 1),
        "rps": round(len(latencies) / elapsed, 1),
        "client_cpu_ms_per_request": round(cpu * 1000 / len(latencies), 2),
        "database_cpu_ms_per_request": (
            round(replay.database_cpu * 1000 / len(latencies), 2) if mode == "database" else None
        ),
        "found_mean": None if found is None else round(found, 1),
        "suggestions": suggested,
        "loadavg_before": round(load_before, 2),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "example_query": measured[0],
    }


def capture(query: str) -> dict:
    """The SQL statements the search page runs for this query (run once, not measured)."""
    from django.db import connection  # noqa: PLC0415  (Django is set up only now)
    from django.test.utils import CaptureQueriesContext  # noqa: PLC0415

    from blog.search import search_page  # noqa: PLC0415

    with CaptureQueriesContext(connection) as captured:
        results = search_page(query)
    statements = [q["sql"] for q in captured.captured_queries]
    return {"statements": statements, "count": results.count, "suggestion": results.suggestion}


def replay(work: list[list[str]], connections: int) -> list[float]:
    import psycopg  # noqa: PLC0415  (only this mode needs it)

    def session(queue: list[list[str]], out: list[float]) -> None:
        with psycopg.connect(f"host={HOST} user=postgres dbname={PG_DATABASE}") as conn:
            conn.autocommit = True
            cpu_before = backend_cpu(conn.info.backend_pid)
            for statements in queue:
                started = time.perf_counter()
                for sql in statements:
                    with conn.cursor() as cursor:
                        cursor.execute(sql)
                        if cursor.description:
                            cursor.fetchall()
                out.append(time.perf_counter() - started)
            with lock:
                database_cpu[0] += backend_cpu(conn.info.backend_pid) - cpu_before

    lock = threading.Lock()
    database_cpu = [0.0]
    latencies = in_threads(session, work, connections)
    replay.database_cpu = database_cpu[0]
    return latencies


def backend_cpu(pid: int) -> float:
    """CPU seconds used so far by one PostgreSQL backend (Linux /proc, same machine)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def get_page(work: list[str], connections: int) -> list[float]:
    from django.db import connection  # noqa: PLC0415  (Django is set up only now)
    from django.test import Client  # noqa: PLC0415

    def session(queue: list[str], out: list[float]) -> None:
        client = Client()
        try:
            for query in queue:
                started = time.perf_counter()
                response = client.get("/recherche/", {"q": query})
                out.append(time.perf_counter() - started)
                if response.status_code != 200:
                    raise SystemExit(f"{query!r}: HTTP {response.status_code}")
        finally:
            connection.close()

    return in_threads(session, work, connections)


def in_threads(session, work: list, connections: int) -> list[float]:
    queues = [work[index::connections] for index in range(connections)]
    outs: list[list[float]] = [[] for _ in queues]
    errors: list[Exception] = []

    def guarded(queue: list, out: list[float]) -> None:
        try:
            session(queue, out)
        except Exception as error:  # noqa: BLE001  (raised below, in the main thread)
            errors.append(error)

    threads = [
        threading.Thread(target=guarded, args=(queue, out))
        for queue, out in zip(queues, outs, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise errors[0]
    return [latency for out in outs for latency in out]


def percentile(sorted_values: list[float], rank: float) -> float:
    index = min(len(sorted_values) - 1, max(0, round(rank / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


# Report -------------------------------------------------------------------------------------


def latest_lines() -> list[dict]:
    latest: dict[tuple, dict] = {}
    for raw in RESULTS.read_text().splitlines() if RESULTS.exists() else []:
        line = json.loads(raw)
        key = (line["articles"], line["kind"], line["mode"], line["connections"])
        latest[(*key, line.get("cache", "file"))] = line
    return list(latest.values())


def print_table(lines: list[dict]) -> None:
    print(
        "\n| articles | query | measured | cache | p50 ms | p99 ms | req/s | client CPU ms/req "
        "| PostgreSQL CPU ms/req | found (mean) | load before |"
    )
    print("|---:|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for line in lines:
        found = "" if line["found_mean"] is None else line["found_mean"]
        print(
            f"| {line['articles']:,} | {line['kind']} | {line['mode']} "
            f"| {line.get('cache', 'file')} | {line['p50_ms']} "
            f"| {line['p99_ms']} | {line['rps']} | {line['client_cpu_ms_per_request']} "
            f"| {line.get('database_cpu_ms_per_request') or ''} | {found} "
            f"| {line['loadavg_before']} |"
        )


if __name__ == "__main__":
    main()
