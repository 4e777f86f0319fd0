"""Autosaves: each editor's scratch copy of the article form, kept between real saves."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from blog.autosave import BODY_MAX_LENGTH, MULTIPLE_MAX_ITEMS, AutosaveRefused, autosave_store
from blog.models import Article, Autosave
from epw.roles import EDITOR_IN_CHIEF, WRITER
from tests.factories import ArticleFactory, ContributorFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(client):
    user = StaffUserFactory(role=WRITER)
    client.force_login(user)
    return user


@pytest.fixture
def draft(writer):
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=writer)


def autosave_url(article=None):
    if article is None:
        return "/admin/blog/article/add/sauvegarde-auto/"
    return f"/admin/blog/article/{article.pk}/sauvegarde-auto/"


def form_data(article, **changes):
    """What the change form posts when saved for real."""
    return {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "authors": [a.pk for a in article.authors.all()],
        "tags": "",
        "comments_open": "on",
        "version": Article.objects.get(pk=article.pk).version,  # as a page opened now
        **changes,
    }


def test_an_editor_keeps_one_copy_per_article_and_finds_it_again(client, writer, draft):
    response = client.post(
        autosave_url(draft),
        {"title": "Un titre en cours", "body": "<p>Un début</p>", "authors": ["3", "1"]},
    )
    assert response.status_code == 200
    response = client.post(autosave_url(draft), {"title": "Un titre repris", "featured": ""})
    assert response.status_code == 200

    autosave = Autosave.objects.get()
    assert (autosave.user, autosave.article) == (writer, draft)
    assert autosave.data == {"title": "Un titre repris", "featured": ""}
    answer = client.get(autosave_url(draft)).json()["autosave"]
    assert answer["data"] == {"title": "Un titre repris", "featured": ""}
    assert answer["saved_at"].startswith(str(autosave.saved_at.date()))
    # Not a revision: the article itself is untouched.
    draft.refresh_from_db()
    assert draft.title != "Un titre repris"


def test_a_new_article_has_one_copy_per_editor(client, writer):
    client.post(autosave_url(), {"title": "Premier jet", "authors": ""})
    client.post(autosave_url(), {"title": "Second jet", "authors": ""})
    other = StaffUserFactory(role=WRITER)
    other_client = Client()
    other_client.force_login(other)
    other_client.post(autosave_url(), {"title": "Le jet d’un autre"})

    mine = Autosave.objects.get(user=writer)
    assert mine.article is None and mine.data == {"title": "Second jet", "authors": []}
    assert client.get(autosave_url()).json()["autosave"]["data"]["title"] == "Second jet"
    assert other_client.get(autosave_url()).json()["autosave"]["data"]["title"] == (
        "Le jet d’un autre"
    )


def test_the_database_holds_one_copy_per_editor_and_article(writer, draft):
    Autosave.objects.create(user=writer, article=draft, data={}, saved_at=draft.created_at)
    Autosave.objects.create(user=writer, article=None, data={}, saved_at=draft.created_at)
    for article in (draft, None):
        with pytest.raises(IntegrityError), transaction.atomic():
            Autosave.objects.create(
                user=writer, article=article, data={}, saved_at=draft.created_at
            )


def test_other_editors_never_see_a_copy(client, writer, draft):
    client.post(autosave_url(draft), {"title": "Mon brouillon secret"})
    chief = StaffUserFactory(role=EDITOR_IN_CHIEF)
    client.force_login(chief)
    assert client.get(autosave_url(draft)).json() == {"autosave": None}
    # No admin page lists them either.
    assert client.get("/admin/blog/autosave/").status_code == 404


def test_a_writer_may_not_autosave_another_writers_draft(client, writer):
    theirs = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, created_by=StaffUserFactory(role=WRITER)
    )
    response = client.post(autosave_url(theirs), {"title": "Tentative"})
    assert response.status_code == 403
    assert not Autosave.objects.exists()


def test_a_writer_may_not_autosave_a_live_article(client, writer):
    published = ArticleFactory()
    response = client.post(autosave_url(published), {"title": "Tentative"})
    assert response.status_code == 403
    assert response.json()["error"] == "Vous n’avez pas le droit de modifier cet article."
    assert client.get(autosave_url(published)).status_code == 403
    assert not Autosave.objects.exists()


def test_staff_without_the_right_to_write_may_not_autosave(client, draft):
    client.force_login(StaffUserFactory())  # staff, no role: no permission on articles
    for url in (autosave_url(draft), autosave_url()):
        assert client.post(url, {"title": "Tentative"}).status_code == 403
    assert not Autosave.objects.exists()


def test_without_a_session_the_login_page_answers(draft):
    response = Client().post(autosave_url(draft), {"title": "Tentative"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Autosave.objects.exists()


def test_the_csrf_token_is_required(writer, draft):
    client = Client(enforce_csrf_checks=True)
    client.force_login(writer)
    client.get(f"/admin/blog/article/{draft.pk}/change/")  # sets the CSRF cookie
    assert client.post(autosave_url(draft), {"title": "Sans jeton"}).status_code == 403
    assert not Autosave.objects.exists()

    token = client.cookies["csrftoken"].value
    response = client.post(
        autosave_url(draft), {"title": "Avec jeton", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 200
    assert Autosave.objects.get().data == {"title": "Avec jeton"}


def test_a_body_over_the_cap_is_refused_and_the_last_copy_stays(client, writer, draft):
    client.post(autosave_url(draft), {"body": "<p>Version raisonnable</p>"})
    response = client.post(autosave_url(draft), {"body": "x" * (BODY_MAX_LENGTH + 1)})
    assert response.status_code == 400
    assert "trop long" in response.json()["error"]
    assert Autosave.objects.get().data == {"body": "<p>Version raisonnable</p>"}
    # Up to the cap it is kept.
    response = client.post(autosave_url(draft), {"body": "x" * BODY_MAX_LENGTH})
    assert response.status_code == 200


def test_junk_is_answered_without_error_and_kept_out(client, writer, draft):
    response = client.post(autosave_url(draft), {"status": "published", "cover": "x", "evil": "1"})
    assert response.status_code == 400
    assert response.json()["error"] == "Rien à enregistrer."
    response = client.post(autosave_url(draft), "{}", content_type="application/json")
    assert response.status_code == 400
    assert not Autosave.objects.exists()

    response = client.post(
        autosave_url(draft),
        {
            "title": ["premier", "dernier"],
            "standfirst": "nul\x00caractère",
            "authors": [str(n) for n in range(MULTIPLE_MAX_ITEMS + 50)],
            "status": "published",
        },
    )
    assert response.status_code == 200
    data = Autosave.objects.get().data
    assert data["title"] == "dernier"
    assert data["standfirst"] == "nulcaractère"
    assert len(data["authors"]) == MULTIPLE_MAX_ITEMS
    assert "status" not in data

    for url in (
        "/admin/blog/article/abc/sauvegarde-auto/",
        "/admin/blog/article/999999/sauvegarde-auto/",
    ):
        response = client.post(url, {"title": "x"})
        assert response.status_code == 404 and response.json()["error"]
    assert client.put(autosave_url(draft)).status_code == 405


def test_ignore_discards_the_copy(client, writer, draft):
    client.post(autosave_url(draft), {"title": "Finalement non"})
    response = client.post(autosave_url(draft), {"discard": "1"})
    assert response.status_code == 200 and response.json() == {"autosave": None}
    assert not Autosave.objects.exists()


def test_a_real_save_discards_the_copy_and_tells_the_browser(client, writer, draft):
    client.post(autosave_url(draft), {"title": "Titre en cours"})
    response = client.post(
        f"/admin/blog/article/{draft.pk}/change/", form_data(draft, title="Titre en cours")
    )
    assert response.status_code == 302
    assert not Autosave.objects.exists()
    assert response.cookies["epw_autosave_saved"].value == f"{writer.pk}:{draft.pk}"
    draft.refresh_from_db()
    assert draft.title == "Titre en cours"


def test_saving_a_new_article_discards_the_new_article_copy(client, writer):
    client.post(autosave_url(), {"title": "Nouveau texte"})
    author = ContributorFactory()
    data = {"title": "Nouveau texte", "slug": "nouveau-texte", "body": "<p>Texte</p>",
            "authors": [author.pk], "tags": "", "comments_open": "on"}  # fmt: skip
    response = client.post("/admin/blog/article/add/", data)
    assert response.status_code == 302
    assert Article.objects.filter(slug="nouveau-texte").exists()
    assert not Autosave.objects.exists()
    assert response.cookies["epw_autosave_saved"].value == f"{writer.pk}:new"


def test_a_refused_save_keeps_the_copy(client, writer, draft):
    client.post(autosave_url(draft), {"title": "Titre à garder"})
    # An invalid form comes back filled: the copy stays.
    response = client.post(f"/admin/blog/article/{draft.pk}/change/", form_data(draft, title=""))
    assert response.status_code == 200
    # A forged move is refused after the form was checked: nothing saved, the copy stays.
    response = client.post(
        f"/admin/blog/article/{draft.pk}/change/",
        form_data(draft, title="Titre à garder", _transition="publish"),
    )
    assert response.status_code in (200, 302)
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert Autosave.objects.get().data == {"title": "Titre à garder"}
    assert "epw_autosave_saved" not in response.cookies


def test_the_change_page_carries_the_autosave_only_when_editable(client, writer, draft):
    page = client.get(f"/admin/blog/article/{draft.pk}/change/").content.decode()
    assert f'data-url="{autosave_url(draft)}"' in page
    assert f'data-key="{writer.pk}:{draft.pk}"' in page
    assert "js/admin-autosave.js" in page
    assert "Restaurer" in page and "Votre session a expiré" in page
    add_page = client.get("/admin/blog/article/add/").content.decode()
    assert f'data-key="{writer.pk}:new"' in add_page
    # A live article is read-only for a writer: nothing to autosave.
    read_only = client.get(f"/admin/blog/article/{ArticleFactory().pk}/change/").content.decode()
    assert 'id="autosave"' not in read_only


def test_the_service_checks_the_permission_itself(writer):
    published = ArticleFactory()
    with pytest.raises(AutosaveRefused, match="pas le droit"):
        autosave_store(user=writer, article=published, fields={"title": ["x"]})
