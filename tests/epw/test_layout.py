import re

import pytest

from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_home_is_french_with_landmarks_and_skip_link(client):
    ArticleFactory(title="Écrire court, écrire juste")
    html = client.get("/").content.decode()
    assert '<html lang="fr">' in html
    for landmark in ("<header", "<nav", '<main id="contenu"', "<aside", "<footer"):
        assert landmark in html
    assert re.search(r'<a class="skip-link" href="#contenu">Aller au contenu</a>', html)
    assert "Écrire court, écrire juste" in html


def test_sidebar_has_every_slot(client):
    html = client.get("/").content.decode()
    for heading in ("La newsletter", "Devenez chroniqueur", "À propos"):
        assert heading in html
    assert "Ça m’intéresse" in html


def test_an_english_reader_gets_the_english_interface(client):
    html = client.get("/", headers={"accept-language": "en"}).content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html
    assert "Become a columnist" in html


def test_language_can_be_switched(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en">' in client.get("/").content.decode()
    # The choice outlives the browser session.
    assert response.cookies["django_language"]["max-age"] >= 30 * 24 * 3600


def test_the_footer_language_switch_sets_a_secure_cookie(client):
    html = client.get("/etiquettes/").content.decode()
    form = re.search(
        r'<form class="language-switch" action="([^"]+)" method="post">(.*?)</form>', html, re.S
    )
    action, fields = form[1], form[2]
    next_url = re.search(r'name="next" type="hidden" value="([^"]*)"', fields)[1]
    response = client.post(action, {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == "/etiquettes/"
    cookie = response.cookies["django_language"]
    # Sent over HTTPS only, never to scripts, nor on cross-site sub-requests.
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert '<html lang="en">' in client.get(response["Location"]).content.decode()


def test_every_page_offers_the_newsletter_once_under_a_name_of_its_own(client):
    article = ArticleFactory()
    for url in ("/", article.get_absolute_url(), "/etiquettes/", "/lettre/"):
        html = client.get(url).content.decode()
        assert html.count('<form class="newsletter-form"') == 1, url
        labelled = re.findall(r'aria-labelledby="([^"]+)"', html)
        names = [re.search(rf'id="{id}"[^>]*>(.*?)</h[12]>', html, re.S)[1] for id in labelled]
        assert len(names) == len(set(names)), url
