"""A reader's first visit, in a real browser."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from blog.models import Article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo_site(live_server):
    call_command("seed_demo", verbosity=0)


def test_reader_follows_an_article_a_tag_an_author_and_searches(page, demo_site):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "fr"
    latest = Article.objects.published().order_by("-published_at").first()

    page.get_by_role("link", name=latest.title, exact=True).first.click()
    page.wait_for_url(f"**{latest.get_absolute_url()}")
    assert page.locator("h1").inner_text().startswith(latest.title.split(" ")[0])

    tag = latest.tags.order_by("name").first()
    page.locator(".article__header .tags").get_by_role("link", name=tag.name).click()
    page.wait_for_url(f"**/etiquettes/{tag.slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == tag.name

    page.goto(latest.get_absolute_url())
    author = latest.authors.first()
    page.locator(".article__header").get_by_role("link", name=author.display_name).click()
    page.wait_for_url(f"**/auteurs/{author.slug}/")
    assert author.display_name in page.get_by_role("heading", level=1).inner_text()

    word = max(latest.title.split(), key=len).strip("?!.:«»,")
    page.get_by_role("searchbox", name="Rechercher dans le blog").fill(word)
    page.get_by_role("button", name="Rechercher", exact=True).first.click()
    page.wait_for_url("**/recherche/?q=*")
    assert page.locator(".card, .search-result").count() >= 1

    assert page.errors == []


def test_home_and_article_pass_automated_accessibility_checks(page, demo_site):
    axe = Axe()
    article = Article.objects.published().first()
    for path in ("/", article.get_absolute_url()):
        page.goto(path)
        results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa"]})
        serious = [
            violation["id"]
            for violation in results.response["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]
        assert serious == [], f"{path}: {serious}"


def test_the_site_works_without_javascript(open_tab, demo_site):
    tab = open_tab(java_script_enabled=False)
    tab.goto("/")
    tab.get_by_role("searchbox", name="Rechercher dans le blog").fill("écrire")
    tab.get_by_role("button", name="Rechercher", exact=True).first.click()
    tab.wait_for_url("**/recherche/?q=*")
    assert tab.get_by_role("heading", level=1).inner_text() == "Recherche"
