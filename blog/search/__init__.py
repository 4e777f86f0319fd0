"""Article search: one entry point, whatever the database, its results cached briefly.

- `blog.search.index` keeps the index right (derived columns, FTS5 rows, the lexicon);
- `blog.search.query` searches it (PostgreSQL full text or SQLite FTS5), cuts the excerpts and
  suggests corrections;
- `search_page()` below is what the search page asks for: one page of results, its count and,
  when nothing is found, « Vouliez-vous dire … ? ». A page is cached for `CACHE_SECONDS` (key:
  the folded query, the page number and the language), and at once forgotten when the site's
  generation as readers see it changes (`blog.freshness`): a scheduled article going live too.
"""

import hashlib
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.paginator import Paginator
from django.utils import translation

from blog.freshness import current_generation
from blog.search.query import (
    BOUND,
    Found,
    found_page,
    is_bounded,
    rank,
    search_articles,
    suggest,
)
from blog.search.text import clean_query, fold

__all__ = ["Found", "SearchResults", "clean_query", "search_articles", "search_page"]

PAGE_SIZE = 10
CACHE_SECONDS = 30


@dataclass
class SearchResults:
    """One page of results: what the search page shows."""

    count: int
    number: int
    articles: list[Found] = field(default_factory=list)
    bounded: bool = False  # more matched than were considered: only the most recent are shown
    suggestion: str | None = None


def search_page(query: str, page: int | str = 1) -> SearchResults:
    """The given page of results (raises `InvalidPage` when there is no such page)."""
    key = _cache_key(query, page)
    results = cache.get(key)
    if results is None:
        # Ids (at most `BOUND` on PostgreSQL), and the first page's results, which are asked
        # for most, with them; another page is read alone.
        first = str(page).strip() == "1"
        ranking = rank(query, excerpted=PAGE_SIZE if first else 0)
        paginator = Paginator(ranking.ids, PAGE_SIZE)
        page_obj = paginator.page(page)
        shown = ranking.first if first else found_page(list(page_obj.object_list), query)
        results = SearchResults(
            count=paginator.count,
            number=page_obj.number,
            articles=shown,
            bounded=is_bounded() and paginator.count >= BOUND,
            suggestion=suggest(query) if not paginator.count else None,
        )
        cache.set(key, results, CACHE_SECONDS)
    return results


def _cache_key(query: str, page: int | str) -> str:
    normalised = " ".join(fold(query).split())
    digest = hashlib.sha256(normalised.encode()).hexdigest()[:32]
    language = translation.get_language() or ""
    return f"epw:search:{current_generation()[0]}:{language}:{page}:{digest}"
