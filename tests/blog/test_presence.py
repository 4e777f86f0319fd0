"""« Claire Vasseur modifie cet article depuis 10 h 42 »: who else has an article open."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from blog.models import Article
from epw.roles import EDITOR_IN_CHIEF, MODERATOR, WRITER
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
TEN_FORTY_TWO = datetime(2026, 3, 10, 10, 42, tzinfo=ZoneInfo("Europe/Paris"))


def logged_in(role=EDITOR_IN_CHIEF, **names) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(StaffUserFactory(role=role, **names))
    return client


@pytest.fixture
def article():
    return ArticleFactory(status=Article.Status.DRAFT, published_at=None)


def change_page(client, article) -> str:
    return client.get(f"/admin/blog/article/{article.pk}/change/").content.decode()


def presence_of(page: str) -> tuple[str, str, str]:
    """The heartbeat address, the tab id and the CSRF token of a change page."""
    url = re.search(r'id="editing-presence"[^>]*data-url="([^"]+)"', page).group(1)
    tab = re.search(r'data-tab="([0-9a-f]{32})"', page).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return url, tab, token


def beat(client, page, **extra):
    url, tab, token = presence_of(page)
    return client.post(url, {"tab": tab, "csrfmiddlewaretoken": token, **extra})


def test_opening_an_article_others_have_open_names_them_and_since_when(article):
    claire = logged_in(first_name="Claire", last_name="Vasseur")
    bruno = logged_in(first_name="Bruno", last_name="Lenoir")
    with time_machine.travel(TEN_FORTY_TWO, tick=False):
        assert "modifie cet article" not in change_page(claire, article)
    with time_machine.travel(TEN_FORTY_TWO + timedelta(minutes=1), tick=False):
        page = change_page(bruno, article)
    assert "Claire Vasseur modifie cet article depuis 10 h 42" in page
    assert 'aria-live="polite"' in page and "js/admin-presence.js" in page
    # Nobody is told about themselves.
    with time_machine.travel(TEN_FORTY_TWO + timedelta(minutes=1, seconds=5), tick=False):
        assert "Claire Vasseur modifie" not in change_page(claire, article)


def test_the_heartbeat_keeps_the_notice_and_answers_with_the_others(article):
    claire = logged_in(first_name="Claire", last_name="Vasseur")
    bruno = logged_in(username="bruno", first_name="")
    with time_machine.travel(TEN_FORTY_TWO, tick=False) as clock:
        claire_page = change_page(claire, article)
        for _ in range(4):  # two minutes of Claire's beats
            clock.shift(30)
            beat(claire, claire_page)
        bruno_page = change_page(bruno, article)
        clock.shift(30)
        assert beat(claire, claire_page).json() == {
            "notices": ["bruno modifie cet article depuis 10 h 44"]
        }
        clock.shift(25)
        assert beat(bruno, bruno_page).json() == {
            "notices": ["Claire Vasseur modifie cet article depuis 10 h 42"]
        }
        # Claire's page stops beating (closed without a goodbye): gone after the expiry.
        clock.shift(95)
        assert beat(bruno, bruno_page).json() == {"notices": []}


def test_leaving_the_page_removes_the_notice_at_once(article):
    claire = logged_in(first_name="Claire", last_name="Vasseur")
    bruno = logged_in()
    claire_page = change_page(claire, article)
    bruno_page = change_page(bruno, article)
    assert "Claire Vasseur modifie" in bruno_page
    # Only Claire can say that her tab left.
    _url, claire_tab, _token = presence_of(claire_page)
    url, _tab, token = presence_of(bruno_page)
    bruno.post(url, {"tab": claire_tab, "csrfmiddlewaretoken": token, "action": "leave"})
    assert "Claire Vasseur modifie" in change_page(bruno, article)
    response = beat(claire, claire_page, action="leave")
    assert response.status_code == 204
    assert "Claire Vasseur modifie" not in change_page(bruno, article)


def test_the_notice_is_translated():
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    with time_machine.travel(TEN_FORTY_TWO, tick=False):
        change_page(logged_in(first_name="Claire", last_name="Vasseur"), article)
        bruno = logged_in()
        url, tab, token = presence_of(change_page(bruno, article))
        with translation.override("en"):
            response = bruno.post(
                url, {"tab": tab, "csrfmiddlewaretoken": token}, HTTP_ACCEPT_LANGUAGE="en"
            )
    assert response.json() == {
        "notices": ["Claire Vasseur has been editing this article since 10:42"]
    }


def test_the_heartbeat_needs_csrf_post_a_tab_and_the_right_to_see_the_article(article):
    claire = logged_in()
    page = change_page(claire, article)
    url, tab, token = presence_of(page)
    assert claire.post(url, {"tab": tab}).status_code == 403  # no CSRF token
    assert claire.get(url).status_code == 405
    assert claire.post(url, {"tab": "../x", "csrfmiddlewaretoken": token}).status_code == 400
    missing = url.replace(f"/{article.pk}/", "/999999/")
    assert claire.post(missing, {"tab": tab, "csrfmiddlewaretoken": token}).status_code == 404
    forged = url.replace(f"/{article.pk}/", "/pas-un-nombre/")
    assert claire.post(forged, {"tab": tab, "csrfmiddlewaretoken": token}).status_code == 404

    moderator = logged_in(role=MODERATOR)
    moderator.get("/admin/")
    token = moderator.cookies["csrftoken"].value
    response = moderator.post(url, {"tab": tab, "csrfmiddlewaretoken": token})
    assert response.status_code == 403


def test_someone_who_may_only_read_the_article_sees_who_edits_but_is_not_announced():
    live = ArticleFactory()  # published: a writer may only look at it
    chief = logged_in(first_name="Claire", last_name="Vasseur")
    writer = logged_in(role=WRITER, first_name="Léa", last_name="Martin")
    with time_machine.travel(TEN_FORTY_TWO, tick=False):
        change_page(chief, live)
        writer_page = change_page(writer, live)
        assert "Claire Vasseur modifie cet article depuis 10 h 42" in writer_page
        assert beat(writer, writer_page).json() == {
            "notices": ["Claire Vasseur modifie cet article depuis 10 h 42"]
        }
        assert "Léa Martin" not in change_page(chief, live)


def test_saving_the_article_keeps_since_when_someone_has_been_editing(article):
    claire = logged_in(first_name="Claire", last_name="Vasseur")
    bruno = logged_in()
    with time_machine.travel(TEN_FORTY_TWO, tick=False) as clock:
        claire_page = change_page(claire, article)
        for _ in range(16):  # eight minutes of writing
            clock.shift(30)
            beat(claire, claire_page)
        # Saving leaves the page and opens it again.
        beat(claire, claire_page, action="leave")
        change_page(claire, article)
        assert "Claire Vasseur modifie cet article depuis 10 h 42" in change_page(bruno, article)
