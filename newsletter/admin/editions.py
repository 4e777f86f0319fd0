"""Editions in the admin: suggested articles, preview, test send, schedule, delivery stats."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsletter import services
from newsletter.emails import EditionMessages
from newsletter.models import Delivery, Edition, EditionArticle
from newsletter.sending import edition_progress


class EditionArticleInline(admin.TabularInline):
    model = EditionArticle
    fields = ["position", "article"]
    raw_id_fields = ["article"]
    extra = 1

    def get_extra(self, request, obj=None, **kwargs):
        if obj is None:
            return max(1, len(services.edition_suggested_articles()))
        return 1


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(
        label=_("Date et heure d’envoi"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ["subject", "status", "scheduled_at", "sent_at", "progress"]
    list_filter = ["status"]
    search_fields = ["subject"]
    inlines = [EditionArticleInline]
    readonly_fields = ["status", "scheduled_at", "started_at", "sent_at", "recipients_count"]
    fieldsets = [
        (None, {"fields": ["subject", "intro"]}),
        (
            _("Envoi"),
            {
                "classes": ["collapse"],
                "fields": ["status", "scheduled_at", "started_at", "sent_at", "recipients_count"],
            },
        ),
    ]
    change_form_template = "newsletter/admin/edition_change_form.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                n_total=Count("deliveries"),
                n_sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
                n_failed=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.FAILED)),
            )
        )

    @admin.display(description=_("envoyés / total / échecs"))
    def progress(self, obj) -> str:
        return f"{obj.n_sent} / {obj.n_total} / {obj.n_failed}"

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if obj.pk is None and isinstance(inline, EditionArticleInline) and request.method == "GET":
            kwargs["initial"] = [
                {"article": article.pk, "position": position}
                for position, article in enumerate(services.edition_suggested_articles(), 1)
            ]
        return kwargs

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status in {Edition.Status.SENDING, Edition.Status.SENT}:
            return False
        return super().has_change_permission(request, obj)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/envoi/", view(self.send_view), name="newsletter_edition_send"),
            path("<int:pk>/apercu/", view(self.preview_view), name="newsletter_edition_preview"),
            *super().get_urls(),
        ]

    def preview_view(self, request, pk: int):
        """The HTML e-mail exactly as subscribers will get it (shown in a sandboxed frame)."""
        edition = get_object_or_404(Edition, pk=pk)
        response = HttpResponse(EditionMessages(edition).html or "")
        response["Content-Security-Policy"] = (
            "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: data:"
        )
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def send_view(self, request, pk: int):
        """Preview, send a test to oneself, schedule or unschedule the send."""
        edition = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, edition):
            return redirect("admin:index")
        form = ScheduleForm(
            request.POST if request.POST.get("action") == "schedule" else None,
            initial={"at": timezone.localtime().replace(second=0, microsecond=0)},
        )
        if request.method == "POST":
            try:
                done = self._act(request, edition, form)
            except services.NewsletterError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                done = False
            if done:
                return redirect("admin:newsletter_edition_send", pk=edition.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Aperçu et envoi : %(subject)s") % {"subject": edition.subject},
            "edition": edition,
            "progress": edition_progress(edition),
            "form": form,
            "preview_url": reverse("admin:newsletter_edition_preview", args=[edition.pk]),
            "can_schedule": edition.status in {Edition.Status.DRAFT, Edition.Status.SCHEDULED},
        }
        return TemplateResponse(request, "newsletter/admin/edition_send.html", context)

    def _act(self, request, edition: Edition, form: ScheduleForm) -> bool:
        action = request.POST.get("action")
        if action == "test":
            services.edition_send_test(edition=edition, to=request.user.email, by=request.user)
            self.message_user(
                request,
                _("Un e-mail de test part vers %(email)s.") % {"email": request.user.email},
                messages.SUCCESS,
            )
            return True
        if action == "unschedule":
            services.edition_unschedule(edition=edition, by=request.user)
            self.message_user(request, _("Envoi déprogrammé."), messages.SUCCESS)
            return True
        if action == "schedule" and form.is_valid():
            at: datetime = form.cleaned_data["at"]
            services.edition_schedule(edition=edition, at=at, by=request.user)
            self.message_user(
                request,
                _("Envoi programmé le %(at)s.")
                % {"at": timezone.localtime(at).strftime("%d/%m/%Y %H:%M")},
                messages.SUCCESS,
            )
            return True
        return False
