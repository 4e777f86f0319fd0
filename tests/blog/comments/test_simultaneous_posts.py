"""The same comment sent several times at once is stored once and announced once."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_comments_xtd.models import XtdComment

from blog.comments import services
from tests.factories import ArticleFactory


def post(article, **extra):
    return services.comment_post(
        article=article,
        name="Camille",
        email="camille@example.org",
        url="",
        text="Quatre clics impatients sur le même bouton.",
        followup=False,
        **extra,
    )


def index_of(statements: list[str], *parts: str) -> int:
    return next(i for i, sql in enumerate(statements) if all(part in sql for part in parts))


@pytest.mark.django_db
def test_the_duplicate_check_runs_inside_the_insert_transaction_under_the_article_lock(article):
    with CaptureQueriesContext(connection) as captured:
        post(article)

    statements = [query["sql"] for query in captured.captured_queries]
    begin = index_of(statements, "SAVEPOINT")
    savepoint = statements[begin].split()[-1]
    end = statements.index(f"RELEASE SAVEPOINT {savepoint}")
    check = index_of(statements, "SELECT", "fingerprint")
    insert = index_of(statements, "INSERT INTO")
    assert begin < check < insert < end
    if connection.features.has_select_for_update:
        lock = index_of(statements, "SELECT", "blog_article", "FOR UPDATE")
        assert begin < lock < check


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's in-memory test database has no row locks"
)
@pytest.mark.django_db(transaction=True)
def test_identical_posts_sent_at_the_same_moment_store_one_comment_and_one_email():
    article = ArticleFactory()
    start = threading.Barrier(4)

    def send(_):
        try:
            start.wait(timeout=30)
            return post(article).pk
        finally:
            connection.close()  # each thread has its own connection

    with ThreadPoolExecutor(max_workers=4) as pool:
        stored = list(pool.map(send, range(4)))

    assert len(set(stored)) == 1
    assert XtdComment.norel_objects.count() == 1
    assert [message.to for message in mail.outbox] == [["camille@example.org"]]
