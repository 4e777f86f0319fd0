"""An article read in English, its share bar and its newsletter form, in a real browser."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.factories import ArticleFactory, CommentFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def article(live_server):
    article = ArticleFactory(
        title="Écrire pour être lu", standfirst="Un chapô.", tags=["rédaction"]
    )
    CommentFactory(article=article, comment="Merci, très juste.")
    return article


def language_of(tab, selector: str) -> str:
    """The language a screen reader reads the element in: that of its nearest `lang`."""
    return tab.locator(selector).first.evaluate("(el) => el.closest('[lang]').lang")


def serious_violations(tab) -> list[str]:
    results = Axe().run(tab, options={"runOnly": ["wcag2a", "wcag2aa"]})
    return [
        violation["id"]
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]


def fake_mastodon(context, requests: list[str]) -> None:
    """The reader's server, answering its share page without leaving the machine."""

    def answer(route):
        requests.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<p>Mastodon</p>")

    context.route("https://mastodon.social/**", answer)


def test_in_english_the_article_and_its_comments_are_read_as_french(open_tab, article):
    tab = open_tab(locale="en-GB")
    tab.goto(article.get_absolute_url())
    assert tab.locator("html").get_attribute("lang") == "en"
    for content in ("#article-title", ".standfirst", ".article__body", ".comment__body"):
        assert language_of(tab, content) == "fr", content
    assert language_of(tab, ".article__header .tag") == "fr"
    for interface in (".skip-link", "#comments-title", "#share-title", ".language-switch"):
        assert language_of(tab, interface) == "en", interface
    assert tab.locator("form.newsletter-form").count() == 1
    assert serious_violations(tab) == []
    assert tab.errors == []


def test_the_copy_button_copies_the_address_and_says_so(open_tab, article):
    tab = open_tab(permissions=["clipboard-read", "clipboard-write"])
    tab.goto(article.get_absolute_url())
    address = tab.get_by_label("Adresse de l’article").input_value()
    assert address.endswith(article.get_absolute_url())
    tab.get_by_role("button", name="Copier le lien").click()
    status = tab.locator(".share__copy-status")
    status.filter(has_text="Lien copié").wait_for()
    assert status.get_attribute("role") == "status"
    assert tab.evaluate("() => navigator.clipboard.readText()") == address
    assert tab.errors == []


def test_mastodon_opens_the_readers_server_and_remembers_it(open_tab, article):
    tab = open_tab()
    requests = []
    fake_mastodon(tab.context, requests)
    tab.goto(article.get_absolute_url())
    server = tab.get_by_label("Votre serveur Mastodon")
    server.fill("https://mastodon.social/")
    with tab.context.expect_page() as opened:
        tab.get_by_role("button", name="Partager sur Mastodon").click()
    opened.value.wait_for_load_state()
    share = urlsplit(requests[-1])
    assert (share.netloc, share.path) == ("mastodon.social", "/share")
    text = parse_qs(share.query)["text"][0]
    assert text.startswith("Écrire pour être lu ") and text.endswith(article.get_absolute_url())
    assert tab.url.endswith(article.get_absolute_url())  # the article stays open

    tab.reload()
    assert tab.get_by_label("Votre serveur Mastodon").input_value() == "mastodon.social"
    assert tab.errors == []


def test_without_javascript_both_still_work(open_tab, article):
    tab = open_tab(java_script_enabled=False)
    requests = []
    fake_mastodon(tab.context, requests)
    tab.goto(article.get_absolute_url())
    assert tab.get_by_role("button", name="Copier le lien").count() == 0
    copy = tab.get_by_label("Adresse de l’article")
    assert copy.is_visible() and copy.get_attribute("readonly") is not None
    assert copy.input_value().endswith(article.get_absolute_url())

    tab.get_by_label("Votre serveur Mastodon").fill("mastodon.social/evil")
    tab.get_by_role("button", name="Partager sur Mastodon").click()
    tab.get_by_text("indiquez seulement son domaine").wait_for()
    assert tab.get_by_label("Votre serveur Mastodon").get_attribute("aria-invalid") == "true"
    tab.get_by_label("Votre serveur Mastodon").fill("mastodon.social")
    tab.get_by_role("button", name="Partager sur Mastodon").click()
    tab.get_by_role("link", name="Continuer sur mastodon.social").click()
    tab.wait_for_url(re.compile(r"^https://mastodon\.social/share\?text="))
    text = parse_qs(urlsplit(requests[-1]).query)["text"][0]
    assert text.endswith(article.get_absolute_url())


def test_the_page_asking_again_for_the_server_passes_automated_checks(page, article):
    page.goto(f"{article.get_absolute_url()}partager/mastodon/?server=mastodon.social%2Fevil")
    page.get_by_text("indiquez seulement son domaine").wait_for()
    assert serious_violations(page) == []
