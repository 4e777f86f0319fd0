"""Reading the audience figures: the "À propos" box, the admin chart and dashboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Sum
from django.utils import timezone

from blog.audience.models import ArticleAudienceDay, AudienceDay

MONTH_DAYS = 30
CHART_DAYS = 90


@dataclass(frozen=True)
class Totals:
    page_views: int = 0
    visitors: int = 0


@dataclass(frozen=True)
class ChartDay:
    day: date
    page_views: int
    visitors: int
    height: float  # percentage of the busiest day's page views


def last_days_totals(days: int = MONTH_DAYS, *, today: date | None = None) -> Totals:
    """Page views and daily visitors summed over the last `days` days, today included."""
    today = today or timezone.localdate()
    sums = AudienceDay.objects.filter(day__gt=today - timedelta(days=days)).aggregate(
        page_views=Sum("page_views"), visitors=Sum("visitors")
    )
    return Totals(page_views=sums["page_views"] or 0, visitors=sums["visitors"] or 0)


def daily_chart(days: int = CHART_DAYS, *, today: date | None = None) -> list[ChartDay]:
    """One entry per day of the period, oldest first, days without figures at zero."""
    today = today or timezone.localdate()
    first = today - timedelta(days=days - 1)
    rows = {row.day: row for row in AudienceDay.objects.filter(day__gte=first)}
    peak = max((row.page_views for row in rows.values()), default=0) or 1
    chart = []
    for offset in range(days):
        day = first + timedelta(days=offset)
        row = rows.get(day)
        views, visitors = (row.page_views, row.visitors) if row else (0, 0)
        chart.append(ChartDay(day, views, visitors, round(100 * views / peak, 1)))
    return chart


def top_articles(days: int = MONTH_DAYS, limit: int = 10, *, today: date | None = None):
    """The most read articles of the period, with their page views and summed visitors."""
    today = today or timezone.localdate()
    return list(
        ArticleAudienceDay.objects.filter(day__gt=today - timedelta(days=days))
        .values("article_id", "article__title", "article__slug")
        .annotate(page_views=Sum("page_views"), visitors=Sum("visitors"))
        .order_by("-page_views", "article__title")[:limit]
    )
