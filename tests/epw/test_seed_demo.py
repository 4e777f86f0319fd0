import pytest
from django.core.management import call_command
from django_comments_xtd.models import XtdComment

from blog.models import Article, Category, Page
from contributors.models import CharterVersion, Contributor
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        "articles": Article.objects.count(),
        "public": Article.objects.published().count(),
        "categories": Category.objects.count(),
        "contributors": Contributor.objects.count(),
        "pages": Page.objects.count(),
        "comments": XtdComment.objects.filter(is_public=True).count(),
        "subscribers": Subscriber.objects.confirmed().count(),
        "charter versions": CharterVersion.objects.count(),
    }


def test_seed_fills_an_empty_database_and_a_second_run_changes_nothing():
    call_command("seed_demo")
    first = counts()
    assert first["public"] >= 12
    assert first["categories"] >= 3
    assert 2 <= first["contributors"] <= 4
    assert first["comments"] >= 5
    assert first["subscribers"] >= 3
    assert Page.objects.filter(slug="a-propos").exists()
    snapshot = list(Article.objects.values_list("slug", "published_at", "modified_at"))

    call_command("seed_demo")
    assert counts() == first
    assert list(Article.objects.values_list("slug", "published_at", "modified_at")) == snapshot


def test_seeded_articles_have_intertitles_lists_and_tags():
    call_command("seed_demo")
    articles = list(Article.objects.prefetch_related("tags", "authors"))
    assert all(article.body.count("<h2>") >= 2 for article in articles)
    assert sum("<ul>" in article.body for article in articles) >= 5
    assert all(article.tags.all() and article.authors.all() for article in articles)


def test_home_lists_the_demo_articles(client):
    call_command("seed_demo")
    html = client.get("/").content.decode()
    latest = Article.objects.published().order_by("-published_at").first()
    assert latest.title.replace("'", "&#x27;") in html


def test_the_demo_has_a_charter_to_accept_and_its_pages_lead_to_the_call(client):
    call_command("seed_demo")
    charter = CharterVersion.current()
    assert charter.version == 1
    for rule in ("Écrire pour le web", "Sources", "Originalité", "Ton", "Droits"):
        assert f"<h2>{rule}" in charter.body
    charter_page = client.get("/devenez-chroniqueur/charte/").content.decode()
    assert "en cours de rédaction" not in charter_page
    assert "Version 1, en vigueur depuis le" in charter_page
    form = client.get("/devenez-chroniqueur/proposer/").content.decode()
    assert "Charte éditoriale, version 1" in form and 'name="accept_charter"' in form
    # The footer's « Charte éditoriale » and « À propos » send proposals through the call.
    for slug in ("charte-editoriale", "a-propos"):
        page = client.get(f"/{slug}/").content.decode()
        assert "redaction@example.org" not in page
        assert 'href="/devenez-chroniqueur/"' in page
        assert 'href="/devenez-chroniqueur/charte/"' in page
