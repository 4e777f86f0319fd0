"""A reader who misspells a word follows « Vouliez-vous dire … ? » to the results."""

import pytest

from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_misspelt_search_offers_the_corrected_one(page, live_server):
    ArticleFactory(title="La typographie française", tags=["SEO"])
    page.goto("/")
    page.get_by_role("searchbox", name="Rechercher dans le blog").fill("typografie")
    page.get_by_role("button", name="Rechercher", exact=True).first.click()
    page.wait_for_url("**/recherche/?q=typografie")
    assert "0 résultat pour « typografie »" in page.get_by_role("status").inner_text()

    page.get_by_role("link", name="typographie", exact=True).click()
    page.wait_for_url("**/recherche/?q=typographie")
    assert page.locator(".search-result h2").all_inner_texts() == ["La typographie française"]
    assert page.errors == []
