"""The admin speaks the editor's language: its own name, app and model names, fieldsets."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from epw.roles import EDITOR_IN_CHIEF
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

THIRD_PARTY_ENGLISH = [
    "Comments Xtd",
    "Django_Comments",
    "Black listed domains",
    "Tasks Database Backend",
    "Task Results",
    "Taggit",
    "Reversion",
]


@pytest.fixture
def superuser(client):
    user = User.objects.create_superuser("racine", "racine@example.org", "mot-de-passe")
    client.force_login(user)
    return user


def in_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def app_names(response) -> set[str]:
    return {str(app["name"]) for app in response.context["app_list"]}


def test_the_french_admin_index_names_the_site_and_every_app_in_french(client, superuser):
    response = client.get("/admin/")
    page = response.content.decode()
    assert "Écrire pour le web · administration" in page
    assert "Django" not in response.context["site_header"]
    assert "<title>Tableau de bord | Écrire pour le web · administration</title>" in page
    assert {"Commentaires", "Étiquettes", "Blog"} <= app_names(response)
    for english in THIRD_PARTY_ENGLISH:
        assert english not in page


def test_the_english_admin_index_has_no_leftover_third_party_names(client, superuser):
    in_english(client)
    response = client.get("/admin/")
    page = response.content.decode()
    assert "Django administration" not in page
    assert "Comments" in app_names(response)
    for english in THIRD_PARTY_ENGLISH:
        assert english not in page


def test_unused_third_party_tables_are_not_in_the_admin(client, superuser):
    for url in (
        "/admin/django_comments_xtd/blacklisteddomain/",
        "/admin/django_comments/commentflag/",
        "/admin/django_tasks_database/dbtaskresult/",
    ):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", ["Publication", "Couverture", "Avancé"]), ("en", ["Publishing", "Cover", "Advanced"])],
)
def test_the_article_fieldsets_follow_the_admin_language(client, language, expected):
    client.force_login(StaffUserFactory(role=EDITOR_IN_CHIEF))
    if language == "en":
        in_english(client)
    article = ArticleFactory()
    response = client.get(f"/admin/blog/article/{article.pk}/change/")
    names = [str(fieldset.name) for fieldset in response.context["adminform"] if fieldset.name]
    assert names == expected
