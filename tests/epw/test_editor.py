"""The rich-text editor in the page's language, for editors in the admin and for applicants."""

import json
import re

import pytest
from django.urls import reverse
from django.utils import translation


def catalogue(client, language):
    with translation.override(language):
        response = client.get(reverse("editor_i18n"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return json.loads(re.search(r"const newcatalog = (\{.*?\});", response.text, re.S).group(1))


def test_the_catalogue_names_the_toolbar_buttons_and_dialogs_in_french(client):
    entries = catalogue(client, "fr")
    assert entries["bold"] == "Gras"
    assert entries["heading 2"] == "Intertitre de niveau 2"
    assert entries["Edit Link"] == "Modifier le lien"  # the editor's own catalogue


def test_the_catalogue_follows_the_reader_to_english(client):
    client.cookies["django_language"] = "en"
    entries = catalogue(client, "en")
    assert entries["bold"] == "Bold"
    assert entries["heading 2"] == "Level 2 heading"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/admin/blog/article/add/", "/admin/blog/page/add/", "/devenez-chroniqueur/proposer/"]
)
def test_every_editor_loads_the_catalogue_and_the_button_names(admin_client, url):
    from tests.factories import CharterVersionFactory

    CharterVersionFactory()  # the application form is open once a charter is published
    page = admin_client.get(url).content.decode()
    assert 'src="/i18n/editeur.js"' in page
    assert "js/editor-labels.js" in page
