"""Two editors on the same article in two browsers: the second is told the first is there, and
the second's save from the page opened earlier is refused without losing anyone's words."""

import pytest
import reversion
from playwright.sync_api import expect

from blog.models import Article
from epw.roles import EDITOR_IN_CHIEF
from tests.e2e.test_editor import log_in
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
SAVE_AND_CONTINUE = "Enregistrer et continuer les modifications"


@pytest.fixture
def second_page(open_tab):
    return open_tab()


def add_to_body(tab, words: str) -> None:
    tab.locator(".ProseMirror[contenteditable=true]").click()
    tab.keyboard.press("Control+End")
    tab.keyboard.type(words)


def save(tab) -> None:
    with tab.expect_navigation():
        tab.get_by_role("button", name=SAVE_AND_CONTINUE).click()


def test_two_editors_on_one_article_lose_nothing(page, second_page, live_server):
    claire = StaffUserFactory(role=EDITOR_IN_CHIEF, first_name="Claire", last_name="Vasseur")
    bruno = StaffUserFactory(role=EDITOR_IN_CHIEF, first_name="Bruno", last_name="Lenoir")
    with reversion.create_revision():  # as when it was added in the admin
        article = ArticleFactory(
            title="Écrire court",
            status=Article.Status.DRAFT,
            published_at=None,
            body="<p>Le texte de départ.</p>",
        )
    url = f"/admin/blog/article/{article.pk}/change/"
    log_in(page, claire)
    log_in(second_page, bruno)

    page.clock.install()  # Claire's heartbeat timer is moved on by hand below
    page.goto(url)
    assert page.locator("#editing-presence").inner_text().strip() == ""
    second_page.goto(url)
    notice = second_page.locator("#editing-presence")
    assert notice.get_attribute("aria-live") == "polite"
    assert "Claire Vasseur modifie cet article depuis" in notice.inner_text()
    # Claire's page learns about Bruno at its next heartbeat, without reloading.
    page.clock.run_for(31_000)
    expect(page.locator("#editing-presence")).to_contain_text(
        "Bruno Lenoir modifie cet article depuis"
    )

    # Claire adds a sentence and saves first.
    add_to_body(page, " Ajout de Claire.")
    save(page)
    assert page.locator(".messagelist .success").count() == 1
    assert "Ajout de Claire." in Article.objects.get(pk=article.pk).body

    # Bruno, on the page he opened before, changes the title and saves: refused.
    second_page.fill("#id_title", "Écrire court, écrire juste")
    save(second_page)
    message = second_page.locator(".errorlist.nonfield").inner_text()
    assert "Claire Vasseur a enregistré cet article à" in message
    assert "pendant que vous le modifiiez" in message
    conflict = second_page.locator(".edit-conflict")
    assert "Ce que Claire Vasseur a changé" in conflict.inner_text()
    assert conflict.locator("ins").first.inner_text() == "Ajout de Claire."
    assert second_page.input_value("#id_title") == "Écrire court, écrire juste"
    stored = Article.objects.get(pk=article.pk)
    assert stored.title == "Écrire court" and "Ajout de Claire." in stored.body

    # Bruno brings Claire's sentence into his text and saves again: both are kept.
    add_to_body(second_page, " Ajout de Claire.")
    save(second_page)
    assert second_page.locator(".messagelist .success").count() == 1
    stored = Article.objects.get(pk=article.pk)
    assert stored.title == "Écrire court, écrire juste"
    assert "Ajout de Claire." in stored.body

    # Claire leaves the article: her page says goodbye, and Bruno no longer sees her there.
    page.goto("/admin/")
    for _attempt in range(20):
        second_page.reload()
        if "Claire Vasseur" not in second_page.locator("#editing-presence").inner_text():
            break
        second_page.wait_for_timeout(250)
    assert "Claire Vasseur" not in second_page.locator("#editing-presence").inner_text()

    # No script failed (the browser's own favicon request may 404).
    assert [e for e in page.errors if "404 (Not Found)" not in e] == []
    assert second_page.errors == []
