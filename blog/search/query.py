"""The search queries, one per database, their highlighted excerpts and the suggestions.

PostgreSQL: the stored, GIN-indexed `search_vector` (see blog.search.index) with the
`french_unaccent` configuration (French stemming, accents ignored) and `websearch_to_tsquery`
(safe for any input; quotes, `-word` and `or` understood).

Relevance among a bounded set: the matches considered are the `BOUND` most recent ones, found
through the indexes (for a rare word, the GIN index gives the matches, of the newest quarter of
the archive when it holds enough (blog.search.newest), and the newest are kept; for a word in
nearly every article, PostgreSQL walks the publication-date index backwards and
stops after `BOUND` matches). Only those are ranked — title matches first, then `ts_rank` on
the weighted vector (title A > standfirst, category, authors, tags B > body C) — and counted.
The trade-off: when more than `BOUND` articles match, an older article is not offered even if
it would rank higher; the page says that only the most recent are shown, and more words narrow
the search. In exchange every search costs the same at 1,000 articles or 100,000, whatever the
word. The first page's articles come back with the ranking (see blog.search.excerpts).

SQLite: the FTS5 table of folded plain text. Every word must appear, as the start of a word of
the text (« titre » finds « titres », never inside a word nor in the markup); one-letter words
and elided articles (l', qu'…) are ignored; title matches first, then the most recent. All
matches are counted (the default database serves small sites).
"""

import difflib
import re
from dataclasses import dataclass

from django.contrib.postgres.search import (
    CombinedSearchQuery,
    SearchQuery,
    SearchQueryCombinable,
    SearchQueryField,
    SearchVectorField,
)
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import (
    BooleanField,
    Expression,
    QuerySet,
    TextField,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast, Length
from django.utils.safestring import SafeString

from blog.models import Article
from blog.search.excerpts import excerpt, prefix_matcher, stem_matcher
from blog.search.index import FTS_TABLE, queue_gone_live, search_index_catch_up
from blog.search.models import SearchWord
from blog.search.newest import newest_months
from blog.search.text import fold, query_words

CONFIG = "french_unaccent"
BOUND = 200
TABLE = Article._meta.db_table
TSQUERY = f"websearch_to_tsquery('{CONFIG}', %s)"
FTS_MATCH = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"
# Suggestions: how many unknown words are looked at, and how close a word must be (SQLite).
SUGGESTED_WORDS = 3
CLOSE_ENOUGH = 0.75
STALE_TRIES = 3  # stale words taken out per suggested word, at most


@dataclass
class Found:
    """One result of a search: which article, and its excerpt for this query (safe HTML: the
    text escaped, our own <mark> tags around the matches). Its card is kept apart, the same for
    every search (blog.fragments.attach_result_cards)."""

    pk: int
    version: int
    excerpt: SafeString
    result_html: SafeString | str = ""


def search_articles(query: str, *, within: str | None = None) -> QuerySet[Article]:
    """Public articles matching the query, newest first. On PostgreSQL, `within` (a tsquery of
    the index's own lexemes, blog.search.newest) keeps only the articles it matches too."""
    articles = Article.objects.published()
    if not re.search(r"\w", query):
        return articles.none()
    if connections[articles.db].vendor == "postgresql":
        tsquery = _tsquery(query)
        if within:
            also = Cast(Value(within), SearchQueryField())
            tsquery = CombinedSearchQuery(tsquery, SearchQueryCombinable.BITAND, also, CONFIG)
        matching = articles.alias(vector=_SearchVectorColumn()).filter(vector=tsquery)
    else:
        matching = _sqlite_matches(articles, query)
    return matching.order_by("-published_at", "-pk")


@dataclass
class Ranking:
    """The ids of the matches, best first, and the first `excerpted` of them as results."""

    ids: list[int]
    first: list[Found]


def rank(query: str, *, excerpted: int = 0) -> Ranking:
    """The matches, best first: on PostgreSQL the `BOUND` most recent, title matches first,
    then by `ts_rank`; elsewhere every match, title matches first. Among equals, the most
    recent first. The index is brought up to date first (`search_index_catch_up`)."""
    if is_bounded():
        return _rank_postgresql(query, excerpted)
    search_index_catch_up()
    ids = list(
        search_articles(query)
        .alias(in_title=_sqlite_in_title(query))
        .order_by("-in_title", "-published_at", "-pk")
        .values_list("pk", flat=True)
    )
    return Ranking(ids, found_page(ids[:excerpted], query) if excerpted else [])


def _rank_postgresql(query: str, excerpted: int) -> Ranking:
    """The newest `BOUND` matches, looked for in the newest quarter of the archive first (the
    index alone sets the others aside: blog.search.newest), in all of it when that quarter
    holds fewer."""
    queue_gone_live()
    newest = newest_months(BOUND)
    if newest:
        ranking = _ranked_postgresql(query, excerpted, within=newest)
        if len(ranking.ids) == BOUND:
            return ranking
    return _ranked_postgresql(query, excerpted)


def _ranked_postgresql(query: str, excerpted: int, *, within: str | None = None) -> Ranking:
    """One statement: whether the index has work waiting, and the ranking with the first
    excerpts. The queue is filled by triggers in the same transaction as any change, so a
    snapshot where it is empty has an index true to its articles: the ranking is kept. When
    work is waiting, it is done and the statement runs again.

    The newest `BOUND` matches are chosen carrying only each row's address (ctid); only the
    chosen rows' vectors are read to rank them, and the first rows' texts for their excerpts.
    Django cannot order a sliced query, hence the outer SQL."""
    found = search_articles(query, within=within)
    address = RawSQL(f"{TABLE}.ctid", [], output_field=TextField())
    try:
        recent, recent_params = (
            found.annotate(address=address)
            .values_list("address", "pk", "published_at")[:BOUND]
            .query.sql_with_params()
        )
    except EmptyResultSet:  # a query without a word: nothing to look for
        return Ranking([], [])
    sql = (
        "SELECT pending.waiting, pending.lexemes, ranked.id, ranked.version, "
        "ranked.standfirst, ranked.body "
        "FROM (SELECT EXISTS (SELECT 1 FROM blog_searchqueue) AS waiting, "
        f"querytree({TSQUERY}) AS lexemes) AS pending "
        "LEFT JOIN ("
        f"SELECT recent.id, {TABLE}.version, row_number() OVER ranking AS place, "
        f"CASE WHEN row_number() OVER ranking <= %s THEN {TABLE}.standfirst END AS standfirst, "
        f"CASE WHEN row_number() OVER ranking <= %s THEN {TABLE}.body END AS body "
        f"FROM ({recent}) AS recent (address, id, published_at) "
        f"JOIN {TABLE} ON {TABLE}.ctid = recent.address "
        "WINDOW ranking AS (ORDER BY "
        f"ts_filter({TABLE}.search_vector, '{{a}}') @@ {TSQUERY} DESC, "  # title first
        f"ts_rank({TABLE}.search_vector, {TSQUERY}) DESC, "
        "recent.published_at DESC, recent.id DESC)"
        ") AS ranked ON true ORDER BY ranked.place"
    )
    params = [query, excerpted, excerpted, *recent_params, query, query]
    rows = _fetch(found.db, sql, params)
    if rows[0][0] and search_index_catch_up():
        rows = _fetch(found.db, sql, params)
    matcher = stem_matcher(rows[0][1])
    rows = [row for row in rows if row[2] is not None]
    return Ranking(
        ids=[row[2] for row in rows],
        first=[
            Found(pk, version, excerpt(standfirst, body, matcher))
            for _waiting, _lexemes, pk, version, standfirst, body in rows[:excerpted]
        ],
    )


def _fetch(db: str, sql: str, params: list) -> list[tuple]:
    with connections[db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def is_bounded() -> bool:
    """Whether searches consider only the `BOUND` most recent matches."""
    return connections[Article.objects.db].vendor == "postgresql"


def found_page(ids: list[int], query: str) -> list[Found]:
    """These articles (one page of results) in the order of `ids`, with their excerpts."""
    articles = Article.objects.filter(pk__in=ids)
    if connections[articles.db].vendor == "postgresql":
        rows = _fetch(
            articles.db,
            f"SELECT id, version, standfirst, body, querytree({TSQUERY}) "
            f"FROM {TABLE} WHERE id = ANY(%s)",
            [query, list(ids)],
        )
        matcher = stem_matcher(rows[0][4]) if rows else None
    else:
        rows = articles.values_list("pk", "version", "standfirst", "body")
        matcher = prefix_matcher(query)
    found = {
        pk: Found(pk, version, excerpt(standfirst, body, matcher))
        for pk, version, standfirst, body, *_lexemes in rows
    }
    return [found[pk] for pk in ids if pk in found]


def suggest(query: str) -> str | None:
    """The query with its unknown words replaced by the closest words of the site, if any."""
    words = [word for word in query_words(query) if len(word) >= 3]
    if not words:
        return None
    known = set(SearchWord.objects.filter(word__in=words).values_list("word", flat=True))
    postgresql = connections[SearchWord.objects.db].vendor == "postgresql"
    closest = _closest_postgresql if postgresql else _closest_portable
    replacements = {}
    for word in [w for w in words if w not in known][:SUGGESTED_WORDS]:
        if found := _still_found(closest, word):
            replacements[word] = found
    if not replacements:
        return None
    return re.sub(r"\w+", lambda m: replacements.get(fold(m.group()), m.group()), query)


def _still_found(closest, word: str) -> str | None:
    """The closest word that a public article still holds. The lexicon only grows between two
    rebuilds: a word whose articles were unpublished, edited or deleted since finds nothing, so
    it is taken out as it is met, and the next closest is tried."""
    for _attempt in range(STALE_TRIES):
        found = closest(word)
        if found is None or _found_anywhere(found):
            return found
        SearchWord.objects.filter(word=fold(found)).delete()
    return None


def _found_anywhere(word: str) -> bool:
    """Whether a public article holds `word`: the index alone, nothing ranked."""
    articles = Article.objects.published()
    if connections[articles.db].vendor != "postgresql":
        return _sqlite_matches(articles, word).exists()
    return articles.alias(vector=_SearchVectorColumn()).filter(vector=_tsquery(word)).exists()


def _closest_postgresql(word: str) -> str | None:
    """The most similar word by trigrams (pg_trgm's `%`, served by a GIN index)."""
    with connections[SearchWord.objects.db].cursor() as cursor:
        cursor.execute(
            "SELECT display FROM blog_searchword WHERE word %% %s "
            "ORDER BY similarity(word, %s) DESC, word LIMIT 1",
            [word, word],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def _closest_portable(word: str) -> str | None:
    """The most similar word of the same first letter and about the same length."""
    candidates = (
        SearchWord.objects.filter(word__startswith=word[0])
        .alias(length=Length("word"))
        .filter(length__range=(len(word) - 2, len(word) + 2))
        .values_list("word", "display")[:5000]
    )
    best, best_ratio = None, CLOSE_ENOUGH
    for candidate, display in candidates:
        ratio = difflib.SequenceMatcher(None, word, candidate).ratio()
        if ratio > best_ratio:
            best, best_ratio = display, ratio
    return best


# PostgreSQL ---------------------------------------------------------------------------------


class _SearchVectorColumn(Expression):
    """`blog_article.search_vector`, the generated column (migrations 0016 and 0021)."""

    output_field = SearchVectorField()

    def __init__(self, alias: str | None = None) -> None:
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, *args, **kwargs):
        return _SearchVectorColumn(query.get_initial_alias())

    def relabeled_clone(self, relabels):
        return _SearchVectorColumn(relabels.get(self.alias, self.alias))

    def get_group_by_cols(self):
        return [self]

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(self.alias)
        return f"{table}.{connection.ops.quote_name('search_vector')}", []


def _tsquery(query: str) -> SearchQuery:
    return SearchQuery(query, config=CONFIG, search_type="websearch")


# SQLite (and any other database) ------------------------------------------------------------


def _sqlite_words(query: str) -> str:
    # Words are runs of \w: quoted, they are plain prefixes, never FTS5 syntax.
    return " AND ".join(f'"{word}"*' for word in query_words(query))


def _sqlite_matches(articles: QuerySet[Article], query: str) -> QuerySet[Article]:
    if not query_words(query):
        return articles.none()
    return articles.filter(pk__in=RawSQL(FTS_MATCH, [_sqlite_words(query)]))


def _sqlite_in_title(query: str) -> RawSQL:
    return RawSQL(
        f'"blog_article"."id" IN ({FTS_MATCH})',
        [f"{{title}} : ({_sqlite_words(query)})"],
        output_field=BooleanField(),
    )
