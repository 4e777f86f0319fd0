"""The back office with a screen reader and the keyboard alone: automated checks (axe-core) on
the editorial screens, and an article written and saved without the mouse."""

import re
from contextlib import suppress

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError

from blog.audience.models import AudienceDay
from blog.models import Article
from epw.roles import EDITOR_IN_CHIEF
from tests.blog.test_library import add_image
from tests.e2e.conftest import wait_for
from tests.e2e.test_editor import log_in
from tests.factories import (
    ArticleFactory,
    ContributorFactory,
    EditionFactory,
    StaffUserFactory,
    SubmissionFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
# The editor (Tiptap) as the page's script sees it: keys act on its state, which follows the
# browser's selection a moment later.
EDITOR = "document.querySelector('.ProseMirror[contenteditable=true]').editor"
WCAG_AA = {"runOnly": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}


def violations(page, **kwargs) -> list[str]:
    # axe-core's own checks insert <style> elements, which the admin's policy refuses: what it
    # reports while axe runs is axe's, not the page's.
    reported = len(page.policy_violations)
    results = Axe().run(page, options=WCAG_AA, **kwargs)
    del page.policy_violations[reported:]
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']][:5]}"
        for violation in results.response["violations"]
    ]


@pytest.fixture
def chief(page, live_server):
    user = StaffUserFactory(role=EDITOR_IN_CHIEF)
    log_in(page, user)
    return user


def test_the_editorial_screens_pass_automated_accessibility_checks(page, chief):
    article = ArticleFactory(status=Article.Status.DRAFT, body="<p>Un paragraphe.</p>")
    AudienceDay.objects.create(day=timezone.localdate(), page_views=120, visitors=40)
    submission = SubmissionFactory()
    edition = EditionFactory()
    add_image()
    pages = {
        "dashboard": "/admin/",
        "audience": "/admin/blog/audienceday/",
        "submission": f"/admin/contributors/submission/{submission.pk}/change/",
        "edition": f"/admin/newsletter/edition/{edition.pk}/change/",
        "edition sending": f"/admin/newsletter/edition/{edition.pk}/envoi/",
        "article": f"/admin/blog/article/{article.pk}/change/",
    }
    found = {}
    for name, path in pages.items():
        page.goto(path)
        page.wait_for_load_state("networkidle")
        if name == "article":
            page.wait_for_selector(".ProseMirror[contenteditable=true]")
        found[name] = violations(page)
    # The editor's image dialog, then the library it opens.
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.locator(".prose-menubar").get_by_role("button", name="Image", exact=True).click()
    page.wait_for_selector("dialog[open]")
    found["image dialog"] = violations(page)
    with page.expect_popup() as opened:
        page.locator("dialog[open]").get_by_role("button", name="Parcourir...").click()
    picker = opened.value
    picker.wait_for_load_state("networkidle")
    found["image picker"] = violations(picker)
    assert {name: found_ for name, found_ in found.items() if found_} == {}


def tab_to(tab, selector: str, presses: int = 200) -> None:
    """Presses Tab until the focused element matches the selector."""
    for _ in range(presses):
        if tab.evaluate("(s) => document.activeElement?.matches(s)", selector):
            return
        tab.keyboard.press("Tab")
    raise AssertionError(f"{selector} never took the focus")


def arrow_to(tab, name: str, presses: int = 80) -> None:
    """Presses the right arrow in the editor's toolbar until the button named `name` has focus."""
    for _ in range(presses):
        if tab.evaluate("() => document.activeElement?.getAttribute('aria-label')") == name:
            return
        tab.keyboard.press("ArrowRight")
    raise AssertionError(f"No toolbar button {name!r}")


def test_an_editor_writes_and_saves_an_article_with_the_keyboard_alone(page, chief):
    add_image(alt="Un carnet ouvert")
    author = ContributorFactory(display_name="Louise Plume")
    page.goto("/admin/blog/article/add/")
    page.wait_for_selector(".ProseMirror[contenteditable=true]")
    keys = page.keyboard

    tab_to(page, "#id_title")
    keys.type("Écrire sans souris")
    tab_to(page, ".ProseMirror[contenteditable=true]")
    # The toolbar is a single stop on the way: its buttons are walked with the arrows.
    toolbar = page.get_by_role("toolbar", name="Mise en forme")
    assert toolbar.locator("button[tabindex='0']").count() == 1
    text = page.get_by_role("textbox", name="Corps")
    assert "Alt+F10" in text.get_attribute("aria-keyshortcuts")

    keys.press("Control+Alt+2")
    keys.type("Un intertitre")
    keys.press("Enter")
    keys.type("Lisez le guide")
    keys.press("Control+Shift+ArrowLeft")
    wait_for(page, f"{EDITOR}.state.selection.content().size === 5")  # « guide », as it sees it
    keys.press("Control+k")
    dialog = page.locator("dialog[open]")
    dialog.wait_for()
    keys.type("https://example.org/guide")
    keys.press("Enter")
    dialog.wait_for(state="detached")
    assert page.evaluate("() => document.activeElement.matches('.ProseMirror')")
    keys.press("ArrowRight")  # the link's text stays chosen: go past it
    keys.press("End")
    wait_for(page, f"{EDITOR}.state.selection.empty")
    keys.press("Enter")

    # Alt+F10 goes to the toolbar, the arrows to « Image », Enter opens its dialog.
    keys.press("Alt+F10")
    assert page.evaluate("() => document.activeElement.closest('[role=toolbar]') !== null")
    arrow_to(page, "Image")
    keys.press("Enter")
    dialog.wait_for()
    assert page.evaluate("() => document.activeElement.closest('dialog') !== null")
    with page.expect_popup() as opened:
        tab_to(page, "dialog[open] .prose-editor-field-with-picker button")
        keys.press("Enter")
    picker = opened.value
    picker.wait_for_load_state()
    with picker.expect_event("close"):
        tab_to(picker, "[data-pick]")
        with suppress(PlaywrightError):  # choosing closes the library before Enter is up
            picker.keyboard.press("Enter")
    assert dialog.locator("input[name=altText]").input_value() == "Un carnet ouvert"
    tab_to(page, "dialog[open] button[type=submit]")
    keys.press("Enter")
    dialog.wait_for(state="detached")
    # The dialog closed: the focus is back in the text, not lost on the page.
    assert page.evaluate("() => document.activeElement.matches('.ProseMirror')")

    # The author: typed in the selection box's filter, Enter moves the match across.
    tab_to(page, "#id_authors_input")
    keys.type("Louise")
    keys.press("Enter")
    assert page.locator("#id_authors_to option").all_inner_texts() == ["Louise Plume"]

    tab_to(page, "[name=_continue]")
    keys.press("Enter")
    page.wait_for_url("**/admin/blog/article/*/change/")
    assert page.locator(".messagelist .success").count() == 1

    article = Article.objects.get(title="Écrire sans souris")
    assert "<h2>Un intertitre</h2>" in article.body
    assert re.search(r'<a href="https://example.org/guide"[^>]*>guide</a>', article.body)
    assert 'alt="Un carnet ouvert"' in article.body and "<img" in article.body
    assert list(article.authors.all()) == [author]
    assert page.errors == []
