import difflib
import re

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from contributors import services
from contributors.drafts import sanitize_draft
from contributors.forms import (
    ContributorAdminForm,
    EditorMessageForm,
    NoteForm,
    SubmissionAdminForm,
)
from contributors.models import CharterVersion, Contributor, Submission, SubmissionMessage
from contributors.permissions import can_review, reviewers
from contributors.privacy import submissions_delete
from epw.core.admin_labels import NamedTabularInline
from epw.core.personal_data_access import address_action


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    form = ContributorAdminForm
    list_display = ["display_name", "kind", "user"]
    list_filter = ["kind"]
    search_fields = ["display_name", "bio"]
    prepopulated_fields = {"slug": ["display_name"]}
    raw_id_fields = ["user"]

    def view_on_site(self, contributor):
        # A relative address keeps the current host; the page exists once an article is public.
        if contributor.articles.published().exists():
            return contributor.get_absolute_url()
        return None


@admin.register(CharterVersion)
class CharterVersionAdmin(admin.ModelAdmin):
    """A published charter version is never edited: write a new version instead."""

    list_display = ["version", "title", "published_at"]

    def get_readonly_fields(self, request, obj=None):
        return ["version", "title", "body", "published_at"] if obj else []

    def get_changeform_initial_data(self, request):
        latest = CharterVersion.objects.aggregate(latest=Max("version"))["latest"] or 0
        current = CharterVersion.current()
        return {"version": latest + 1, "body": current.body if current else ""}


Status = Submission.Status
BLOCK_END = re.compile(r"</(p|h[1-6]|li|blockquote|pre|tr)>|<br\s*/?>", re.I)


def _text_lines(html: str) -> list[str]:
    text = strip_tags(BLOCK_END.sub("\n", html))
    return [line.strip() for line in text.splitlines() if line.strip()]


class MessageInline(NamedTabularInline):
    model = SubmissionMessage
    fields = ["created_at", "kind", "author", "status", "body"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # The thread belongs to the submission: whoever reviews it reads it.
        return can_review(request.user)


class QueueStatusFilter(admin.ChoicesFieldListFilter):
    """The statuses of the queue: unconfirmed submissions never appear in it."""

    def choices(self, changelist):
        hidden = changelist.get_query_string(
            {self.lookup_kwarg: Status.UNCONFIRMED}, [self.lookup_kwarg_isnull]
        )
        choices = super().choices(changelist)
        return (choice for choice in choices if choice["query_string"] != hidden)


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """The review queue: confirmed submissions only (unconfirmed ones stay invisible)."""

    # The submission's own page is the applicant's private status page: not for editors.
    view_on_site = False
    list_display = ["title", "name", "status", "assigned_to", "created_at"]
    form = SubmissionAdminForm
    list_filter = [("status", QueueStatusFilter), "assigned_to"]
    list_select_related = ["assigned_to"]
    search_fields = ["title", "name", "email"]
    date_hierarchy = "created_at"
    inlines = [MessageInline]
    actions = [address_action("email")]
    change_form_template = "admin/contributors/submission/change_form.html"
    fieldsets = [
        (None, {"fields": ["status", "assigned_to", "workflow", "article_link"]}),
        (_("Texte"), {"fields": ["title", "standfirst", "draft_preview", "version_diff"]}),
        (
            _("Candidat"),
            {
                "fields": [
                    "name", "email", "bio", "photo", "website", "mastodon", "linkedin", "topics",
                ]
            },
        ),
        (
            _("Consentements"),
            {
                "classes": ["collapse"],
                "fields": [
                    "charter", "charter_accepted_at", "privacy_accepted_at", "created_at",
                    "confirmed_at",
                ],
            },
        ),
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(status=Submission.Status.UNCONFIRMED)

    def get_readonly_fields(self, request, obj=None):
        editable = {"assigned_to"}
        names = [name for _title, options in self.fieldsets for name in options["fields"]]
        return [name for name in names if name not in editable]

    def has_add_permission(self, request):
        return False

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"editor": request.user})

    def save_model(self, request, obj, form, change):
        if "assigned_to" in form.changed_data:
            services.submission_assign(
                submission=obj, editor=request.user, assignee=obj.assigned_to
            )

    def delete_model(self, request, obj):
        submissions_delete(submissions=Submission.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        submissions_delete(submissions=queryset)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            kwargs["queryset"] = reviewers().order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description=_("Décision"))
    def workflow(self, obj):
        links = [
            (
                reverse("admin:contributors_submission_transition", args=[obj.pk, name]),
                services.MOVES[name].label,
            )
            for name in services.editor_moves(obj)
        ]
        links.append(
            (reverse("admin:contributors_submission_note", args=[obj.pk]), _("Ajouter une note"))
        )
        return format_html_join(" ", '<a class="button" href="{}">{}</a>', links)

    @admin.display(description=_("Article"))
    def article_link(self, obj):
        if obj.article is None:
            return "—"
        url = reverse("admin:blog_article_change", args=[obj.article.pk])
        return format_html('<a href="{}">{}</a>', url, obj.article)

    @admin.display(description=_("Texte tel qu’il serait publié"))
    def draft_preview(self, obj):
        version = obj.latest_version
        if version is None:
            return "—"
        return format_html(
            '<div class="submission-preview"><p><em>{}</em></p>'
            "<h1>{}</h1><p><strong>{}</strong></p>{}</div>",
            _("Version %(number)s") % {"number": version.number},
            obj.title,
            obj.standfirst,
            mark_safe(sanitize_draft(version.body)),  # noqa: S308 — sanitised just above
        )

    @admin.display(description=_("Différences entre les deux dernières versions"))
    def version_diff(self, obj):
        versions = list(obj.versions.order_by("-number")[:2])
        if len(versions) < 2:
            return _("Une seule version pour l’instant.")
        new, old = versions
        diff = difflib.unified_diff(
            _text_lines(old.body),
            _text_lines(new.body),
            fromfile=str(old),
            tofile=str(new),
            lineterm="",
        )
        rows = [({"+": "diff-add", "-": "diff-del"}.get(line[:1], ""), line) for line in diff]
        return format_html(
            '<pre class="submission-diff">{}</pre>',
            format_html_join("\n", '<span class="{}">{}</span>', rows),
        )

    def get_urls(self):
        own = [
            path(
                "<int:pk>/decision/<str:name>/",
                self.admin_site.admin_view(self.transition_view),
                name="contributors_submission_transition",
            ),
            path(
                "<int:pk>/note/",
                self.admin_site.admin_view(self.note_view),
                name="contributors_submission_note",
            ),
        ]
        return own + super().get_urls()

    def _change_url(self, submission):
        return reverse("admin:contributors_submission_change", args=[submission.pk])

    def transition_view(self, request, pk, name):
        """A decision with its message to the applicant, prefilled and editable before sending."""
        submission = get_object_or_404(self.get_queryset(request), pk=pk)
        if name not in services.TRANSITIONS or not self.has_change_permission(request, submission):
            raise PermissionDenied
        move = services.MOVES[name]
        if name not in services.editor_moves(submission):
            refused = _(
                "Impossible de prendre cette décision : la proposition est au statut "
                "« %(status)s »."
            ) % {"status": submission.get_status_display()}
            return self._form_page(request, submission, None, move.label, refused=refused)
        initial = services.default_message(submission, move.to)
        form = EditorMessageForm(request.POST or None, initial={"message": initial})
        form.fields["message"].required = move.message_required
        if request.method == "POST" and form.is_valid():
            try:
                services.TRANSITIONS[name](
                    submission=submission,
                    editor=request.user,
                    message=form.cleaned_data["message"],
                )
            except services.SubmissionError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, _("C’est fait."), messages.SUCCESS)
            return redirect(self._change_url(submission))
        return self._form_page(request, submission, form, move.label)

    def note_view(self, request, pk):
        """An internal note on the submission, for editors only."""
        submission = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, submission):
            raise PermissionDenied
        form = NoteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.submission_note_add(
                submission=submission, editor=request.user, body=form.cleaned_data["body"]
            )
            self.message_user(request, _("Note ajoutée."), messages.SUCCESS)
            return redirect(self._change_url(submission))
        return self._form_page(request, submission, form, _("Ajouter une note"))

    def _form_page(self, request, submission, form, label, refused=""):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": submission,
            "form": form,
            "refused": refused,
            "title": f"{label} — {submission.title}",
            "label": label,
        }
        return TemplateResponse(request, "admin/contributors/submission/decision.html", context)
