from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import Article
from blog.services import article_save
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    """Addresses change where editors change them: the article's change form in the admin."""
    return StaffUserFactory()


def test_a_changed_slug_redirects_permanently_from_the_old_address(client, editor):
    article = ArticleFactory(slug="ancien-titre")
    article.slug = "nouveau-titre"
    article_save(article=article, by=editor)
    response = client.get("/articles/ancien-titre/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/nouveau-titre/"


def test_renaming_twice_keeps_every_old_address_pointing_to_the_latest(client, editor):
    article = ArticleFactory(slug="premier")
    for slug in ("deuxieme", "troisieme"):
        article.slug = slug
        article_save(article=article, by=editor)
    for old in ("premier", "deuxieme"):
        response = client.get(f"/articles/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/articles/troisieme/")
    assert client.get("/articles/troisieme/").status_code == 200


def test_going_back_to_an_old_slug_does_not_loop(client, editor):
    article = ArticleFactory(slug="a")
    article.slug = "b"
    article_save(article=article, by=editor)
    article.slug = "a"
    article_save(article=article, by=editor)
    assert client.get("/articles/a/").status_code == 200
    response = client.get("/articles/b/")
    assert (response.status_code, response["Location"]) == (301, "/articles/a/")


def test_an_old_address_with_a_query_string_still_redirects_and_keeps_it(client, editor):
    article = ArticleFactory(slug="ancien-titre")
    article.slug = "nouveau-titre"
    article_save(article=article, by=editor)
    response = client.get("/articles/ancien-titre/?utm_source=lettre&utm_medium=email")
    assert response.status_code == 301
    assert response["Location"] == "/articles/nouveau-titre/?utm_source=lettre&utm_medium=email"


@pytest.mark.parametrize(
    "status",
    [
        Article.Status.DRAFT,
        Article.Status.REVIEW,
        Article.Status.SCHEDULED,
        Article.Status.UNPUBLISHED,
    ],
)
def test_renaming_an_unpublished_article_leaves_no_redirect_revealing_its_address(
    client, editor, status
):
    article = ArticleFactory(
        slug="brouillon", status=status, published_at=timezone.now() + timedelta(days=2)
    )
    article.slug = "nouvelle-adresse-secrete"
    article_save(article=article, by=editor)
    response = client.get("/articles/brouillon/")
    assert response.status_code == 404
    assert "nouvelle-adresse-secrete" not in response.get("Location", "")


HOSTILE_PATHS = [
    "/?page=abc",
    "/?page=99999",
    "/?page=-1",
    "/?page=1e9",
    "/categories/inconnue/",
    "/etiquettes/inconnue/",
    "/auteurs/inconnu/",
    "/articles/n-existe-pas/",
    "/archives/1899/",
    "/archives/2024/13/",
    "/archives/99999/",
    "/page-inconnue/",
]


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_hostile_parameters_give_404_never_500(client, path):
    ArticleFactory()
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "",
        " ",
        "x" * 1000,
        "!!!???",
        "' OR 1=1 --",
        "<script>alert(1)</script>",
        "a\x00b",
        "&|!:*()",
    ],
)
def test_hostile_search_queries_give_a_clean_page(client, query):
    ArticleFactory(title="Écrire pour être lu")
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content


def test_the_404_page_is_in_the_site_layout(client):
    response = client.get("/articles/n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
    assert 'class="site-header"' in response.content.decode()
