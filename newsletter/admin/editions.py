"""Editions in the admin: suggested articles, preview, test send, schedule, delivery stats."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from epw.core.admin_labels import NamedInputsAdmin, NamedTabularInline
from epw.core.versioning import VersionCheckedAdmin
from newsletter import services
from newsletter.emails import EditionMessages
from newsletter.forms import EditionAdminForm
from newsletter.models import Delivery, Edition, EditionArticle, Subscriber
from newsletter.sending import edition_progress


class EditionArticleInline(NamedTabularInline):
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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        self.fields["at"].widget.attrs["min"] = now

    def clean_at(self) -> datetime:
        at = self.cleaned_data["at"]
        if at < timezone.now() - services.SCHEDULE_GRACE:
            raise forms.ValidationError(services.PAST_TIME_MESSAGE, code="past")
        return at


@admin.register(Edition)
class EditionAdmin(NamedInputsAdmin, VersionCheckedAdmin, admin.ModelAdmin):
    form = EditionAdminForm
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
        if obj is not None and obj.has_started:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.has_started:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _func, name, description = actions["delete_selected"]
            actions["delete_selected"] = (self.delete_unsent, name, description)
        return actions

    @staticmethod
    def delete_unsent(modeladmin, request, queryset):
        """Django's bulk delete, refused when the selection holds an edition already sent."""
        started = [edition for edition in queryset if edition.has_started]
        if started:
            modeladmin.message_user(
                request,
                ngettext(
                    "Suppression refusée : « %(subjects)s » est partie ou part en ce moment ; "
                    "son historique d’envoi est conservé.",
                    "Suppression refusée : « %(subjects)s » sont parties ou partent en ce "
                    "moment ; leur historique d’envoi est conservé.",
                    len(started),
                )
                % {"subjects": " », « ".join(edition.subject for edition in started)},
                messages.ERROR,
            )
            return None
        return delete_selected(modeladmin, request, queryset)

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
        if not self.has_view_permission(request, edition):
            raise PermissionDenied
        response = HttpResponse(EditionMessages(edition).html or "")
        response["Content-Security-Policy"] = (
            "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src https: data:"
        )
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def send_view(self, request, pk: int):
        """Preview, send a test to oneself, schedule, unschedule or send now (confirmed)."""
        edition = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_view_permission(request, edition):
            return redirect("admin:index")
        action = request.POST.get("action")
        form = ScheduleForm(
            request.POST if action == "schedule" else None,
            initial={"at": edition.scheduled_at and timezone.localtime(edition.scheduled_at)},
        )
        if request.method == "POST":
            try:
                response = self._act(request, edition, action, form)
            except services.NewsletterError as exc:
                self.message_user(request, str(exc), messages.ERROR)
                response = None
            if response is not None:
                return response
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Aperçu et envoi : %(subject)s") % {"subject": edition.subject},
            "edition": edition,
            "progress": edition_progress(edition),
            "form": form,
            "preview_url": reverse("admin:newsletter_edition_preview", args=[edition.pk]),
            "can_schedule": _can_schedule(edition),
        }
        return TemplateResponse(request, "newsletter/admin/edition_send.html", context)

    def _act(
        self, request, edition: Edition, action: str | None, form: ScheduleForm
    ) -> HttpResponse | None:
        """Run the posted action; None when the page is shown again (a form error)."""
        done = redirect("admin:newsletter_edition_send", pk=edition.pk)
        if action == "test":
            services.edition_send_test(edition=edition, to=request.user.email, by=request.user)
            self.message_user(
                request,
                _("Un e-mail de test part vers %(email)s.") % {"email": request.user.email},
                messages.SUCCESS,
            )
            return done
        if action == "unschedule":
            services.edition_unschedule(edition=edition, by=request.user)
            self.message_user(request, _("Envoi déprogrammé."), messages.SUCCESS)
            return done
        if action == "send_now":
            return self._confirm_send_now(request, edition)
        if action == "send_now_confirmed":
            recipients = Subscriber.objects.confirmed().count()
            services.edition_schedule(edition=edition, at=timezone.now(), by=request.user)
            self.message_user(
                request,
                ngettext(
                    "Envoi lancé vers %(count)d abonné.",
                    "Envoi lancé vers %(count)d abonnés.",
                    recipients,
                )
                % {"count": recipients},
                messages.SUCCESS,
            )
            return done
        if action == "schedule" and form.is_valid():
            at: datetime = form.cleaned_data["at"]
            if at <= timezone.now():
                # The chosen minute has just passed: that is sending now, which is confirmed.
                return self._confirm_send_now(request, edition)
            services.edition_schedule(edition=edition, at=at, by=request.user)
            self.message_user(
                request,
                _("Envoi programmé le %(at)s.")
                % {"at": timezone.localtime(at).strftime("%d/%m/%Y %H:%M")},
                messages.SUCCESS,
            )
            return done
        return None

    def _confirm_send_now(self, request, edition: Edition) -> TemplateResponse:
        if not _can_schedule(edition):
            raise services.NewsletterError(_("Cette édition est déjà partie."))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Envoyer maintenant ?"),
            "edition": edition,
            "recipients": Subscriber.objects.confirmed().count(),
        }
        return TemplateResponse(request, "newsletter/admin/edition_send_confirm.html", context)


def _can_schedule(edition: Edition) -> bool:
    return edition.status in {Edition.Status.DRAFT, Edition.Status.SCHEDULED}
