"""The share bar: Mastodon on the reader's own server, and the article's address to copy."""

import html
import re
from urllib.parse import quote

import pytest

from blog.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

SHARE = "/articles/{slug}/partager/mastodon/"


@pytest.fixture
def article():
    return ArticleFactory(title="Écrire pour être lu & compris", slug="ecrire")


def share_text(article) -> str:
    return quote(f"{article.title} https://testserver{article.get_absolute_url()}", safe="")


def test_the_share_bar_offers_mastodon_and_the_address_to_copy(client, article, settings):
    page = client.get(article.get_absolute_url()).content.decode()
    bar = re.search(r'<section class="share".*?</section>', page, re.S)[0]
    form = re.search(r'<form class="share__mastodon" method="get" action="([^"]+)"', bar)
    assert form[1] == SHARE.format(slug="ecrire")
    assert re.search(r'<label for="share-mastodon-server">Votre serveur Mastodon</label>', bar)
    address = f"{settings.EPW_SITE_URL.rstrip('/')}/articles/ecrire/"
    assert f'<input id="share-url" type="text" readonly value="{address}">' in bar
    # Without JavaScript the address is there to copy by hand; the script shows the button.
    assert re.search(r'<button type="button" class="share__copy-button"[^>]* hidden>', bar)
    assert 'role="status"' in bar


@pytest.mark.parametrize(
    ("typed", "server"),
    [
        ("mastodon.social", "mastodon.social"),
        ("  Piaille.FR ", "piaille.fr"),
        ("https://mastodon.social/", "mastodon.social"),
        ("@autrice@framapiaf.org", "framapiaf.org"),
        ("mastodon.exemple.fr", "mastodon.exemple.fr"),
        ("réseau.exemple", "xn--rseau-bsa.exemple"),
    ],
)
def test_without_javascript_the_reader_gets_the_link_to_their_servers_share_page(
    client, article, settings, typed, server
):
    settings.EPW_SITE_URL = "https://testserver"
    response = client.get(SHARE.format(slug="ecrire"), {"server": typed})
    assert response.status_code == 200
    page = response.content.decode()
    # Each reader's own answer: never kept for the next reader.
    assert response["Cache-Control"] == "private, no-store"
    link = f'href="https://{server}/share?text={share_text(article)}" rel="noopener"'
    assert f"{link}>Continuer sur {server}</a>" in page
    assert page.count("/share?text=") == 1


@pytest.mark.parametrize(
    "typed",
    [
        "evil.example/phishing",
        "evil.example:8443",
        "evil.example?next=x",
        "//evil.example",
        "http://evil.example",
        "javascript:alert(1)",
        "evil.example#x",
        "203.0.113.5",
        "localhost",
        "-bad.example",
        "bad..example",
        "évil.example\\@good.example.org/",
        "@a@b@good.example.org",
        "autrice@",
        "a" * 64 + ".example",
        "x" * 300,
        "   ",
    ],
)
def test_anything_but_a_host_name_is_refused_with_an_explanation(client, article, typed):
    response = client.get(SHARE.format(slug="ecrire"), {"server": typed})
    assert response.status_code == 400
    page = response.content.decode()
    assert "/share?text=" not in page
    assert re.search(r'id="share-mastodon-error" class="field-error">[^<]*mastodon\.social', page)
    assert 'aria-invalid="true"' in page
    if typed.strip():
        assert f'value="{html.escape(typed, quote=True)}"' in page


def test_the_page_asks_for_the_server_when_none_was_given(client, article):
    response = client.get(SHARE.format(slug="ecrire"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Partager sur Mastodon" in page
    assert '<meta name="robots" content="noindex">' in page
    assert "field-error" not in page


def test_only_public_articles_can_be_shared(client):
    ArticleFactory(slug="brouillon", status=Article.Status.DRAFT)
    response = client.get(SHARE.format(slug="brouillon"), {"server": "mastodon.social"})
    assert response.status_code == 404
    response = client.get(SHARE.format(slug="inconnu"), {"server": "mastodon.social"})
    assert response.status_code == 404
