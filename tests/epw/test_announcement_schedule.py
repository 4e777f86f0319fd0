"""An announcement scheduled by an editor appears at its time, not before, on every placement.

The site chrome that carries announcements is cached for minutes: the cache must not show an
announcement early, nor hide it once its time has come.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache

from blog.models import Announcement
from epw.core.chrome_cache import CHROME_KEY
from epw.roles import EDITOR_IN_CHIEF
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
TODAY = datetime(2026, 10, 14, 15, 0, tzinfo=PARIS)
STARTS = datetime(2026, 10, 15, 9, 0, tzinfo=PARIS)
ENDS = datetime(2026, 10, 16, 9, 0, tzinfo=PARIS)


def schedule(client, placement: str) -> None:
    editor = StaffUserFactory(role=EDITOR_IN_CHIEF)
    client.force_login(editor)
    response = client.post(
        "/admin/blog/announcement/add/",
        {
            "title": "Atelier d’écriture jeudi",
            "body": "<p>Inscriptions ouvertes.</p>",
            "placement": placement,
            "position": 1,
            "starts_at_0": "15/10/2026",
            "starts_at_1": "09:00:00",
            "ends_at_0": "16/10/2026",
            "ends_at_1": "09:00:00",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    client.logout()


@pytest.mark.parametrize("placement", [choice.value for choice in Announcement.Placement])
def test_a_scheduled_announcement_appears_at_its_time_with_the_chrome_cached(client, placement):
    with time_machine.travel(TODAY, tick=False) as clock:
        article = ArticleFactory(published_at=TODAY - timedelta(days=2))
        schedule(client, placement)

        assert "Atelier d’écriture jeudi" not in client.get(article.get_absolute_url()).text
        assert "Atelier d’écriture jeudi" not in client.get("/").text

        clock.move_to(STARTS - timedelta(minutes=1))
        assert "Atelier d’écriture jeudi" not in client.get(article.get_absolute_url()).text
        assert cache.get(CHROME_KEY) is not None  # warm: what follows is served from it

        clock.move_to(STARTS + timedelta(seconds=1))
        assert cache.get(CHROME_KEY) is not None
        page = client.get(article.get_absolute_url()).text
        assert "Atelier d’écriture jeudi" in page
        assert page.count(f"announcement--{placement}") == 1

        clock.move_to(ENDS + timedelta(seconds=1))
        assert "Atelier d’écriture jeudi" not in client.get(article.get_absolute_url()).text


def test_the_admin_list_says_whether_an_announcement_is_showing(client):
    with time_machine.travel(TODAY, tick=False) as clock:
        schedule(client, "top")
        client.force_login(StaffUserFactory(role=EDITOR_IN_CHIEF))
        assert 'alt="False"' in client.get("/admin/blog/announcement/").text
        clock.move_to(STARTS + timedelta(seconds=1))
        assert 'alt="True"' in client.get("/admin/blog/announcement/").text
