"""The site chrome shared by every public page, read once and cached.

Navigation, footer pages, site settings, "À propos" figures and announcements cost one cache read
per request instead of one query each; services call `chrome_invalidate()` when they change.
The audience figures follow within `CACHE_SECONDS` of each flush, which is soon enough.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.cache import cache
from django.utils import timezone

from blog.audience.figures import Totals, last_days_totals
from blog.models import Announcement, Article, Category, Page, SiteSettings
from newsletter.models import Subscriber

CACHE_KEY = "epw:chrome:v1"
CACHE_SECONDS = 300


@dataclass
class Chrome:
    settings: SiteSettings
    categories: list[Category]
    footer_pages: list[Page]
    subscribers: int
    archive_years: list[int] = field(default_factory=list)
    announcements: list[Announcement] = field(default_factory=list)
    audience: Totals = field(default_factory=Totals)

    def announcements_for(self, placement: str, now: datetime | None = None) -> list[Announcement]:
        now = now or timezone.now()
        return [
            a
            for a in self.announcements
            if a.placement == placement
            and a.starts_at <= now
            and (a.ends_at is None or a.ends_at > now)
        ]

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


def chrome_load() -> Chrome:
    chrome = cache.get(CACHE_KEY)
    if chrome is None:
        chrome = _build()
        cache.set(CACHE_KEY, chrome, CACHE_SECONDS)
    return chrome


def chrome_invalidate() -> None:
    cache.delete(CACHE_KEY)


def _build() -> Chrome:
    now = timezone.now()
    return Chrome(
        settings=SiteSettings.objects.get_or_create(pk=1)[0],
        categories=list(Category.objects.all()),
        footer_pages=list(Page.objects.filter(is_published=True, in_footer=True)),
        subscribers=Subscriber.objects.confirmed().count(),
        archive_years=[
            day.year for day in Article.objects.published().dates("published_at", "year", "DESC")
        ],
        announcements=list(Announcement.objects.filter(is_active=True).exclude(ends_at__lte=now)),
        audience=last_days_totals(),
    )
