"""Public pages run a fixed number of queries, whatever the amount of content on them."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from blog.models import Article, SiteSettings
from epw.chrome import chrome_load
from epw.core.chrome_cache import site_changed
from tests.factories import ArticleFactory, CategoryFactory, ContributorFactory

pytestmark = pytest.mark.django_db

# With the site chrome and the article cards cached (their cold costs are measured below).
BUDGETS = {"home": 3, "category": 3, "tag": 4, "author": 3, "archive": 6, "article": 7}
# The cards missing from the cache: their authors and tags in one query each, for the whole page.
CARDS_MISSING = 2
LISTINGS = ["home", "category", "tag", "author", "archive"]


def build_site(articles: int, tags: int, authors: int, comments: int) -> Article:
    category = CategoryFactory(slug="seo")
    people = [ContributorFactory(slug=f"autrice-{i}") for i in range(authors)]
    tag_names = ["commun"] + [f"etiquette-{i}" for i in range(tags - 1)]
    now = timezone.now()
    created = [
        ArticleFactory(
            category=category,
            authors=people,
            tags=tag_names,
            published_at=now - timedelta(days=i + 1),
            featured=i == 0,
        )
        for i in range(articles)
    ]
    article = created[len(created) // 2]
    content_type = ContentType.objects.get_for_model(Article)
    for i in range(comments):
        XtdComment.objects.create(
            content_type=content_type,
            object_pk=str(article.pk),
            site_id=1,
            user_name=f"Lecteur {i}",
            user_email=f"lecteur{i}@example.org",
            comment="Merci pour cet article.",
            is_public=True,
        )
    return article


def page_paths(article: Article) -> dict[str, str]:
    year = article.published_at.year
    return {
        "home": "/",
        "category": "/categories/seo/",
        "tag": "/etiquettes/commun/",
        "author": "/auteurs/autrice-0/",
        "archive": f"/archives/{year}/",
        "article": article.get_absolute_url(),
    }


def count_queries(client, path: str, *, cards_cached: bool = True) -> int:
    client.get(path)  # warm the site chrome cache
    if not cards_cached:
        site_changed()  # every card is made anew (and the chrome, warmed again below)
        chrome_load()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.mark.parametrize("page", BUDGETS)
@pytest.mark.parametrize(
    "size",
    [
        {"articles": 2, "tags": 1, "authors": 1, "comments": 0},
        {"articles": 12, "tags": 8, "authors": 4, "comments": 10},
        {"articles": 25, "tags": 12, "authors": 6, "comments": 200},
    ],
    ids=["small", "medium", "large"],
)
def test_page_query_count_is_fixed(client, page, size):
    article = build_site(**size)
    assert count_queries(client, page_paths(article)[page]) == BUDGETS[page]


@pytest.mark.parametrize("page", LISTINGS)
def test_cards_missing_from_the_cache_cost_two_queries_per_page(client, page):
    article = build_site(articles=12, tags=8, authors=4, comments=0)
    path = page_paths(article)[page]
    assert count_queries(client, path, cards_cached=False) == BUDGETS[page] + CARDS_MISSING


def test_cold_site_chrome_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    build_site(articles=3, tags=3, authors=2, comments=0)
    SiteSettings.objects.create()
    # settings, categories, footer pages, subscriber count, archive years, announcements,
    # audience of the last 30 days
    with django_assert_num_queries(BUDGETS["home"] + CARDS_MISSING + 7):
        client.get("/")
