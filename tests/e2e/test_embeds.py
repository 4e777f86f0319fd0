"""Embeds in a real browser: an editor pastes a video address, readers load nothing from the
provider until they click."""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from blog.models import Article
from epw.roles import EDITOR_IN_CHIEF
from tests.e2e.test_editor import log_in
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
PASTE = """(url) => {
  const data = new DataTransfer();
  data.setData("text/plain", url);
  document.querySelector(".ProseMirror[contenteditable=true]").dispatchEvent(
    new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true })
  );
}"""


def test_a_pasted_address_becomes_an_embed_that_loads_only_when_the_reader_asks(
    page, live_server, client
):
    chief = StaffUserFactory(role=EDITOR_IN_CHIEF)
    article = ArticleFactory(
        status=Article.Status.DRAFT, standfirst="", excerpt="", body="<p>Regardez plutôt.</p>"
    )
    log_in(page, chief)
    page.goto(f"/admin/blog/article/{article.pk}/change/")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    page.locator(".prose-editor[data-keyboard]").wait_for()  # built, its keys set up
    editor.click()
    expect(editor).to_be_focused()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    expect(editor.locator("p").last).to_have_text("")  # the caret on a line of its own
    page.evaluate(PASTE, VIDEO)
    card = editor.locator(".prose-embed")
    assert card.locator(".prose-embed__provider").inner_text() == "YouTube"
    assert VIDEO in card.inner_text()

    # Pasted within a sentence, an address stays text.
    page.keyboard.type("Et aussi ")
    page.evaluate(PASTE, "https://vimeo.com/76979871")
    assert editor.locator(".prose-embed").count() == 1

    # The toolbar button asks for an address, and refuses one it cannot show.
    page.keyboard.press("Enter")
    toolbar = page.locator(".prose-menubar")
    toolbar.get_by_role("button", name="Intégrer une vidéo ou une publication").click()
    dialog = page.locator("dialog[open]")
    dialog.get_by_label("Adresse de la vidéo").fill("https://example.org/pas-une-video")
    dialog.get_by_role("button", name="Intégrer").click()
    dialog = page.locator("dialog[open]")
    assert "que le site sait intégrer" in dialog.inner_text()
    dialog.get_by_label("Adresse de la vidéo").fill("https://mastodon.social/@Gargron/1093362131")
    dialog.get_by_label("Légende").fill("Le message d’origine")
    dialog.get_by_role("button", name="Intégrer").click()
    assert editor.locator(".prose-embed").count() == 2

    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    page.wait_for_url("**/change/")
    article.refresh_from_db()
    assert (
        f'<figure data-embed="youtube"><a href="{VIDEO}" rel="noopener noreferrer">{VIDEO}</a>'
        "</figure>"
    ) in article.body
    assert (
        '<figure data-embed="mastodon"><a href="https://mastodon.social/@Gargron/1093362131" '
        'rel="noopener noreferrer">https://mastodon.social/@Gargron/1093362131</a>'
        "<figcaption>Le message d’origine</figcaption></figure>"
    ) in article.body

    # Reopened, the body is the same embeds again.
    page.reload()
    assert page.locator(".ProseMirror .prose-embed").count() == 2

    Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    # The reader's page: every request is recorded; any that leaves the site is refused.
    server = urlsplit(live_server.url).netloc
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.route(
        lambda url: urlsplit(url).netloc != server,
        lambda route: route.abort(),
    )
    page.goto(article.get_absolute_url())
    page.wait_for_load_state("networkidle")
    facade = page.locator("figure.embed--video")
    assert "YouTube" in facade.inner_text()
    assert "Le charger vous connecte à YouTube" in facade.inner_text()
    assert page.locator("iframe").count() == 0
    assert [url for url in requested if urlsplit(url).netloc != server] == []
    results = Axe().run(page, context="figure.embed", options={"runOnly": ["wcag2a", "wcag2aa"]})
    assert [violation["id"] for violation in results.response["violations"]] == []

    facade.get_by_role("button", name="Charger la vidéo").click()
    player = page.locator("figure.embed--video iframe")
    assert player.get_attribute("src") == (
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    )
    assert player.get_attribute("referrerpolicy") == "strict-origin-when-cross-origin"
    assert player.get_attribute("title")
    assert page.evaluate("document.activeElement.tagName") == "IFRAME"
    page.wait_for_timeout(200)
    outside = {urlsplit(url).netloc for url in requested if urlsplit(url).netloc != server}
    assert outside == {"www.youtube-nocookie.com"}
    # The post is still only a facade.
    assert page.locator("figure.embed--post iframe").count() == 0
    # No script error (refused requests, and the admin's missing favicon, are logged apart).
    assert [error for error in page.errors if not error.startswith("Failed to load")] == []

    feed = client.get("/flux/").content.decode()
    assert VIDEO in feed and "iframe" not in feed
