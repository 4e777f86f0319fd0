"""The site under its Content-Security-Policy and Permissions-Policy, in a real browser: pages
work with nothing refused (the page fixture fails a test on any violation), and what the policy
is for (an injected script, a frame the page does not show) is refused."""

import time
from urllib.parse import urlsplit

import pytest

from blog.models import Article
from epw.roles import EDITOR_IN_CHIEF
from tests.e2e.test_editor import log_in
from tests.factories import ArticleFactory, CommentFactory, StaffUserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
POST = "https://mastodon.social/@Gargron/1093362131"
INJECT_SCRIPT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.injected = true";
  document.body.append(script);
  return window.injected === true;
}"""
INJECT_FRAME = """(src) => {
  const frame = document.createElement("iframe");
  frame.src = src;
  document.body.append(frame);
}"""


def stored_embed(url: str, provider: str) -> str:
    return f'<figure data-embed="{provider}"><a href="{url}">{url}</a></figure>'


def refused(page, words: str) -> list[str]:
    """The violations reported so far that mention `words`, waiting a little for the report;
    they are taken off the list, as the test expected them."""
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not any(words in t for t in page.policy_violations):
        page.wait_for_timeout(100)
    page.wait_for_timeout(300)  # the console's report follows the page's event
    found = [text for text in page.policy_violations if words in text]
    for text in found:
        page.policy_violations.remove(text)
    return found


def test_a_reader_s_pages_run_under_the_policy_and_frame_only_their_players(page, live_server):
    article = ArticleFactory(
        status=Article.Status.PUBLISHED,
        title="Des vidéos sans pistage",
        body="<p>Regardez plutôt.</p>"
        + stored_embed(VIDEO, "youtube")
        + stored_embed(POST, "mastodon"),
    )
    CommentFactory(article=article, comment="Merci, très clair.")
    server = urlsplit(live_server.url).netloc
    outside = []
    page.route(
        lambda url: urlsplit(url).netloc != server,
        lambda route: (outside.append(route.request.url), route.abort()),
    )

    home = page.goto("/")
    policy = home.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy
    assert "camera=()" in home.headers["permissions-policy"]
    assert page.get_by_role("link", name="Des vidéos sans pistage").count() >= 1

    response = page.goto(article.get_absolute_url())
    frames = next(
        part.split()[1:]
        for part in response.headers["content-security-policy"].split("; ")
        if part.startswith("frame-src ")
    )
    assert sorted(frames) == [
        "'self'",
        "https://mastodon.social",
        "https://www.youtube-nocookie.com",
    ]
    assert page.get_by_text("Merci, très clair.").is_visible()
    # The site's scripts ran: the facade's link became a button.
    facade = page.locator("figure.embed--video")
    assert page.evaluate("document.featurePolicy.allowsFeature('camera')") is False
    assert page.evaluate("document.featurePolicy.allowsFeature('geolocation')") is False

    # A script slipped into the page does not run, and is reported.
    assert page.evaluate(INJECT_SCRIPT) is False
    assert refused(page, "script-src")

    # The reader asks for the video: its player is framed, nothing else.
    facade.get_by_role("button", name="Charger la vidéo").click()
    player = page.locator("figure.embed--video iframe")
    assert player.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    deadline = time.monotonic() + 5
    while not outside and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    # The policy let the frame ask for its player (refused here by the test's network).
    assert {urlsplit(url).netloc for url in outside} == {"www.youtube-nocookie.com"}
    assert player.evaluate("frame => frame.featurePolicy.allowsFeature('fullscreen')") is True
    assert player.evaluate("frame => frame.featurePolicy.allowsFeature('camera')") is False

    # A frame the page does not show is refused before any request leaves.
    page.evaluate(INJECT_FRAME, "https://player.vimeo.com/video/76979871")
    assert refused(page, "frame-src")
    assert not [url for url in outside if "vimeo" in url]


def test_the_editor_works_under_the_policy(page, live_server):
    chief = StaffUserFactory(role=EDITOR_IN_CHIEF)
    article = ArticleFactory(status=Article.Status.DRAFT, body="<p>Premier jet.</p>")
    log_in(page, chief)
    response = page.goto(f"/admin/blog/article/{article.pk}/change/")
    policy = response.headers["content-security-policy"]
    nonce = next(s for s in policy.replace(";", " ").split() if s.startswith("'nonce-"))
    assert page.locator("script[type=importmap]").evaluate("s => s.nonce") == nonce[7:-1]

    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.locator(".prose-menubar").get_by_role("button", name="Gras", exact=True).click()
    page.keyboard.type("En gras")
    assert editor.locator("strong").inner_text() == "En gras"
    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    page.wait_for_url("**/change/")
    article.refresh_from_db()
    assert "<strong>En gras</strong>" in article.body
