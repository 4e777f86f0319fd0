"""The comment moderation queue in the admin; every decision goes through the services."""

from __future__ import annotations

import django_comments_xtd.admin  # noqa: F401  (registered first, replaced below)
from django import forms
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, OuterRef, Subquery, When
from django.db.models.functions import Cast
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment

from blog.comments import services
from blog.comments.models import CommentModeration
from blog.comments.moderators import can_moderate
from blog.comments.permalinks import comment_path
from blog.comments.queries import public_comments
from blog.models import Article, Page
from epw.core.personal_data_access import address_action

State = CommentModeration.State
personal_data = address_action("user_email")


class StateFilter(admin.SimpleListFilter):
    title = _("état")
    parameter_name = "etat"

    def lookups(self, request, model_admin):
        return State.choices

    def queryset(self, request, queryset):
        if self.value() == State.PUBLIC:
            # What readers see, whatever the moderation row says (imported comments have none).
            return public_comments(queryset, on=(Article, Page))
        if self.value() in State.values:
            return queryset.filter(moderation__state=self.value())
        return queryset


if admin.site.is_registered(XtdComment):
    admin.site.unregister(XtdComment)


class CommentAdminForm(forms.ModelForm):
    class Meta:
        model = XtdComment
        fields = ["comment", "user_name", "user_email", "user_url", "followup"]
        # The library's own labels are English only.
        labels = {"followup": _("Suivi des réponses")}
        help_texts = {
            "followup": _("Le commentateur reçoit par e-mail les réponses publiées sous son fil.")
        }


@admin.register(XtdComment)
class CommentModerationAdmin(admin.ModelAdmin):
    form = CommentAdminForm
    list_display = ["excerpt", "user_name", "user_email", "article_link", "state", "submit_date"]
    list_filter = [StateFilter, "submit_date"]
    search_fields = ["user_name", "user_email", "comment"]
    date_hierarchy = "submit_date"
    ordering = ["-submit_date"]
    list_per_page = 50
    actions = ["approve", "mark_spam", "reject", "delete_comments", personal_data]
    readonly_fields = [
        "state",
        "reasons",
        "article_link",
        "submit_date",
        "ip_address",
        "is_public",
        "is_removed",
        "level",
        "history",
    ]
    fieldsets = [
        (None, {"fields": ["article_link", "state", "reasons", "comment"]}),
        (_("Commentateur"), {"fields": ["user_name", "user_email", "user_url", "followup"]}),
        (_("Historique du commentateur"), {"fields": ["history"]}),
        (
            _("Avancé"),
            {
                "classes": ["collapse"],
                "fields": ["submit_date", "ip_address", "is_public", "is_removed", "level"],
            },
        ),
    ]

    def get_queryset(self, request):
        article = Article.objects.filter(pk=Cast(OuterRef("object_pk"), IntegerField()))
        on_article = {"content_type": ContentType.objects.get_for_model(Article)}
        return (
            super()
            .get_queryset(request)
            .select_related("moderation")
            .annotate(
                # Pages may carry comments too (imported ones): no article for those.
                article_title=Case(When(**on_article, then=Subquery(article.values("title")[:1]))),
                article_slug=Case(When(**on_article, then=Subquery(article.values("slug")[:1]))),
            )
        )

    def has_add_permission(self, request):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    @admin.display(description=_("commentaire"))
    def excerpt(self, obj: XtdComment) -> str:
        return Truncator(obj.comment).chars(80)

    @admin.display(description=_("article"))
    def article_link(self, obj: XtdComment) -> str:
        if not getattr(obj, "article_slug", None):
            return "—"
        url = reverse("blog:article_detail", args=[obj.article_slug])
        return format_html('<a href="{}#c{}">{}</a>', url, obj.pk, obj.article_title)

    @admin.display(description=_("état"), ordering="moderation__state")
    def state(self, obj: XtdComment) -> str:
        moderation = getattr(obj, "moderation", None)
        if moderation is None:
            return State.PUBLIC.label if obj.is_public else "—"
        return moderation.get_state_display()

    @admin.display(description=_("motifs"))
    def reasons(self, obj: XtdComment) -> str:
        moderation = getattr(obj, "moderation", None)
        return moderation.reasons if moderation else ""

    @admin.display(description=_("autres commentaires de la même adresse"))
    def history(self, obj: XtdComment) -> str:
        if not obj.user_email:
            return "—"
        others = (
            XtdComment.norel_objects.filter(user_email__iexact=obj.user_email)
            .exclude(pk=obj.pk)
            .select_related("moderation")
            .order_by("-submit_date")[:20]
        )
        rows = [
            (
                reverse("admin:django_comments_xtd_xtdcomment_change", args=[other.pk]),
                other.submit_date.strftime("%d/%m/%Y %H:%M"),
                getattr(getattr(other, "moderation", None), "state", ""),
                Truncator(other.comment).chars(60),
            )
            for other in others
        ]
        if not rows:
            return _("Aucun autre commentaire.")
        items = format_html_join("", '<li><a href="{}">{}</a> · {} · {}</li>', rows)
        return format_html("<ul>{}</ul>", items)

    def view_on_site(self, obj: XtdComment) -> str | None:
        if obj.content_type_id != ContentType.objects.get_for_model(Article).pk:
            page = obj.content_object  # a static page's (imported) comment
            return f"{page.get_absolute_url()}#c{obj.pk}" if page else None
        article = Article.objects.filter(pk=obj.object_pk).first()
        return comment_path(obj, article) if article else None

    def _apply(self, request, queryset, service, done: str) -> None:
        count = 0
        for comment_id in queryset.values_list("pk", flat=True):
            try:
                service(comment_id=comment_id, by=request.user)
            except services.CommentError as error:
                self.message_user(request, f"#{comment_id} : {error.message}", messages.WARNING)
            except PermissionDenied as error:
                self.message_user(request, str(error), messages.ERROR)
                return
            else:
                count += 1
        if count:
            self.message_user(request, done % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Approuver les commentaires sélectionnés"))
    def approve(self, request, queryset):
        self._apply(
            request, queryset, services.comment_approve, _("%(count)s commentaire(s) publié(s).")
        )

    @admin.action(description=_("Marquer comme indésirables"))
    def mark_spam(self, request, queryset):
        self._apply(
            request,
            queryset,
            services.comment_mark_spam,
            _("%(count)s commentaire(s) marqué(s) comme indésirable(s)."),
        )

    @admin.action(description=_("Refuser les commentaires sélectionnés"))
    def reject(self, request, queryset):
        self._apply(
            request, queryset, services.comment_reject, _("%(count)s commentaire(s) refusé(s).")
        )

    @admin.action(description=_("Supprimer les commentaires sélectionnés (et leurs réponses)"))
    def delete_comments(self, request, queryset):
        self._apply(
            request, queryset, services.comment_delete, _("%(count)s commentaire(s) supprimé(s).")
        )

    def delete_model(self, request, obj):
        services.comment_delete(comment_id=obj.pk, by=request.user)

    def get_urls(self):
        return [
            path(
                "<int:pk>/approuver/",
                self.admin_site.admin_view(self.decide_view),
                {"decision": "approve"},
                name="blog_comments_approve",
            ),
            path(
                "<int:pk>/refuser/",
                self.admin_site.admin_view(self.decide_view),
                {"decision": "reject"},
                name="blog_comments_reject",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk: int, decision: str):
        """Approve or reject one comment from the moderators' e-mail (GET asks, POST acts)."""
        comment = get_object_or_404(self.get_queryset(request), pk=pk)
        if not can_moderate(request.user):
            raise PermissionDenied
        service, label = {
            "approve": (services.comment_approve, _("Approuver ce commentaire")),
            "reject": (services.comment_reject, _("Refuser ce commentaire")),
        }[decision]
        if request.method == "POST":
            try:
                service(comment_id=comment.pk, by=request.user)
            except services.CommentError as error:
                self.message_user(request, error.message, messages.WARNING)
            else:
                self.message_user(request, _("Décision enregistrée."), messages.SUCCESS)
            changelist = reverse("admin:django_comments_xtd_xtdcomment_changelist")
            return HttpResponseRedirect(f"{changelist}?etat=held")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": label,
            "comment": comment,
            "button": label,
            "decision": decision,
            "article_link": self.article_link(comment),
        }
        return TemplateResponse(request, "admin/blog/comments/decide.html", context)
