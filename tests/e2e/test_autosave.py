"""Nothing typed is lost: the article form saves itself, warns before leaving, and offers its
copy back after a closed tab or an expired session."""

import re

import pytest
from django.contrib.sessions.models import Session

from blog.models import Article, Autosave
from epw.roles import WRITER
from tests.e2e.conftest import wait_for
from tests.e2e.test_editor import log_in
from tests.factories import ArticleFactory, ContributorFactory, StaffUserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
OFFER = re.compile(
    r"Une version enregistrée automatiquement le \d{1,2} \w+ à \d{1,2} h \d\d "
    r"contient des modifications non enregistrées\."
)
EDITOR = ".ProseMirror[contenteditable=true]"
COPIES = "Object.keys(localStorage).filter(key => key.startsWith('epw-autosave:'))"


def is_autosave(response) -> bool:
    return "/sauvegarde-auto/" in response.url and response.request.method == "POST"


def browser_copies(page) -> list[str]:
    return page.evaluate(COPIES)


def type_at_end(page, text):
    page.locator(EDITOR).click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def new_tab(page):
    """Another tab of the same browser (same cookies and local storage), errors collected."""
    tab = page.context.new_page()
    tab.errors = []
    tab.on("console", lambda msg: msg.type == "error" and tab.errors.append(msg.text))
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    return tab


def open_change_page(page, article):
    page.goto(f"/admin/blog/article/{article.pk}/change/")
    page.locator(EDITOR).wait_for()


def test_a_closed_tab_loses_nothing(page, live_server):
    writer = StaffUserFactory(role=WRITER)
    article = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, body="<p>Début.</p>", created_by=writer
    )
    log_in(page, writer)
    open_change_page(page, article)
    assert page.locator(".autosave__offer").is_hidden()

    with page.expect_response(is_autosave) as autosaved:
        type_at_end(page, " Une phrase tapée puis perdue ?")
    assert autosaved.value.status == 200
    assert "Une phrase tapée" in Autosave.objects.get(user=writer, article=article).data["body"]

    # Leaving asks first; the editor leaves anyway, without saving.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert dialogs == ["beforeunload"]
    article.refresh_from_db()
    assert "Une phrase tapée" not in article.body

    page = new_tab(page)
    open_change_page(page, article)
    offer = page.get_by_role("alert").filter(has_text="Une version enregistrée")
    offer.wait_for()
    assert OFFER.search(offer.inner_text())
    page.get_by_role("button", name="Restaurer").focus()
    page.keyboard.press("Enter")
    assert "Une phrase tapée puis perdue ?" in page.locator(EDITOR).inner_text()
    assert offer.is_hidden()

    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    page.wait_for_url("**/change/")
    article.refresh_from_db()
    assert "<p>Début. Une phrase tapée puis perdue ?</p>" in article.body
    assert not Autosave.objects.filter(user=writer).exists()
    # Saved for real: nothing is offered any more, and leaving asks nothing.
    open_change_page(page, article)
    page.wait_for_timeout(500)
    assert page.locator(".autosave__offer").is_hidden()
    assert browser_copies(page) == []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert dialogs == ["beforeunload"]  # only the first time, when the form had changes


def test_ignore_sets_the_copy_aside(page, live_server):
    writer = StaffUserFactory(role=WRITER)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=writer)
    log_in(page, writer)
    open_change_page(page, article)
    page.fill("#id_title", "Un titre abandonné")
    wait_for(page, f"{COPIES}.length === 1")
    page.close()

    other = new_tab(page)
    open_change_page(other, article)
    other.get_by_role("button", name="Ignorer").click()
    assert other.locator(".autosave__offer").is_hidden()
    assert other.input_value("#id_title") == article.title
    wait_for(other, f"{COPIES}.length === 0")
    other.wait_for_timeout(300)
    assert not Autosave.objects.exists()


def test_text_typed_after_the_session_expired_is_offered_after_logging_in(page, live_server):
    writer = StaffUserFactory(role=WRITER)
    article = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, body="<p>Début.</p>", created_by=writer
    )
    log_in(page, writer)
    open_change_page(page, article)
    with page.expect_response(is_autosave):
        type_at_end(page, " Avant l’expiration.")

    Session.objects.all().delete()
    with page.expect_response(is_autosave):
        type_at_end(page, " Après l’expiration.")
    expired = page.get_by_role("alert").filter(has_text="Votre session a expiré")
    expired.wait_for()
    assert "vos modifications sont gardées dans ce navigateur" in expired.inner_text()
    login = expired.get_by_role("link")
    assert login.get_attribute("target") == "_blank"
    assert "/admin/login/" in login.get_attribute("href")
    assert "Après" not in Autosave.objects.get(user=writer).data["body"]
    page.close()

    page = new_tab(page)
    log_in(page, writer)
    open_change_page(page, article)
    page.get_by_role("button", name="Restaurer").click()
    text = page.locator(EDITOR).inner_text()
    assert "Avant l’expiration. Après l’expiration." in text
    # The copy kept in the browser reaches the server with the next autosave.
    with page.expect_response(is_autosave) as autosaved:
        pass
    assert autosaved.value.status == 200
    assert "Après l’expiration." in Autosave.objects.get(user=writer).data["body"]
    assert page.errors == []


def test_after_logging_in_again_in_another_tab_the_page_keeps_saving(page, live_server):
    writer = StaffUserFactory(role=WRITER)
    article = ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, body="<p>Début.</p>", created_by=writer
    )
    log_in(page, writer)
    open_change_page(page, article)
    Session.objects.all().delete()
    with page.expect_response(is_autosave):
        type_at_end(page, " Tapé hors session.")
    expired = page.get_by_role("alert").filter(has_text="Votre session a expiré")
    expired.wait_for()

    other = new_tab(page)
    log_in(other, writer)  # a new session, and a new CSRF token
    other.close()
    page.bring_to_front()
    with page.expect_response(is_autosave) as autosaved:
        type_at_end(page, " Puis reconnecté.")
    assert autosaved.value.status == 200
    assert expired.is_hidden()
    body = Autosave.objects.get(user=writer, article=article).data["body"]
    assert "Tapé hors session. Puis reconnecté." in body

    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    page.wait_for_url("**/change/")
    article.refresh_from_db()
    assert "<p>Début. Tapé hors session. Puis reconnecté.</p>" in article.body
    assert not Autosave.objects.exists()
    assert page.errors == []


def test_a_new_article_is_kept_until_it_is_saved(page, live_server):
    writer = StaffUserFactory(role=WRITER)
    author = ContributorFactory(display_name="Louise Plume")
    log_in(page, writer)
    page.goto("/admin/blog/article/add/")
    page.locator(EDITOR).wait_for()
    page.locator("#id_title").press_sequentially("Un article tout neuf")
    page.select_option("#id_authors_from", label=author.display_name)
    with page.expect_response(is_autosave):
        page.click("#id_authors_add")
        type_at_end(page, "Son premier paragraphe.")
    page.close()

    page = new_tab(page)
    page.goto("/admin/blog/article/add/")
    page.get_by_role("button", name="Restaurer").click()
    assert page.input_value("#id_title") == "Un article tout neuf"
    assert page.input_value("#id_slug") == "un-article-tout-neuf"
    assert page.locator("#id_authors_to option").all_inner_texts() == ["Louise Plume"]
    assert page.locator(EDITOR).inner_text() == "Son premier paragraphe."

    # Saved for real, it lands on the list: the copies are gone, a new article starts empty.
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_url("**/admin/blog/article/")
    article = Article.objects.get(slug="un-article-tout-neuf")
    assert article.body == "<p>Son premier paragraphe.</p>"
    assert list(article.authors.all()) == [author]
    assert browser_copies(page) == []
    assert not Autosave.objects.exists()
    page.goto("/admin/blog/article/add/")
    page.locator(EDITOR).wait_for()
    page.wait_for_timeout(500)
    assert page.locator(".autosave__offer").is_hidden()
    assert page.errors == []
