"""What the site's writers and commenters wrote says it is French on a page shown in English,
so that screen readers pronounce it as French; the interface around it stays English."""

import json
import re

import pytest

from tests.factories import ArticleFactory, CategoryFactory, CommentFactory, PageFactory

pytestmark = pytest.mark.django_db

ENGLISH = {"accept-language": "en"}


def elements(html: str, css_class: str) -> list[str]:
    """The opening tags of the elements whose class starts with `css_class`."""
    return re.findall(rf'<[a-z0-9]+ class="{css_class}[^"]*"[^>]*>', html)


def marked_french(html: str) -> list[str]:
    """The elements marked as French, but for the page itself and the language menu's options."""
    return re.findall(r'<(?!html |option )[a-z0-9]+ [^>]*lang="fr"[^>]*>', html)


@pytest.fixture
def article():
    article = ArticleFactory(
        title="Écrire pour être lu",
        standfirst="Un chapô qui donne envie.",
        tags=["rédaction"],
        category=CategoryFactory(name="Méthode", slug="methode"),
    )
    CommentFactory(article=article, comment="Très juste.")
    return article


def test_an_english_page_marks_the_article_and_its_comments_as_french(client, article):
    html = client.get(article.get_absolute_url(), headers=ENGLISH).content.decode()
    assert '<html lang="en">' in html
    assert '<h1 id="article-title" lang="fr">' in html
    assert '<p class="standfirst" lang="fr">' in html
    assert '<div class="article__body prose" lang="fr">' in html
    assert '<div class="comment__body" lang="fr">' in html
    assert 'rel="tag" lang="fr">rédaction</a>' in html
    assert 'lang="fr">Méthode</a>' in html
    # The interface around them is not marked: it is in the page's language.
    assert "Skip to content" in html
    assert '<section id="commentaires" class="comments" aria-labelledby="comments-title">' in html


def test_a_french_page_does_not_repeat_the_language_of_the_page(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<html lang="fr">' in html
    assert marked_french(html) == []
    assert '<h1 id="article-title">' in html


def test_cards_on_listings_mark_their_titles_and_summaries(client, article):
    for path in ("/", "/categories/methode/", "/etiquettes/redaction/", "/etiquettes/"):
        html = client.get(path, headers=ENGLISH).content.decode()
        assert '<html lang="en">' in html, path
        if path == "/etiquettes/":
            assert '<span lang="fr">rédaction</span>' in html
            continue
        titles = elements(html, "card__title")
        summaries = elements(html, "card__summary")
        assert titles and summaries, path
        assert all('lang="fr"' in tag for tag in titles + summaries), path
    listing = client.get("/categories/methode/", headers=ENGLISH).content.decode()
    assert '<h1 lang="fr">Méthode</h1>' in listing


def test_search_results_mark_their_titles_and_excerpts(client, article):
    html = client.get("/recherche/?q=lu", headers=ENGLISH).content.decode()
    results = elements(html, "card__title") + elements(html, "card__summary search-result__excerpt")
    assert len(results) == 2
    assert all('lang="fr"' in tag for tag in results)


def test_a_static_page_is_marked_as_french(client):
    page = PageFactory(title="Mentions légales", slug="mentions-legales")
    html = client.get(page.get_absolute_url(), headers=ENGLISH).content.decode()
    assert '<h1 id="page-title" lang="fr">' in html
    assert '<div class="prose" lang="fr">' in html


def test_the_kept_fragments_are_right_in_each_language(client, article):
    """The article's fragments are kept per language: English first must not leave its marks on
    the French page, nor the French page leave the English one unmarked."""
    url = article.get_absolute_url()
    client.get(url, headers=ENGLISH)
    client.get("/", headers=ENGLISH)
    assert marked_french(client.get(url).content.decode()) == []
    assert marked_french(client.get("/").content.decode()) == []
    assert '<h1 id="article-title" lang="fr">' in client.get(url, headers=ENGLISH).content.decode()
    home = client.get("/", headers=ENGLISH).content.decode()
    assert all('lang="fr"' in tag for tag in elements(home, "card__title"))


def test_feeds_and_structured_data_give_the_language_of_the_content(client, article):
    feed = client.get("/flux/", headers=ENGLISH).content.decode()
    assert "<language>fr</language>" in feed
    html = client.get(article.get_absolute_url(), headers=ENGLISH).content.decode()
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)[1]
    )
    graph = data.get("@graph", [data])
    assert {node.get("inLanguage") for node in graph if "inLanguage" in node} == {"fr"}
