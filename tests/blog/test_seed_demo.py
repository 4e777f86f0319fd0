import pytest
from django.core.management import call_command
from django_comments_xtd.models import XtdComment

from blog.models import Article, Category, Page
from contributors.models import Contributor
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "articles": Article.objects.count(),
        "public": Article.objects.published().count(),
        "categories": Category.objects.count(),
        "contributors": Contributor.objects.count(),
        "pages": Page.objects.count(),
        "comments": XtdComment.objects.filter(is_public=True).count(),
        "subscribers": Subscriber.objects.confirmed().count(),
    }


def test_seed_fills_an_empty_database_and_a_second_run_changes_nothing():
    call_command("seed_demo")
    first = counts()
    assert first["public"] >= 12
    assert first["categories"] >= 3
    assert 2 <= first["contributors"] <= 4
    assert first["comments"] >= 5
    assert first["subscribers"] >= 3
    assert Page.objects.filter(slug="a-propos").exists()
    snapshot = list(Article.objects.values_list("slug", "published_at", "modified_at"))

    call_command("seed_demo")
    assert counts() == first
    assert list(Article.objects.values_list("slug", "published_at", "modified_at")) == snapshot


def test_seeded_articles_have_intertitles_lists_and_tags():
    call_command("seed_demo")
    articles = list(Article.objects.prefetch_related("tags", "authors"))
    assert all(article.body.count("<h2>") >= 2 for article in articles)
    assert sum("<ul>" in article.body for article in articles) >= 5
    assert all(article.tags.all() and article.authors.all() for article in articles)


def test_home_lists_the_demo_articles(client):
    call_command("seed_demo")
    html = client.get("/").content.decode()
    latest = Article.objects.published().order_by("-published_at").first()
    assert latest.title.replace("'", "&#x27;") in html
