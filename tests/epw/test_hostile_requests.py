"""Whatever a bot sends to a public address, the answer is a page, never a server error."""

import pytest
from django.test import Client

from tests.factories import ArticleFactory, CharterVersionFactory

pytestmark = pytest.mark.django_db

TOKENS = ["x", "a" * 2000, "1:abc:def", "%00", "..%2F..%2Fetc", "<script>", "é:1:ü"]
FORM_VALUES = [
    "",
    "<script>alert(1)</script>",
    "a\r\nBcc: victim@example.org",
    "\x00nul",
    "\u202eevil\u200b",
    "x" * 20_000,
    "javascript:alert(1)",
]
TOKEN_PATHS = [
    "/lettre/confirmation/{}/",
    "/lettre/desabonnement/{}/",
    "/lettre/desabonnement/{}/un-clic/",
    "/devenez-chroniqueur/confirmer/{}/",
    "/devenez-chroniqueur/suivi/{}/",
    "/commentaires/envoye/{}/",
    "/commentaires/confirmer/{}/",
    "/commentaires/suivi/arreter/{}/",
    "/apercu/partage/{}/",
]
FORM_PATHS = ["/lettre/", "/devenez-chroniqueur/proposer/", "/devenez-chroniqueur/lien-perdu/"]
FIELDS = ["email", "name", "title", "standfirst", "draft", "bio", "comment", "url", "honeypot"]


@pytest.mark.parametrize("path", TOKEN_PATHS)
@pytest.mark.parametrize("token", TOKENS)
def test_forged_tokens_get_a_page_not_an_error(path, token):
    client = Client(raise_request_exception=False)
    for method in (client.get, client.post):
        response = method(path.format(token))
        assert response.status_code < 500, (path, token, response.status_code)


@pytest.mark.parametrize("address", ["/%00/", "/articles/a%00b/", "/category/x%00/"])
def test_a_nul_byte_in_an_unknown_address_is_the_site_404(address):
    response = Client(raise_request_exception=False).get(address)
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_a_nul_byte_in_an_old_wordpress_query_is_not_found_not_an_error():
    assert Client(raise_request_exception=False).get("/?tag=%00").status_code == 404


@pytest.mark.parametrize("path", FORM_PATHS)
@pytest.mark.parametrize("value", FORM_VALUES)
def test_hostile_form_posts_get_a_page_not_an_error(path, value):
    CharterVersionFactory()  # the application form is open once a charter is published
    client = Client(raise_request_exception=False)
    response = client.post(path, dict.fromkeys(FIELDS, value))
    assert response.status_code < 500, (path, value[:20], response.status_code)


@pytest.mark.parametrize("value", FORM_VALUES)
def test_hostile_comment_posts_get_a_page_not_an_error(value):
    article = ArticleFactory()
    client = Client(raise_request_exception=False)
    data = dict.fromkeys([*FIELDS, "timestamp", "security_hash", "parent_id"], value)
    response = client.post(f"/commentaires/articles/{article.pk}/", data)
    assert response.status_code < 500, (value[:20], response.status_code)
    response = client.post("/commentaires/articles/999999/", data)
    assert response.status_code < 500


def test_a_bad_request_gets_the_site_400_page():
    response = Client(raise_request_exception=False).get("/", HTTP_HOST="evil.example.org")
    assert response.status_code == 400
    assert "Adresse invalide" in response.content.decode()


def test_a_form_sent_without_its_security_cookie_gets_the_sites_own_explanation():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/lettre/confirmation/jeton/")  # a form of a private page
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="fr"' in page
    assert "Envoi non vérifié" in page and "autorisez les cookies" in page
    assert 'href="/"' in page
    # The forms of public pages (no token: those pages may come from a cache) check the origin.
    response = client.post("/lettre/", {"email": "lea@example.org", "consent": "on"})
    assert response.status_code == 403
    assert "ne peut être envoyé que depuis une page de ce site" in response.content.decode()


def test_a_refused_page_is_explained_in_french(client, django_user_model):
    moderator = django_user_model.objects.create_user("modo", password="x", is_staff=True)
    client.force_login(moderator)
    response = client.get("/admin/blog/libraryimage/choisir/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Accès refusé" in page and '<html lang="fr"' in page
