"""Each process keeps the chrome it last read, for as long as nothing it shows has changed."""

from datetime import timedelta

import time_machine
from django.utils import timezone

from epw.chrome import CACHE_SECONDS, chrome_load
from epw.core.chrome_cache import figures_changed, site_changed


def test_the_chrome_is_kept_in_the_process_until_the_site_changes(db):
    first = chrome_load()
    assert chrome_load() is first  # not read again from the shared cache
    site_changed()
    after_change = chrome_load()
    assert after_change.stamp != first.stamp


def test_a_figure_change_or_its_age_makes_the_process_read_the_chrome_again(db):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        first = chrome_load()
        figures_changed()
        second = chrome_load()
        assert second.stamp != first.stamp
        clock.shift(timedelta(seconds=CACHE_SECONDS - 1))
        assert chrome_load() is second
        clock.shift(timedelta(seconds=2))
        assert chrome_load() is not second  # read again (or built again)
