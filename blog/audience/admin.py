"""The audience page of the admin: a chart of the last 90 days and the most read articles."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from blog.audience.figures import (
    CHART_DAYS,
    MONTH_DAYS,
    daily_chart,
    last_days_totals,
    top_articles,
)
from blog.audience.models import AudienceDay


@admin.register(AudienceDay)
class AudienceDayAdmin(admin.ModelAdmin):
    """Read-only: the figures come from counting, never from typing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        """Editors: page views and visitors per day over 90 days, and this month's top articles."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        chart = daily_chart(CHART_DAYS)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Audience"),
            "chart": chart,
            "chart_days": CHART_DAYS,
            "chart_total": sum(day.page_views for day in chart),
            "chart_peak": max(day.page_views for day in chart),
            "month_days": MONTH_DAYS,
            "month": last_days_totals(MONTH_DAYS),
            "top_articles": top_articles(MONTH_DAYS),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/blog/audienceday/chart.html", context)
