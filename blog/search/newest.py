"""The newest quarter of the archive, as lexemes of the search index (PostgreSQL).

Ranking takes the newest `BOUND` matches of a query. For a word in one article of a hundred,
at 100,000 articles, finding them means reading the rows of its thousand matches for their
dates: most of such a search's cost. Each article's vector also holds its publication month
and year as lexemes (`§m202611`, `§y2026`, migration 0021), so the GIN index itself can keep
the matches of the newest months, the quarter of the archive published last, and only their
rows are read. When those months hold fewer than `BOUND` matches, the whole archive is searched
(blog.search.query.rank), so results never depend on this shortcut, only the cost does.

Which month starts the newest quarter changes slowly: it is counted once a day. The months
after it, up to the current one, are named when a search runs, so an article published
since is always among them.
"""

from datetime import UTC, date, datetime

from django.core.cache import cache
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone

from blog.models import Article

FIRST_MONTH_KEY = "epw:search:newest-quarter-from:v1"
RECOUNTED_EVERY = 24 * 3600
SHARE = 4  # the newest quarter
# Smaller archives are searched whole: a quarter of them would seldom hold `BOUND` matches.
SMALLEST_QUARTER = 5


def newest_months(bound: int) -> str | None:
    """A tsquery matching the articles of the newest quarter of the archive, or None when the
    archive is too small for a quarter of it to hold `SMALLEST_QUARTER` × `bound` articles."""
    first = cache.get(FIRST_MONTH_KEY)
    if first is None:
        first = _first_newest_month(bound) or ""
        cache.set(FIRST_MONTH_KEY, first, RECOUNTED_EVERY)
    return _months_since(date.fromisoformat(first), timezone.now()) if first else None


def _first_newest_month(bound: int) -> str | None:
    """The month from which on the public articles are a quarter of all (ISO date of its
    first day), if that quarter is large enough and older months remain."""
    months = list(
        Article.objects.published()
        .annotate(month=TruncMonth("published_at", tzinfo=UTC))
        .values("month")
        .annotate(articles=Count("*"))  # the public-listing index alone answers
        .order_by("-month")
        .values_list("month", "articles")
    )
    total = sum(articles for _month, articles in months)
    newest = 0
    for position, (month, articles) in enumerate(months):
        newest += articles
        if newest * SHARE >= total:
            enough = newest >= SMALLEST_QUARTER * bound
            return month.date().isoformat() if enough and position < len(months) - 1 else None
    return None


def _months_since(first: date, now: datetime) -> str:
    """`first`'s month and every later one up to `now`'s, as few lexemes as possible: the rest
    of `first`'s year month by month (the whole year when it starts in January), then years."""
    now = now.astimezone(UTC)
    if first.month == 1:
        lexemes = [f"§y{first.year}"]
    else:
        last = 12 if first.year < now.year else now.month
        lexemes = [f"§m{first.year}{month:02}" for month in range(first.month, last + 1)]
    lexemes += [f"§y{year}" for year in range(first.year + 1, now.year + 1)]
    return " | ".join(f"'{lexeme}'" for lexeme in lexemes)
