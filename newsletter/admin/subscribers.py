"""Subscribers in the admin: filters, search, counts, CSV import/export, bounces."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from epw.core.personal_data_access import address_action
from newsletter import services
from newsletter.forms import ImportForm
from newsletter.imports import csv_text, subscribers_csv, subscribers_import
from newsletter.models import Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "source", "created_at", "confirmed_at"]
    list_filter = ["status", "source"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    readonly_fields = [
        "consent_text",
        "consent_version",
        "consented_at",
        "confirmed_at",
        "unsubscribed_at",
        "created_at",
    ]
    actions = [
        "mark_bounced",
        "mark_complained",
        "unsubscribe",
        "export_csv",
        address_action("email"),
    ]
    change_list_template = "newsletter/admin/subscriber_change_list.html"

    def get_urls(self):
        urls = [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="newsletter_subscriber_import",
            ),
            path(
                "export/",
                self.admin_site.admin_view(self.export_view),
                name="newsletter_subscriber_export",
            ),
        ]
        return urls + super().get_urls()

    def changelist_view(self, request, extra_context=None):
        by_status = dict(
            Subscriber.objects.values_list("status")
            .annotate(n=Count("pk"))
            .values_list("status", "n")
        )
        by_month = (
            Subscriber.objects.annotate(month=TruncMonth("created_at"))
            .values("month")
            .annotate(n=Count("pk"))
            .order_by("-month")[:12]
        )
        extra_context = {
            **(extra_context or {}),
            "counts_by_status": [
                (label, by_status.get(value, 0)) for value, label in Subscriber.Status.choices
            ],
            "counts_by_month": list(by_month),
        }
        return super().changelist_view(request, extra_context)

    @admin.action(description=_("Marquer comme adresse en échec (bounce)"))
    def mark_bounced(self, request, queryset):
        self._mark(request, queryset, Subscriber.Status.BOUNCED)

    @admin.action(description=_("Marquer comme plainte pour spam"))
    def mark_complained(self, request, queryset):
        self._mark(request, queryset, Subscriber.Status.COMPLAINED)

    @admin.action(description=_("Désabonner"))
    def unsubscribe(self, request, queryset):
        count = 0
        for subscriber in queryset:
            services.subscriber_unsubscribe(subscriber=subscriber)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d abonné désabonné.", "%(count)d abonnés désabonnés.", count)
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Exporter la sélection en CSV"))
    def export_csv(self, request, queryset):
        return _csv_response(queryset.order_by("pk"))

    def export_view(self, request):
        if not self.has_view_permission(request):
            return redirect("admin:index")
        return _csv_response(Subscriber.objects.order_by("pk"))

    def import_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = ImportForm(request.POST or None, request.FILES or None)
        report = None
        if request.method == "POST" and form.is_valid():
            text = csv_text(form.cleaned_data["file"].read())
            report = subscribers_import(text=text, source=form.cleaned_data["source"])
            self.message_user(request, report.summary(), messages.SUCCESS)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Importer des abonnés"),
            "form": form,
            "report": report,
        }
        return TemplateResponse(request, "newsletter/admin/subscriber_import.html", context)

    def _mark(self, request, queryset, status):
        count = 0
        for subscriber in queryset:
            services.subscriber_mark_undeliverable(subscriber=subscriber, status=status)
            count += 1
        self.message_user(
            request,
            ngettext(
                "Statut mis à jour : %(count)d abonné.",
                "Statut mis à jour : %(count)d abonnés.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


def _csv_response(queryset) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        subscribers_csv(queryset.iterator(chunk_size=2000)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="abonnes.csv"'
    return response
