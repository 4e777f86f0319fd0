"""PostgreSQL looks for the newest matches in the newest quarter of the archive first: the
results are those of the whole archive either way."""

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Article
from blog.search.newest import _months_since, newest_months
from tests.blog.test_search import found_titles, search
from tests.factories import ArticleFactory

BOUND = 3


@pytest.fixture
def archive(db, monkeypatch):
    """Sixteen monthly articles, newest first: « Mois 0 » (last week) to « Mois 15 »; the
    newest quarter is their four newest months."""
    if connection.vendor != "postgresql":
        pytest.skip("the index's month lexemes are PostgreSQL's")
    monkeypatch.setattr("blog.search.BOUND", BOUND)
    monkeypatch.setattr("blog.search.query.BOUND", BOUND)
    monkeypatch.setattr("blog.search.newest.SMALLEST_QUARTER", 1)
    now = timezone.now()
    return {
        months: ArticleFactory(
            title=f"Mois {months}",
            body="<p>Des archives.</p>",
            published_at=now - timedelta(days=7 + 31 * months),
        )
        for months in range(16)
    }


def whole_archive_searches(captured) -> int:
    return sum(
        1
        for query in captured.captured_queries
        if '"search_vector" @@' in query["sql"] and "§" not in query["sql"]
    )


def with_word(articles, word: str = "typographie") -> None:
    for article in articles:
        Article.objects.filter(pk=article.pk).update(body=f"<p>La {word}.</p>")


def test_enough_matches_in_the_newest_months_are_found_there_alone(client, archive):
    with_word(archive[months] for months in (0, 1, 2, 3, 9, 14))
    search(client, "archives")  # the site chrome and the newest quarter, counted once
    with CaptureQueriesContext(connection) as captured:
        response = search(client, "typographie")
    assert found_titles(response) == ["Mois 0", "Mois 1", "Mois 2"]
    assert whole_archive_searches(captured) == 0


def test_older_matches_are_found_when_the_newest_months_hold_too_few(client, archive):
    with_word(archive[months] for months in (1, 9, 12, 14))
    assert found_titles(search(client, "typographie")) == ["Mois 1", "Mois 9", "Mois 12"]
    assert found_titles(search(client, "calligraphie")) == []


def test_an_article_whose_date_changes_moves_with_it(client, archive):
    with_word(archive[months] for months in (1, 2, 3, 15))
    search(client, "archives")
    Article.objects.filter(pk=archive[15].pk).update(published_at=timezone.now())
    Article.objects.filter(pk=archive[1].pk).update(
        published_at=timezone.now() - timedelta(days=900)
    )
    with CaptureQueriesContext(connection) as captured:
        response = search(client, "typographie")
    assert found_titles(response) == ["Mois 15", "Mois 2", "Mois 3"]
    assert whole_archive_searches(captured) == 0


def test_an_article_published_after_the_quarter_was_counted_is_found_first(client, archive):
    with_word(archive[months] for months in (0, 1, 2))
    search(client, "archives")
    ArticleFactory(title="Tout neuf", body="<p>La typographie.</p>", published_at=timezone.now())
    with CaptureQueriesContext(connection) as captured:
        response = search(client, "typographie")
    assert found_titles(response) == ["Tout neuf", "Mois 0", "Mois 1"]
    assert whole_archive_searches(captured) == 0


def test_a_small_archive_is_searched_whole(db, monkeypatch):
    monkeypatch.setattr("blog.search.newest.SMALLEST_QUARTER", 5)
    for months in range(12):
        ArticleFactory(published_at=timezone.now() - timedelta(days=31 * months))
    assert newest_months(BOUND) is None


def test_an_archive_of_one_month_is_searched_whole(db, monkeypatch):
    monkeypatch.setattr("blog.search.newest.SMALLEST_QUARTER", 1)
    with time_machine.travel(datetime(2026, 6, 20, 12, tzinfo=UTC)):
        for hours in range(20):
            ArticleFactory(published_at=timezone.now() - timedelta(hours=hours))
        assert newest_months(BOUND) is None


@pytest.mark.parametrize(
    ("first", "now", "lexemes"),
    [
        (date(2024, 12, 1), datetime(2026, 12, 3, tzinfo=UTC), "'§m202412' | '§y2025' | '§y2026'"),
        (date(2025, 1, 1), datetime(2026, 2, 1, tzinfo=UTC), "'§y2025' | '§y2026'"),
        (
            date(2026, 10, 1),
            datetime(2026, 12, 3, tzinfo=UTC),
            "'§m202610' | '§m202611' | '§m202612'",
        ),
    ],
)
def test_the_newest_months_are_named_with_as_few_lexemes_as_possible(first, now, lexemes):
    assert _months_since(first, now) == lexemes
