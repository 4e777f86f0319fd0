"""Audience figures: counted without cookies or addresses, exactly, at one cache operation."""

import itertools
import time
from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache, caches
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from blog.audience import recording, services
from blog.audience.models import ArticleAudienceDay, AudienceCursor, AudienceDay, AudienceVisitor
from blog.audience.services import audience_flush
from blog.models import SiteSettings
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"
SAFARI = "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"
# Three visitors: two share an address (a household behind one box) but not a browser.
VISITORS = [("203.0.113.7", FIREFOX), ("203.0.113.7", SAFARI), ("2001:db8::42", FIREFOX)]
CACHE_OPERATIONS = [
    "add", "get", "set", "get_many", "set_many", "delete", "delete_many", "incr", "decr",
    "has_key", "touch", "get_or_set", "clear",
]  # fmt: skip


@pytest.fixture(autouse=True)
def _empty_buffer(settings):
    settings.EPW_AUDIENCE_HANDOFF_EVENTS = 1
    recording.buffer.clear()
    # Slots picked in turn, not at random, so that no test depends on luck (see the last ones).
    slots = itertools.count()
    with mock.patch.object(recording.random, "randrange", side_effect=lambda n: next(slots) % n):
        yield
    recording.buffer.clear()


@pytest.fixture
def clock():
    start = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
    # As if flushes had run until now (a first flush would read a whole day of empty slots).
    AudienceCursor.objects.update(bucket=recording.bucket_of(start.timestamp()) - 10)
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


def visit(client, path, visitor, **extra):
    address, user_agent = visitor
    return client.get(path, REMOTE_ADDR=address, HTTP_USER_AGENT=user_agent, **extra)


def flush_later(clock):
    """Flush once the minutes written to are closed (as the periodic flush would)."""
    clock.shift(timedelta(minutes=3))
    return audience_flush()


def burst(client, first, second):
    """14 counted views: first article 6 (3 visitors), second 3 (2), home 1; 3 not counted."""
    plan = [
        (first, 0), (first, 0), (first, 1), (first, 2), (first, 0), (first, 1),
        (second, 0), (second, 2), (second, 2),
        ("/", 1),
    ]  # fmt: skip
    for path, who in plan:
        assert visit(client, path, VISITORS[who]).status_code == 200
    visit(client, first, ("198.51.100.1", "Googlebot/2.1 (+http://www.google.com/bot.html)"))
    visit(client, first, ("198.51.100.2", ""))
    visit(client, "/articles/nowhere/", VISITORS[0])


def test_a_burst_of_views_from_several_visitors_is_counted_exactly(client, clock, settings):
    settings.EPW_AUDIENCE_HANDOFF_EVENTS = 4  # batches of 4, the rest handed off at exit
    first, second = ArticleFactory(), ArticleFactory()
    burst(client, first.get_absolute_url(), second.get_absolute_url())
    recording.buffer.hand_off_all()
    report = flush_later(clock)

    assert report.events == 10
    today = date(2026, 11, 20)
    site = AudienceDay.objects.get(day=today)
    assert (site.page_views, site.visitors) == (10, 3)
    figures = {
        row.article_id: (row.page_views, row.visitors)
        for row in ArticleAudienceDay.objects.filter(day=today)
    }
    assert figures == {first.pk: (6, 3), second.pk: (3, 2)}

    # Later the same day: returning visitors add views, not visitors; a new one adds both.
    visit(client, first.get_absolute_url(), VISITORS[0])
    visit(client, first.get_absolute_url(), ("192.0.2.99", FIREFOX))
    recording.buffer.hand_off_all()
    flush_later(clock)
    site.refresh_from_db()
    assert (site.page_views, site.visitors) == (12, 4)
    assert ArticleAudienceDay.objects.get(day=today, article=first).visitors == 4


def test_the_same_visitor_is_a_new_visitor_the_next_day(client, clock):
    article = ArticleFactory()
    visit(client, article.get_absolute_url(), VISITORS[0])
    flush_later(clock)
    clock.shift(timedelta(days=1))
    visit(client, article.get_absolute_url(), VISITORS[0])
    flush_later(clock)
    assert list(AudienceDay.objects.order_by("day").values_list("visitors", flat=True)) == [1, 1]
    digests = set(AudienceVisitor.objects.filter(scope=0).values_list("digest", flat=True))
    assert len(digests) == 2  # the salt changes with the day: the two days cannot be linked


def test_no_raw_address_or_user_agent_is_stored_anywhere(client, clock):
    first, second = ArticleFactory(), ArticleFactory()
    burst(client, first.get_absolute_url(), second.get_absolute_url())
    secrets = ["203.0.113", "2001:db8", "Firefox", "Safari", "Mozilla"]

    # In the cache buffer, before the flush…
    current = recording.bucket_of(time.time())
    buffered = services._read_slots(range(current, current + 1))
    assert sum(len(batch) for batch in buffered.values()) == 10
    assert not [s for s in secrets if s in repr(buffered)]

    # …and in every column of every table after it.
    flush_later(clock)
    assert AudienceVisitor.objects.exists()
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                found += [(table, s) for value in row for s in secrets if s in str(value)]
    assert found == []


def count_cache_operations(run) -> int:
    backend = caches["default"]
    calls = []
    patches = [
        mock.patch.object(
            backend,
            name,
            side_effect=(lambda original: lambda *a, **k: calls.append(1) or original(*a, **k))(
                getattr(backend, name)
            ),
        )
        for name in CACHE_OPERATIONS
    ]
    for patch in patches:
        patch.start()
    try:
        run()
    finally:
        for patch in patches:
            patch.stop()
    return len(calls)


@pytest.mark.parametrize("handoff_events", [1, 100])
def test_a_page_view_adds_at_most_one_cache_operation(client, settings, handoff_events):
    settings.EPW_AUDIENCE_HANDOFF_EVENTS = handoff_events
    path = ArticleFactory().get_absolute_url()
    visit(client, path, VISITORS[0])  # warm the site chrome

    def ten_views():
        for i in range(10):
            assert visit(client, path, (f"192.0.2.{i}", FIREFOX)).status_code == 200

    settings.EPW_AUDIENCE_ENABLED = False
    without = count_cache_operations(ten_views)
    settings.EPW_AUDIENCE_ENABLED = True
    recording.buffer.clear()
    with_counting = count_cache_operations(ten_views)

    added = with_counting - without
    assert added <= 10
    # Worst case, a hand-off on every request: exactly one `add` each; else none at all.
    assert added == (10 if handoff_events == 1 else 0)
    assert len(recording.buffer.events) == (0 if handoff_events == 1 else 10)


def test_counting_adds_no_query_to_the_article_page(client, settings):
    from django.test.utils import CaptureQueriesContext

    path = ArticleFactory(tags=["titres"]).get_absolute_url()
    visit(client, path, VISITORS[0])  # warm the site chrome
    settings.EPW_AUDIENCE_ENABLED = False
    with CaptureQueriesContext(connection) as without:
        visit(client, path, VISITORS[1])
    settings.EPW_AUDIENCE_ENABLED = True
    with CaptureQueriesContext(connection) as with_counting:
        visit(client, path, VISITORS[1])
    assert len(with_counting) == len(without)
    current = recording.bucket_of(time.time())
    handed_off = services._read_slots(range(current - 1, current + 1))
    assert sum(len(batch) for batch in handed_off.values()) == 2  # counted, in the cache only
    assert not AudienceDay.objects.exists()


def test_nothing_is_counted_when_counting_is_off(client, clock, settings):
    settings.EPW_AUDIENCE_ENABLED = False
    visit(client, ArticleFactory().get_absolute_url(), VISITORS[0])
    assert flush_later(clock).events == 0
    assert not AudienceDay.objects.exists()


def test_staff_bots_prefetches_errors_and_the_admin_are_not_counted(client, clock, admin_user):
    path = ArticleFactory().get_absolute_url()
    visit(client, path, ("192.0.2.1", "Mozilla/5.0 (compatible; bingbot/2.0)"))
    visit(client, path, ("192.0.2.2", "curl/8.5.0"))
    visit(client, path, VISITORS[0], HTTP_SEC_PURPOSE="prefetch;prerender")
    visit(client, "/pas-une-page/", VISITORS[0])
    client.head(path, REMOTE_ADDR="192.0.2.3", HTTP_USER_AGENT=FIREFOX)
    client.post(path, REMOTE_ADDR="192.0.2.3", HTTP_USER_AGENT=FIREFOX)
    client.force_login(admin_user)
    visit(client, path, VISITORS[1])
    visit(client, "/admin/", VISITORS[1])
    assert flush_later(clock).events == 0


@pytest.mark.parametrize(
    ("user_agent", "counted"),
    [
        ("Mozilla/5.0 (Linux; Android 11; CUBOT X19) AppleWebKit/537.36 Mobile Safari/537.36", 1),
        ("Mozilla/5.0 (Linux; Android 10; CUBOT_NOTE_20) AppleWebKit/537.36 Safari/537.36", 1),
        ("Mozilla/5.0 (compatible; AhrefsBot/7.0)", 0),
        ("Slackbot-LinkExpanding 1.0", 0),
        ("AdsBot-Google", 0),
    ],
)
def test_bot_is_a_word_not_part_of_a_phone_model(client, clock, user_agent, counted):
    visit(client, ArticleFactory().get_absolute_url(), ("192.0.2.9", user_agent))
    assert flush_later(clock).events == counted


def test_pages_marked_noindex_such_as_previews_are_not_counted(rf, clock):
    from django.http import HttpResponse
    from django.urls import resolve

    path = ArticleFactory().get_absolute_url()
    request = rf.get(path, HTTP_USER_AGENT=FIREFOX)
    request.resolver_match = resolve(path)
    response = HttpResponse("<p>Aperçu</p>")
    assert recording.countable(request, response)
    response["X-Robots-Tag"] = "noindex, nofollow"
    assert not recording.countable(request, response)


def test_flushing_twice_counts_once(client, clock):
    path = ArticleFactory().get_absolute_url()
    for visitor in VISITORS:
        visit(client, path, visitor)
    assert flush_later(clock).events == 3
    assert audience_flush().events == 0
    call_command("flush_audience", verbosity=0)
    assert AudienceDay.objects.get().page_views == 3


def test_a_flush_that_fails_before_committing_loses_nothing(client, clock):
    path = ArticleFactory().get_absolute_url()
    for visitor in VISITORS:
        visit(client, path, visitor)
    clock.shift(timedelta(minutes=3))
    with mock.patch.object(services, "_add_article_days", side_effect=RuntimeError("crash")):
        with pytest.raises(RuntimeError):
            audience_flush()
    assert not AudienceDay.objects.exists()  # rolled back, the buffer still holds the views
    assert audience_flush().events == 3
    assert AudienceDay.objects.get().page_views == 3
    assert ArticleAudienceDay.objects.get().page_views == 3


def test_a_flush_that_dies_after_committing_counts_nothing_twice(client, clock):
    path = ArticleFactory().get_absolute_url()
    for visitor in VISITORS:
        visit(client, path, visitor)
    clock.shift(timedelta(minutes=3))
    with mock.patch.object(cache, "delete_many", side_effect=ConnectionError("gone")):
        with pytest.raises(ConnectionError):
            audience_flush()
    # A second flusher (or the next run) finds the slots still there but already counted.
    assert audience_flush().events == 0
    assert AudienceDay.objects.get().page_views == 3


def test_minutes_still_open_are_left_for_a_later_flush(client, clock):
    path = ArticleFactory().get_absolute_url()
    visit(client, path, VISITORS[0])
    assert audience_flush().events == 0  # this minute may still receive hand-offs
    assert flush_later(clock).events == 1


def test_a_taken_slot_keeps_the_batch_for_the_next_request(client, clock):
    path = ArticleFactory().get_absolute_url()
    with mock.patch.object(recording.random, "randrange", return_value=7):
        visit(client, path, VISITORS[0])
        visit(client, path, VISITORS[1])  # same slot, same minute: add() refuses
    assert len(recording.buffer.events) == 1
    visit(client, path, VISITORS[2])  # too soon to try again
    assert len(recording.buffer.events) == 2
    clock.shift(timedelta(seconds=recording.RETRY_SECONDS))
    visit(client, path, VISITORS[2])  # another slot: the three views go
    assert recording.buffer.events == []
    assert flush_later(clock).events == 4


def test_visitor_hashes_are_deleted_two_days_later(client, clock):
    visit(client, ArticleFactory().get_absolute_url(), VISITORS[0])
    flush_later(clock)
    assert AudienceVisitor.objects.count() == 2  # the site, and the article
    clock.shift(timedelta(days=1))
    audience_flush()
    assert AudienceVisitor.objects.count() == 2  # yesterday's late views still deduplicate
    clock.shift(timedelta(days=1))
    audience_flush()
    assert not AudienceVisitor.objects.exists()
    assert AudienceDay.objects.get().visitors == 1  # the totals stay


def test_the_about_box_shows_the_last_30_days_unless_overridden(client, about_page):
    today = timezone.localdate()
    AudienceDay.objects.create(day=today - timedelta(days=1), page_views=1200, visitors=400)
    AudienceDay.objects.create(day=today - timedelta(days=29), page_views=34, visitors=20)
    AudienceDay.objects.create(day=today - timedelta(days=30), page_views=99999, visitors=999)
    html = client.get("/").content.decode()
    assert "<strong>1\xa0234</strong> pages vues" in html
    assert "<strong>420</strong> sessions par mois" in html

    SiteSettings.objects.update_or_create(pk=1, defaults={"pageviews_per_month": 50000})
    from epw.core.chrome_cache import site_changed

    site_changed()
    html = client.get("/").content.decode()
    assert "<strong>50\xa0000</strong> pages vues" in html
    assert "<strong>420</strong> sessions par mois" in html


def test_the_admin_chart_shows_90_days_and_the_top_articles(admin_client):
    read, unread = ArticleFactory(title="Le plus lu"), ArticleFactory(title="Moins lu")
    today = timezone.localdate()
    AudienceDay.objects.create(day=today, page_views=80, visitors=30)
    AudienceDay.objects.create(day=today - timedelta(days=89), page_views=40, visitors=10)
    AudienceDay.objects.create(day=today - timedelta(days=90), page_views=999, visitors=1)
    ArticleAudienceDay.objects.create(day=today, article=read, page_views=50, visitors=20)
    ArticleAudienceDay.objects.create(day=today, article=unread, page_views=5, visitors=5)

    response = admin_client.get("/admin/blog/audienceday/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="epw-chart__bar"') == 90
    assert 'data-height="100.0"' in html and 'data-height="50.0"' in html
    assert html.index("Le plus lu") < html.index("Moins lu")
    assert "<script" not in html.split('id="content-main"')[1]


def test_the_admin_chart_is_for_staff_with_the_view_permission(client, django_user_model):
    editor = django_user_model.objects.create_user("plume", password="x", is_staff=True)
    client.force_login(editor)
    assert client.get("/admin/blog/audienceday/").status_code == 403


# Pages served from a cache: counted once, on the server or by the beacon, never both. --------

ORIGIN = "http://testserver"


@pytest.fixture
def page_cache(settings):
    settings.EPW_PAGE_CACHE_ENABLED = True


def beacon(client, path, visitor=VISITORS[0], **extra):
    address, user_agent = visitor
    return client.post(
        "/audience/vue/",
        path,
        content_type="text/plain",
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=user_agent,
        HTTP_ORIGIN=ORIGIN,
        **extra,
    )


def test_pages_served_from_the_page_cache_are_counted_once_each(client, page_cache, clock):
    article = ArticleFactory()
    for visitor in VISITORS:  # the first is rendered, the others come from the cache
        response = visit(client, article.get_absolute_url(), visitor)
        assert response.status_code == 200
    visit(client, "/", VISITORS[0])
    visit(client, "/", VISITORS[1])
    assert flush_later(clock).events == 5
    views = ArticleAudienceDay.objects.get(article=article)
    assert (views.page_views, views.visitors) == (3, 3)
    assert AudienceDay.objects.get().page_views == 5


def test_bots_are_not_counted_on_cached_pages_either(client, page_cache, clock):
    path = ArticleFactory().get_absolute_url()
    visit(client, path, VISITORS[0])
    visit(client, path, ("192.0.2.1", "Mozilla/5.0 (compatible; bingbot/2.0)"))
    visit(client, path, VISITORS[0], HTTP_SEC_PURPOSE="prefetch")
    assert flush_later(clock).events == 1


@pytest.fixture
def beacon_mode(settings):
    settings.EPW_AUDIENCE_BEACON = True


def test_with_the_beacon_pages_carry_it_and_only_the_beacon_counts(
    client, page_cache, clock, beacon_mode
):
    article = ArticleFactory()
    page = visit(client, article.get_absolute_url(), VISITORS[0])
    assert 'src="/static/js/audience.js" data-endpoint="/audience/vue/" defer' in page.text
    visit(client, article.get_absolute_url(), VISITORS[1])  # from the cache: not counted here
    answer = beacon(client, article.get_absolute_url())
    assert answer.status_code == 204 and not answer.cookies
    beacon(client, "/", VISITORS[2])
    assert flush_later(clock).events == 2
    assert ArticleAudienceDay.objects.get(article=article).page_views == 1


def test_the_beacon_counts_only_public_pages_from_browsers_of_this_site(
    client, page_cache, clock, beacon_mode
):
    article = ArticleFactory()
    draft = ArticleFactory(status="draft", published_at=None)
    beacon(client, draft.get_absolute_url())
    beacon(client, f"/apercu/{article.pk}/")
    beacon(client, "/admin/")
    beacon(client, "/pas/une/page/")
    beacon(client, "https://evil.example/")
    beacon(client, article.get_absolute_url(), ("192.0.2.1", "curl/8.5.0"))
    refused = Client(enforce_csrf_checks=True).post(
        "/audience/vue/",
        article.get_absolute_url(),
        content_type="text/plain",
        HTTP_USER_AGENT=FIREFOX,
        HTTP_ORIGIN="https://evil.example",
    )
    assert refused.status_code == 403
    staff = StaffUserFactory()
    client.force_login(staff)
    beacon(client, article.get_absolute_url())
    assert flush_later(clock).events == 0


def test_error_pages_carry_no_beacon(client, page_cache, beacon_mode):
    assert "audience.js" not in client.get("/pas-une-page/").text


def test_the_beacon_is_rate_limited_per_address(client, page_cache, clock, beacon_mode, settings):
    settings.EPW_AUDIENCE_BEACON_LIMIT = (3, 60)
    path = ArticleFactory().get_absolute_url()
    for _ in range(5):
        assert beacon(client, path).status_code == 204
    assert flush_later(clock).events == 3
    clock.shift(timedelta(minutes=2))
    beacon(client, path)
    assert flush_later(clock).events == 1
