"""The site chrome shared by every public page, read once and cached.

The menus, site settings, "À propos" figures and announcements cost one cache read
per request instead of one query each; services call `epw.core.chrome_cache.site_changed()`
when they change. Each process keeps the copy it last read while the pages generation stands
and that copy is younger than `CACHE_SECONDS`: the shared copy is not read (a file opened and
unpickled, or a round trip to Redis) on every request. The audience figures follow within
`CACHE_SECONDS` of each flush, which is soon enough. Announcements are kept from before they
start until they end, and each request shows those showing at that moment: one starting at
9:00 appears at 9:00 whatever the cache holds.
"""

import secrets
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone

from blog.audience.figures import Totals, last_days_totals
from blog.menus.links import FOOTER, MAIN, MenuLink, menus_read
from blog.models import Announcement, Article, SiteSettings
from epw.core.chrome_cache import CHROME_KEY, pages_generation
from newsletter.models import Subscriber

CACHE_SECONDS = 300


@dataclass
class Chrome:
    """What the layout shows around every page. `stamp` names this build of it: the layout's
    fragments rendered from it are cached under that name (see templates/includes/)."""

    settings: SiteSettings
    main_menu: list[MenuLink]
    footer_menu: list[MenuLink]
    subscribers: int
    archive_years: list[int] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)
    audience: Totals = field(default_factory=Totals)
    stamp: str = field(default_factory=lambda: secrets.token_hex(8))
    built_at: float = field(default_factory=time.time)

    def announcements_showing(self) -> dict[str, list[Announcement]]:
        """The announcements on the site at this moment, by placement (in the admin's order)."""
        now = timezone.now()
        showing = defaultdict(list)
        for announcement in self.announcements:
            if announcement.is_showing(now):
                showing[announcement.placement].append(announcement)
        return showing

    @property
    def subscribers_shown(self) -> int:
        override = self.settings.subscribers_count
        return override if override is not None else self.subscribers

    @property
    def pageviews_shown(self) -> int:
        """Page views of the last 30 days, unless an editor set the figure."""
        override = self.settings.pageviews_per_month
        return override if override is not None else self.audience.page_views

    @property
    def sessions_shown(self) -> int:
        """Daily unique visitors summed over the last 30 days, unless an editor set the figure."""
        override = self.settings.sessions_per_month
        return override if override is not None else self.audience.visitors


@dataclass(frozen=True)
class _Kept:
    pages: str
    chrome: Chrome


_kept: _Kept | None = None  # this process's last copy, whatever the thread


def chrome_load() -> Chrome:
    global _kept
    pages = pages_generation()
    kept = _kept
    if kept and kept.pages == pages and time.time() < kept.chrome.built_at + CACHE_SECONDS:
        return kept.chrome
    chrome = cache.get(CHROME_KEY)
    if chrome is None:
        chrome = _build()
        cache.set(CHROME_KEY, chrome, CACHE_SECONDS)
    _kept = _Kept(pages, chrome)
    return chrome


def _build() -> Chrome:
    now = timezone.now()
    menus = menus_read()
    return Chrome(
        settings=SiteSettings.objects.get_or_create(pk=1)[0],
        main_menu=menus[MAIN],
        footer_menu=menus[FOOTER],
        subscribers=Subscriber.objects.confirmed().count(),
        archive_years=[
            day.year for day in Article.objects.published().dates("published_at", "year", "DESC")
        ],
        announcements=list(Announcement.objects.not_over(now)),
        audience=last_days_totals(),
    )
