"""The sitemap lists every public page and nothing else; robots.txt points to it."""

from datetime import timedelta
from xml.dom import minidom

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Article
from tests.factories import ArticleFactory, CategoryFactory, ContributorFactory, PageFactory

pytestmark = pytest.mark.django_db

SITE = "https://www.example.org"


@pytest.fixture(autouse=True)
def _public_address(settings):
    settings.EPW_SITE_URL = SITE


def sitemap_entries(client) -> dict[str, str | None]:
    """{absolute URL: lastmod} for every <url> of /sitemap.xml."""
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    document = minidom.parseString(response.content)
    entries = {}
    for url in document.getElementsByTagName("url"):
        loc = url.getElementsByTagName("loc")[0].firstChild.data
        lastmod = url.getElementsByTagName("lastmod")
        entries[loc] = lastmod[0].firstChild.data if lastmod else None
    return entries


def test_sitemap_lists_public_pages_only(client):
    now = timezone.now()
    visible_author = ContributorFactory(slug="camille")
    hidden_author = ContributorFactory(slug="secrete")
    category = CategoryFactory(slug="seo")
    public = ArticleFactory(
        authors=[visible_author], category=category, tags=["commun"], updated_at=now
    )
    hidden_kinds = [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"status": Article.Status.SCHEDULED, "published_at": now + timedelta(days=2)},
        {"published_at": now + timedelta(hours=1)},
        {"status": Article.Status.UNPUBLISHED},
    ]
    hidden = [
        ArticleFactory(authors=[hidden_author], tags=["secret", "commun"], **kind)
        for kind in hidden_kinds
    ]
    about = PageFactory(slug="a-propos")
    withdrawn = PageFactory(slug="retiree", is_published=False)

    entries = sitemap_entries(client)

    for path in [
        "/",
        "/etiquettes/",
        public.get_absolute_url(),
        about.get_absolute_url(),
        "/categories/seo/",
        "/etiquettes/commun/",
        "/auteurs/camille/",
    ]:
        assert f"{SITE}{path}" in entries, path
    for path in [
        *(article.get_absolute_url() for article in hidden),
        withdrawn.get_absolute_url(),
        "/etiquettes/secret/",
        "/auteurs/secrete/",
    ]:
        assert f"{SITE}{path}" not in entries, path
    assert all(url.startswith(f"{SITE}/") for url in entries)


def test_article_lastmod_is_its_last_meaningful_update(client):
    article = ArticleFactory(
        published_at=timezone.now() - timedelta(days=30),
        updated_at=timezone.now() - timedelta(days=2),
    )
    entries = sitemap_entries(client)
    expected = timezone.localtime(article.updated_at).date().isoformat()
    assert entries[f"{SITE}{article.get_absolute_url()}"] == expected


def test_tag_and_author_lastmod_is_their_latest_public_article(client):
    author = ContributorFactory(slug="camille")
    latest = ArticleFactory(
        authors=[author], tags=["commun"], published_at=timezone.now() - timedelta(days=3)
    )
    ArticleFactory(
        authors=[author], tags=["commun"], published_at=timezone.now() - timedelta(days=9)
    )
    ArticleFactory(authors=[author], tags=["commun"], status=Article.Status.DRAFT)
    entries = sitemap_entries(client)
    expected = timezone.localtime(latest.published_at).date().isoformat()
    assert entries[f"{SITE}/etiquettes/commun/"] == expected
    assert entries[f"{SITE}/auteurs/camille/"] == expected


def build_site(count: int) -> None:
    people = [ContributorFactory() for _ in range(3)]
    for i in range(count):
        ArticleFactory(authors=people, tags=[f"etiquette-{i}", "commun"])
        PageFactory()


def count_queries(client) -> int:
    client.get("/sitemap.xml")  # the sites framework caches the current site on first use
    with CaptureQueriesContext(connection) as queries:
        client.get("/sitemap.xml")
    return len(queries)


def test_sitemap_query_count_does_not_grow_with_the_site(client):
    build_site(2)
    small = count_queries(client)
    build_site(10)
    assert count_queries(client) == small


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /recherche/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines  # the public address, not the Host
