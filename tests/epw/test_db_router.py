"""With a read replica, anonymous readers' pages read it; writes, staff and the admin never do.

The replica alias is the test database itself (`TEST["MIRROR"]`, epw/test_settings.py) on its
own connection, so each connection's queries show where a request read.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blog.models import Article
from epw.chrome import chrome_load
from epw.core.chrome_cache import site_changed
from epw.db_router import STICKY_COOKIE, ReplicaReadsMiddleware
from newsletter.models import Subscriber
from tests.blog.comments.conftest import form_data
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db(databases=["default", "replica"], transaction=True)


@pytest.fixture(autouse=True)
def replica_reads(settings):
    settings.EPW_READ_REPLICAS = ["replica"]
    settings.DATABASE_ROUTERS = ["epw.db_router.ReplicaRouter"]
    yield
    connections["replica"].close()


@pytest.fixture
def article():
    return ArticleFactory(title="Écrire pour le web")


class Queries:
    """The queries each connection ran during the block."""

    def __enter__(self):
        self.primary = CaptureQueriesContext(connections["default"]).__enter__()
        self.replica = CaptureQueriesContext(connections["replica"]).__enter__()
        return self

    def __exit__(self, *exc):
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)


def test_an_anonymous_reader_s_pages_are_read_from_the_replica(client, article):
    Client().get("/")  # the first page ever creates the site settings' row, on the primary
    # The first search brings the search index up to date (writes, on the primary).
    Client().get(reverse("blog:search"), {"q": "indexation"})
    for path in (article.get_absolute_url(), reverse("blog:home"), reverse("blog:search")):
        site_changed()  # the page is built anew, from the database (the chrome aside)
        chrome_load()
        with Queries() as queries:
            response = client.get(path, {"q": "web"} if "recherche" in path else {})
        assert response.status_code == 200
        assert len(queries.replica) > 0, path
        # Only the search index's queue is looked at on the primary, where it is written.
        primary = [q["sql"] for q in queries.primary if "blog_searchqueue" not in q["sql"]]
        assert primary == [], path


def test_staff_pages_and_the_admin_read_the_primary(client, article):
    editor = StaffUserFactory(is_superuser=True)
    client.force_login(editor)
    for path in (article.get_absolute_url(), reverse("admin:blog_article_changelist")):
        with Queries() as queries:
            response = client.get(path)
        assert response.status_code == 200
        assert len(queries.primary) > 0, path
        assert len(queries.replica) == 0, path


def test_a_comment_is_written_and_read_back_on_the_primary(client, article):
    with Queries() as queries:
        response = client.post(reverse("blog_comments:post", args=[article.pk]), form_data(article))
    assert response.status_code == 302
    assert len(queries.replica) == 0
    # The reader's next requests read the primary for a few seconds: the comment just sent is
    # found there even if the replica lags behind.
    assert response.cookies[STICKY_COOKIE]["max-age"] == 5
    with Queries() as queries:
        response = client.get(response["Location"])
    assert response.status_code == 200  # the page of the comment just sent, not "link invalid"
    assert len(queries.replica) == 0


def test_a_signup_writes_on_the_primary_and_reads_nothing_from_the_replica(client):
    with Queries() as queries:
        response = client.post(
            reverse("newsletter:signup"), {"email": "lea@example.org", "consent": "on"}
        )
    assert response.status_code == 302
    assert Subscriber.objects.filter(email="lea@example.org").exists()
    assert len(queries.replica) == 0


def test_without_a_request_everything_is_on_the_primary(article):
    """The task worker, commands and the shell have no reader to serve."""
    with Queries() as queries:
        Article.objects.get(pk=article.pk)
    assert len(queries.primary) == 1
    assert len(queries.replica) == 0


def test_within_a_request_reads_follow_a_write_and_transactions_to_the_primary(rf, article):
    seen = {}

    def view(request):
        with Queries() as before:
            loaded = Article.objects.get(pk=article.pk)
        with Queries() as in_transaction, transaction.atomic():
            Article.objects.get(pk=article.pk)
        with Queries() as write:
            Article.objects.filter(pk=loaded.pk).update(title="Lire pour le web")
        with Queries() as after:
            Article.objects.get(pk=article.pk)
        seen.update(before=before, in_transaction=in_transaction, write=write, after=after)
        return HttpResponse("ok")

    request = rf.get("/")
    request.user = AnonymousUser()
    response = ReplicaReadsMiddleware(view)(request)

    assert (len(seen["before"].replica), len(seen["before"].primary)) == (1, 0)
    assert len(seen["in_transaction"].replica) == 0
    assert (len(seen["write"].replica), len(seen["write"].primary)) == (0, 1)
    assert (len(seen["after"].replica), len(seen["after"].primary)) == (0, 1)
    assert STICKY_COOKIE in response.cookies
