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

# Between two changes of the site: the listings' pages, their cards, the article page's article,
# neighbours and comments all come from the cache. What is left: finding the category, tag or
# author named in the address, and whether that listing (or archive) has public articles.
BUDGETS = {"home": 0, "category": 1, "tag": 2, "author": 2, "archive": 3, "article": 0}
# Just after a change (the chrome warm): the next clock change (2 queries), then each page reads
# anew what it shows: a listing its count, its page of ids and the rows, authors and tags of its
# cards (the home page its featured article too); the article page its article, authors, tags,
# previous and next articles, related articles and comments.
AFTER_A_CHANGE = {"home": 8, "category": 8, "tag": 9, "author": 9, "archive": 11, "article": 9}
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


def count_queries(client, path: str, *, after_a_change: bool = False) -> int:
    client.get(path)  # warm the site chrome and the page's fragments
    if after_a_change:
        site_changed()  # every fragment is made anew (and the chrome, warmed again below)
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
    path = page_paths(article)[page]
    assert count_queries(client, path) == BUDGETS[page]
    assert count_queries(client, path, after_a_change=True) == AFTER_A_CHANGE[page]


@pytest.mark.parametrize("page", LISTINGS)
def test_a_listing_shows_what_changed_on_the_next_request(
    client, page, django_capture_on_commit_callbacks
):
    article = build_site(articles=12, tags=8, authors=4, comments=0)
    path = page_paths(article)[page]
    client.get(path)
    article.title = "Titre changé à l’instant"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert "Titre changé à l’instant" in client.get(path).content.decode()


def test_cold_site_chrome_costs_a_fixed_number_of_queries(client, django_assert_num_queries):
    build_site(articles=3, tags=3, authors=2, comments=0)
    SiteSettings.objects.create()
    # settings, menus, default links (categories and footer pages in one query), subscriber
    # count, archive years, announcements, audience of the last 30 days
    with django_assert_num_queries(AFTER_A_CHANGE["home"] + 7):
        client.get("/")
