"""Only published articles whose date has passed are ever shown to the public."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from blog.models import Article
from tests.factories import ArticleFactory, CategoryFactory, ContributorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_articles():
    author = ContributorFactory(slug="camille")
    category = CategoryFactory(slug="seo")
    common = {"authors": [author], "category": category, "tags": ["secret"]}
    return [
        ArticleFactory(title="Brouillon caché", status=Article.Status.DRAFT, **common),
        ArticleFactory(title="En relecture cachée", status=Article.Status.REVIEW, **common),
        ArticleFactory(
            title="Programmé plus tard",
            status=Article.Status.SCHEDULED,
            published_at=timezone.now() + timedelta(days=2),
            **common,
        ),
        ArticleFactory(
            title="Publié dans le futur",
            published_at=timezone.now() + timedelta(hours=1),
            **common,
        ),
        ArticleFactory(title="Dépublié", status=Article.Status.UNPUBLISHED, **common),
    ]


PUBLIC_PAGES = ["/", "/categories/seo/", "/auteurs/camille/", "/etiquettes/", "/recherche/?q=cach"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_hidden_articles_never_listed(client, hidden_articles, path):
    html = client.get(path).content.decode()
    for article in hidden_articles:
        assert article.title not in html


def test_hidden_articles_answer_404(client, hidden_articles):
    for article in hidden_articles:
        assert client.get(article.get_absolute_url()).status_code == 404


def test_tag_of_hidden_articles_only_is_not_counted(client, hidden_articles):
    ArticleFactory(title="Visible", tags=["public"])
    html = client.get("/etiquettes/").content.decode()
    assert "public" in html
    assert "secret" not in html
    assert client.get("/etiquettes/secret/").status_code == 404


def test_a_scheduled_article_appears_by_itself_at_its_time(client):
    publish_at = timezone.now() + timedelta(hours=3)
    article = ArticleFactory(
        title="Paraîtra demain matin", status=Article.Status.SCHEDULED, published_at=publish_at
    )
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Paraîtra demain matin" not in client.get("/").content.decode()
    with time_machine.travel(publish_at + timedelta(minutes=1)):
        assert client.get(article.get_absolute_url()).status_code == 200
        assert "Paraîtra demain matin" in client.get("/").content.decode()


def test_tags_are_listed_in_french_alphabetical_order(client):
    ArticleFactory(tags=["SEO", "écriture", "accessibilité", "Titres", "dates"])
    html = client.get("/etiquettes/").content.decode()
    names = ("accessibilité", "dates", "écriture", "SEO", "Titres")
    positions = [html.index(f'>{name}</span> <span class="count">') for name in names]
    assert positions == sorted(positions)


def test_a_summary_cut_from_the_body_shows_its_characters_not_their_entities(client):
    ArticleFactory(
        title="Sans chapô", standfirst="", excerpt="", body="<p>Titres &amp; intertitres</p>"
    )
    html = client.get("/").content.decode()
    assert "Titres &amp; intertitres" in html
    assert "&amp;amp;" not in html


def test_the_articles_folder_leads_to_the_list_of_articles(client):
    response = client.get("/articles/")
    assert response.status_code == 301
    assert response["Location"] == "/"
