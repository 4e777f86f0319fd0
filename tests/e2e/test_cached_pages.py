"""Forms on pages served from the page cache, in a real browser with no cookie at all."""

import time

import pytest

from blog.audience import recording
from blog.models import Article
from newsletter.models import Subscriber
from tests.blog.test_audience import FIREFOX
from tests.factories import ArticleFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _page_cache(settings):
    settings.EPW_PAGE_CACHE_ENABLED = True


def test_a_reader_with_no_cookie_comments_and_signs_up_from_cached_pages(open_tab, live_server):
    article = ArticleFactory(title="Soigner ses titres")
    first = open_tab()
    first.goto(article.get_absolute_url())
    first.goto("/")
    # Changed behind the cache's back: a page that still shows the old title comes from it.
    Article.objects.filter(pk=article.pk).update(title="Titre changé sans service")

    reader = open_tab()
    served = reader.goto(article.get_absolute_url())
    assert "Soigner ses titres" in reader.title()
    assert served.headers["cache-control"].startswith("public")
    assert reader.context.cookies() == []
    form = reader.locator("#comment-form")
    form.get_by_label("Commentaire").fill("Des titres courts, merci pour les exemples.")
    form.get_by_role("textbox", name="Nom").fill("Camille Martin")
    form.get_by_role("textbox", name="E-mail").fill("camille@example.org")
    form.get_by_role("button", name="Publier le commentaire").click()
    reader.get_by_text("Un e-mail vient de vous être envoyé").wait_for()

    subscriber = open_tab()
    subscriber.goto("/")
    assert subscriber.context.cookies() == []
    signup = subscriber.locator(".sidebar .newsletter-form")
    signup.get_by_label("Votre adresse e-mail").fill("lecteur@example.org")
    signup.locator("input[name=consent]").check()
    signup.get_by_role("button", name="Je m’abonne").click()
    subscriber.get_by_role("heading", name="Vérifiez votre boîte de réception").wait_for()
    assert Subscriber.objects.filter(email="lecteur@example.org").exists()


def test_a_form_posted_from_another_site_is_refused(open_tab, live_server):
    tab = open_tab()
    form = (
        f'<form method="post" action="{live_server.url}/lettre/">'
        '<input name="email" value="victime@example.org"><input name="consent" value="on">'
        '<button type="submit">Envoyer</button></form>'
    )
    tab.route(
        "https://evil.example/",
        lambda route: route.fulfill(status=200, content_type="text/html", body=form),
    )
    tab.goto("https://evil.example/")
    tab.get_by_role("button", name="Envoyer").click()
    tab.get_by_text("ne peut être envoyé que depuis une page de ce site").wait_for()
    assert not Subscriber.objects.exists()


def test_a_page_served_from_the_cache_reports_its_view_by_the_beacon(open_tab, settings):
    settings.EPW_AUDIENCE_BEACON = True
    recording.buffer.clear()
    article = ArticleFactory()
    firefox = {"user_agent": FIREFOX}  # a headless browser says so, and is not counted
    open_tab(**firefox).goto(article.get_absolute_url())  # rendered, kept
    reader = open_tab(**firefox)
    reader.goto(article.get_absolute_url())  # from the cache
    deadline = time.monotonic() + 10
    while len(recording.buffer.events) < 2 and time.monotonic() < deadline:
        reader.wait_for_timeout(50)
    assert [event[1] for event in recording.buffer.events] == [article.pk, article.pk]
    assert reader.context.cookies() == []
    recording.buffer.clear()
