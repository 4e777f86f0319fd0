"""Anonymous pages from the page cache: served again, dropped exactly when the site changes,
never for readers whose cookies change the page; and the HTTP caching headers."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog import services
from blog.comments import services as comment_services
from blog.comments.identity import REMEMBER_COOKIE
from blog.models import Announcement, Article
from epw.chrome import chrome_load
from epw.core.chrome_cache import CHROME_KEY
from newsletter import services as newsletter_services
from tests.conftest import BrowserClient
from tests.factories import (
    ArticleFactory,
    CategoryFactory,
    CommentFactory,
    StaffUserFactory,
    SubscriberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache(settings):
    settings.EPW_PAGE_CACHE_ENABLED = True


@pytest.fixture
def chief():
    return StaffUserFactory(is_superuser=True)


@pytest.fixture
def article():
    return ArticleFactory(title="Écrire court")


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a service as in production: its after-commit work (the cache refresh) happens."""

    def run(service, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return service(**kwargs)

    return run


def test_a_page_is_kept_and_served_again_until_the_site_changes(client, article):
    first = client.get("/")
    assert "Écrire court" in first.text
    Article.objects.filter(pk=article.pk).update(title="Changé sans service")
    again = client.get("/")
    assert again.content == first.content  # kept: the change went through no service


def test_publishing_shows_at_once(client, commit, chief):
    draft = ArticleFactory(title="Tout neuf", status=Article.Status.DRAFT, published_at=None)
    assert "Tout neuf" not in client.get("/").text
    commit(services.article_publish, article=draft, by=chief)
    assert "Tout neuf" in client.get("/").text


def test_editing_a_live_article_shows_at_once(client, commit, chief, article):
    assert "Écrire court" in client.get(article.get_absolute_url()).text
    article.title = "Écrire plus court encore"
    commit(services.article_save, article=article, by=chief)
    assert "Écrire plus court encore" in client.get(article.get_absolute_url()).text
    assert "Écrire plus court encore" in client.get("/").text


def test_unpublishing_shows_at_once(client, commit, chief, article):
    assert client.get(article.get_absolute_url()).status_code == 200
    assert "Écrire court" in client.get("/").text
    commit(services.article_unpublish, article=article, by=chief)
    assert client.get(article.get_absolute_url()).status_code == 404
    assert "Écrire court" not in client.get("/").text


def test_an_approved_or_removed_comment_shows_at_once(client, commit, chief, article):
    comment = CommentFactory(article=article, comment="Un avis tenu.", state="held")
    assert "Un avis tenu." not in client.get(article.get_absolute_url()).text
    commit(comment_services.comment_approve, comment_id=comment.pk, by=chief)
    assert "Un avis tenu." in client.get(article.get_absolute_url()).text
    commit(comment_services.comment_reject, comment_id=comment.pk, by=chief)
    assert "Un avis tenu." not in client.get(article.get_absolute_url()).text


def test_an_announcement_or_a_category_change_shows_at_once(client, commit, article):
    assert "Atelier jeudi" not in client.get(article.get_absolute_url()).text
    announcement = Announcement(
        title="Atelier jeudi", placement=Announcement.Placement.TOP, is_active=True
    )
    announcement.starts_at = timezone.now() - timedelta(minutes=1)
    commit(services.site_item_save, item=announcement)
    assert "Atelier jeudi" in client.get(article.get_absolute_url()).text
    category = CategoryFactory(name="Ancien nom")
    ArticleFactory(category=category)
    assert "Ancien nom" in client.get("/").text
    category.name = "Nouveau nom"
    commit(services.site_item_save, item=category)
    assert "Nouveau nom" in client.get("/").text


def test_a_scheduled_article_and_an_announcement_appear_and_go_at_their_time(client, article):
    now = timezone.now()
    ArticleFactory(
        title="Prévu pour midi",
        status=Article.Status.SCHEDULED,
        published_at=now + timedelta(hours=1),
    )
    Announcement.objects.create(
        title="Fin de l’atelier",
        placement=Announcement.Placement.TOP,
        is_active=True,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
    )
    with time_machine.travel(now, tick=False) as clock:
        home = client.get("/").text
        assert "Prévu pour midi" not in home and "Fin de l’atelier" in home
        clock.move_to(now + timedelta(minutes=59))
        assert "Prévu pour midi" not in client.get("/").text
        clock.move_to(now + timedelta(hours=1, seconds=1))
        assert "Prévu pour midi" in client.get("/").text
        clock.move_to(now + timedelta(hours=2, seconds=1))
        assert "Fin de l’atelier" not in client.get("/").text


def rendered(response) -> bool:
    """The view made this answer (a kept one comes back without rendering any template)."""
    return bool(response.templates)


def test_staff_and_a_remembered_commenter_get_fresh_pages(client, chief, article):
    client.get("/")  # kept for anonymous readers
    assert not rendered(client.get("/"))
    staff = BrowserClient()
    staff.force_login(chief)
    fresh = staff.get("/")
    assert rendered(fresh)
    assert fresh["Cache-Control"] == "private, no-store"
    commenter = BrowserClient()
    commenter.cookies[REMEMBER_COOKIE] = "anything"
    for _ in range(2):
        assert rendered(commenter.get("/"))
    assert client.get("/").content == client.get("/").content  # the kept one, still


def test_search_results_and_other_queries_are_not_kept(client, article):
    for path in ("/recherche/?q=court", "/?utm_source=lettre"):
        client.get(path)
        assert rendered(client.get(path)), path
    Article.objects.filter(pk=article.pk).update(title="Trouvé frais", version=F("version") + 1)
    assert "Trouvé frais" in client.get("/recherche/?q=frais").text


def test_languages_are_kept_apart(client, article):
    french = client.get("/")
    english = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert french["Content-Language"] == "fr"
    assert english["Content-Language"] == "en"


def test_a_kept_page_carries_no_per_visitor_token_nor_cookie(client, article):
    response = client.get(article.get_absolute_url())
    assert "csrfmiddlewaretoken" not in response.text
    assert "nonce" not in response.text
    assert not response.cookies
    assert "nonce-" not in response["Content-Security-Policy"]


# HTTP headers --------------------------------------------------------------------------


def test_public_pages_say_any_cache_may_keep_them(client, article):
    for path in ("/", article.get_absolute_url(), article.category.get_absolute_url()):
        response = client.get(path)
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert directives == {
            "public",
            "max-age=30",
            "s-maxage=120",
            "stale-while-revalidate=30",
        }, path
        vary = {v.strip().lower() for v in response["Vary"].split(",")}
        assert vary == {"accept-language", "cookie"}
        assert response["ETag"].startswith('"')
        assert response["Last-Modified"].endswith("GMT")


def test_conditional_requests_answer_304_until_the_page_changes(client, commit, chief, article):
    first = client.get(article.get_absolute_url())
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    since = client.get(article.get_absolute_url(), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304
    article.title = "Corrigé"
    commit(services.article_save, article=article, by=chief)
    changed = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and "Corrigé" in changed.text


def test_a_page_nears_its_scheduled_change_with_shorter_lifetimes(client, article):
    ArticleFactory(
        status=Article.Status.SCHEDULED, published_at=timezone.now() + timedelta(seconds=50)
    )
    response = client.get("/")
    directives = dict(d.strip().partition("=")[::2] for d in response["Cache-Control"].split(","))
    assert int(directives["s-maxage"]) <= 50


def test_personal_pages_are_private(client, chief, article):
    staff = BrowserClient()
    staff.force_login(chief)
    preview = staff.get(f"/apercu/{article.pk}/")
    assert "no-store" in preview["Cache-Control"] and "private" in preview["Cache-Control"]
    assert "no-store" in staff.get("/admin/")["Cache-Control"]
    signup_done = client.get("/lettre/merci/")
    assert signup_done.status_code == 200
    assert signup_done["Cache-Control"] == "private, no-store"


def test_a_kept_page_costs_no_query(client, article, django_assert_num_queries):
    client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        assert client.get(article.get_absolute_url()).status_code == 200


def test_the_newsletter_figure_follows_an_unsubscription(client, commit, article):
    readers = SubscriberFactory.create_batch(3)
    assert "<strong>3</strong> abonnés" in client.get("/").text
    commit(newsletter_services.subscriber_unsubscribe, subscriber=readers[0])
    assert "<strong>2</strong> abonnés" in client.get("/").text


def test_a_figure_change_makes_the_pages_again_from_what_they_keep(client, commit, article):
    readers = SubscriberFactory.create_batch(3)
    client.get("/")
    commit(newsletter_services.subscriber_unsubscribe, subscriber=readers[0])
    cache.delete(CHROME_KEY)
    with CaptureQueriesContext(connection) as chrome:
        chrome_load()
    commit(newsletter_services.subscriber_unsubscribe, subscriber=readers[1])
    with CaptureQueriesContext(connection) as page:
        assert "<strong>1</strong> abonné" in client.get("/").text
    # The chrome is read again; the home page's listing and cards are still kept.
    assert len(page.captured_queries) == len(chrome.captured_queries)


def test_head_requests_are_answered_from_the_kept_page_without_a_body(client, article):
    full = client.get(article.get_absolute_url())
    head = client.head(article.get_absolute_url())
    assert head.status_code == 200 and head.content == b""
    assert head["ETag"] == full["ETag"]
    assert head["Content-Length"] == str(len(full.content))
