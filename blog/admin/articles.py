"""The article back office: rich editor, workflow buttons, writing checks, revisions, search and
filters (bulk actions in bulk_actions.py). Every status change goes through blog.services."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from reversion.admin import VersionAdmin
from reversion.models import Version
from taggit.models import Tag

from blog import services
from blog.admin.autosave import autosave_context, autosave_view, discard_after_save
from blog.admin.bulk_actions import BulkActionsMixin
from blog.admin.conflicts import changes_since
from blog.admin.presence import presence_context, presence_view
from blog.admin.revisions import compare_view, restore_view
from blog.forms import ArticleActionForm, ArticleAdminForm, tag_names
from blog.models import Article
from blog.preview import share_url
from blog.writing_checks import check_article
from epw.core.admin_labels import NamedInputsAdmin
from epw.core.collation import sort_key
from epw.core.site import site_url
from epw.core.versioning import VersionCheckedAdmin

TRANSITION_LABELS = {
    "submit": gettext_lazy("Soumettre pour relecture"),
    "schedule": gettext_lazy("Programmer"),
    "publish": gettext_lazy("Publier maintenant"),
    "unpublish": gettext_lazy("Dépublier"),
    "draft": gettext_lazy("Repasser en brouillon"),
}


class TagFilter(admin.SimpleListFilter):
    title = gettext_lazy("étiquette")
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        used = Tag.objects.filter(blog_taggedarticle_items__isnull=False).distinct()
        return sorted(((tag.slug, tag.name) for tag in used), key=lambda item: sort_key(item[1]))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


class PublicationFilter(admin.SimpleListFilter):
    """Where an article stands for readers, by date: the public query's own rule."""

    title = gettext_lazy("visibilité")
    parameter_name = "visibilite"

    def lookups(self, request, model_admin):
        return [
            ("en-ligne", _("En ligne")),
            ("a-paraitre", _("À paraître")),
            ("hors-ligne", _("Hors ligne")),
        ]

    def queryset(self, request, queryset):
        public = Article.objects.published()
        if self.value() == "en-ligne":
            return queryset.filter(pk__in=public.values("pk"))
        if self.value() == "a-paraitre":
            return queryset.filter(status__in=services.LIVE, published_at__gt=timezone.now())
        if self.value() == "hors-ligne":
            return queryset.exclude(status__in=services.LIVE)
        return queryset


class MineFilter(admin.SimpleListFilter):
    """The articles the editor wrote or created: those a writer may edit while unpublished."""

    title = gettext_lazy("mes articles")
    parameter_name = "mes-articles"

    def lookups(self, request, model_admin):
        return [("oui", _("Mes articles"))]

    def queryset(self, request, queryset):
        if self.value() == "oui":
            return services.owned_by(queryset, request.user)
        return queryset


@admin.register(Article)
class ArticleAdmin(NamedInputsAdmin, BulkActionsMixin, VersionCheckedAdmin, VersionAdmin):
    form = ArticleAdminForm
    action_form = ArticleActionForm
    list_display = [
        "title", "status", "publication", "category", "author_names", "featured",
        "writing_warnings",
    ]  # fmt: skip
    list_filter = [
        MineFilter, "status", PublicationFilter, "category", TagFilter, "authors",
        ("published_at", admin.DateFieldListFilter), "featured",
    ]  # fmt: skip
    search_fields = ["title", "standfirst", "authors__display_name", "tags__name"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    filter_horizontal = ["authors"]
    list_select_related = ["category"]
    history_latest_first = True
    object_history_template = "admin/blog/article/object_history.html"
    actions = ["publish_selected", "unpublish_selected", "add_tag", "remove_tag", "set_category"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body", "authors", "category", "tags"]}),
        (
            gettext_lazy("Publication"),
            {"fields": ["status", "published_at", "updated_at", "featured"]},
        ),
        (gettext_lazy("Couverture"), {"fields": ["cover", "cover_alt", "cover_credit"]}),
        (
            gettext_lazy("Avancé"),
            {
                "classes": ["collapse"],
                "fields": [
                    "excerpt",
                    "comments_open",
                    "comments_close_after_days",
                    "seo_title",
                    "seo_description",
                ],
            },
        ),
    ]

    class Media:
        css = {"all": ["css/admin-editorial.css"]}
        js = ["js/admin-tags.js", "js/admin-autosave.js"]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "tags" in form.base_fields:
            form.base_fields["tags"].widget.attrs["data-suggestions-url"] = reverse(
                "admin:blog_article_tag_suggestions", current_app=self.admin_site.name
            )
        # A class made for this request: the form checks the move before anything is saved.
        form.transition, form.editor = self._requested_move(request), request.user
        return form

    @staticmethod
    def _requested_move(request) -> str | None:
        if request.method == "POST":
            return request.POST.get("_transition") or None
        return None

    def view_on_site(self, article):
        """The article's own address on this host: its public page once it is public, until
        then the staff preview."""
        if article.is_public:
            return article.get_absolute_url()
        return reverse("blog:article_preview", args=[article.pk])

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("authors")

    def has_publish_permission(self, request) -> bool:
        return request.user.has_perm(services.PUBLISH_PERMISSION)

    def has_change_permission(self, request, obj=None):
        # A live article only for publishers (its text would go online without review), and
        # without the right to publish only one's own: others' articles open read-only.
        if obj is not None and not services.article_editable_by(obj, request.user):
            return False
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        services.article_save(article=obj, by=request.user)

    def get_readonly_fields(self, request, obj=None):
        # The status only moves through the workflow buttons; the date is a publisher's call.
        if self.has_publish_permission(request):
            return ["status"]
        return ["status", "published_at", "featured"]

    @admin.display(description=gettext_lazy("publication"), ordering="published_at")
    def publication(self, article):
        if article.published_at is None:
            return "—"
        when = date_format(timezone.localtime(article.published_at), "SHORT_DATETIME_FORMAT")
        if article.status not in services.LIVE:
            return when
        if article.published_at > timezone.now():
            return _("Paraîtra le %(date)s") % {"date": when}
        return _("En ligne depuis le %(date)s") % {"date": when}

    @admin.display(description=gettext_lazy("auteurs"))
    def author_names(self, article):
        return ", ".join(author.display_name for author in article.authors.all())

    @admin.display(description=gettext_lazy("contrôles"))
    def writing_warnings(self, article):
        count = len(check_article(article))
        return ngettext("%(count)d remarque", "%(count)d remarques", count) % {"count": count}

    # Change form ------------------------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # A new article is a draft: its buttons save it first, then move it.
        moves = services.available_transitions(obj or Article(), request.user)
        context.update(
            writing_warnings=check_article(obj) if obj else [],
            transitions=[(move, TRANSITION_LABELS[move]) for move in moves],
            preview_url=reverse("blog:article_preview", args=[obj.pk]) if obj else None,
            share_url=site_url(share_url(obj)) if obj else None,
        )
        if obj:
            context.update(self._editing_together(request, context["adminform"].form, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # A workflow button saves the form and moves the article in one transaction and one
    # revision. The form has checked the move; should the service still refuse it (the status
    # changed meanwhile), the exception undoes the save and is answered outside the revision.

    def add_view(self, request, form_url="", extra_context=None):
        return self._refusing_moves(request, super().add_view, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self._refusing_moves(
            request, super().change_view, object_id, form_url, extra_context
        )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {
            "autosave": autosave_context(self, request, object_id),
            **(extra_context or {}),
        }
        response = super().changeform_view(request, object_id, form_url, extra_context)
        discard_after_save(self, request, response, object_id)
        return response

    def _refusing_moves(self, request, view, *args):
        try:
            return view(request, *args)
        except services.WorkflowError as error:
            messages.error(request, str(error))
            return HttpResponseRedirect(request.path)

    def log_change(self, request, obj, message):
        # With a workflow button the move records itself: no empty "no fields changed" entry.
        if self._requested_move(request) and not message:
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if move := self._requested_move(request):
            self._run_transition(request, obj, move)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if move := self._requested_move(request):
            self._run_transition(request, obj, move)
            url = reverse(
                "admin:blog_article_change", args=[obj.pk], current_app=self.admin_site.name
            )
            return HttpResponseRedirect(url)
        return super().response_add(request, obj, post_url_continue)

    def _run_transition(self, request, article, move):
        kwargs = {"at": article.published_at} if move == "schedule" else {}
        services.TRANSITIONS[move](article=article, by=request.user, **kwargs)
        messages.success(
            request,
            _("« %(title)s » : %(status)s.")
            % {"title": article.title, "status": article.get_status_display().lower()},
        )

    # Editing together ---------------------------------------------------------------------

    def _editing_together(self, request, form, article) -> dict:
        """Who else has the article open and, when a stale save was refused, what the others
        changed since the version this form was opened at."""
        context = {
            **presence_context(request, self, article),
            "presence_url": reverse(
                "admin:blog_article_presence", args=[article.pk], current_app=self.admin_site.name
            ),
        }
        if form.conflict:
            context["conflict_changes"] = changes_since(article, form.conflict.loaded)
            context["conflict_by"] = form.conflict.last_save and form.conflict.last_save.who
        return context

    # Revisions ----------------------------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        versions = Version.objects.get_for_object_reference(Article, object_id).select_related(
            "revision", "revision__user"
        )
        action_list = [
            {
                "version": version,
                "revision": version.revision,
                "url": reverse(
                    "admin:blog_article_revision",
                    args=[object_id, version.pk],
                    current_app=self.admin_site.name,
                ),
            }
            for version in versions.order_by("-pk")
        ]
        article = self.get_object(request, object_id)
        can_restore = article is not None and self.has_change_permission(request, article)
        context = {"action_list": action_list, "can_restore": can_restore}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Reversion's own revert would bring back the status too: use the texts-only restore."""
        return HttpResponseRedirect(
            reverse(
                "admin:blog_article_restore",
                args=[object_id, version_id],
                current_app=self.admin_site.name,
            )
        )

    def recoverlist_view(self, request, extra_context=None):
        # A recovered article comes back with its old status: a publisher's decision.
        if not self.has_publish_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_publish_permission(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def get_urls(self):
        return [
            path(
                "<path:object_id>/revisions/comparer/",
                self.admin_site.admin_view(compare_view(self)),
                name="blog_article_compare",
            ),
            path(
                "<path:object_id>/revisions/<int:version_id>/restaurer/",
                self.admin_site.admin_view(restore_view(self)),
                name="blog_article_restore",
            ),
            path(
                "add/sauvegarde-auto/",
                self.admin_site.admin_view(autosave_view(self)),
                name="blog_article_autosave_new",
            ),
            path(
                "<path:object_id>/sauvegarde-auto/",
                self.admin_site.admin_view(autosave_view(self)),
                name="blog_article_autosave",
            ),
            path(
                "<path:object_id>/presence/",
                self.admin_site.admin_view(presence_view(self)),
                name="blog_article_presence",
            ),
            path(
                "etiquettes-suggerees/",
                self.admin_site.admin_view(self.tag_suggestions),
                name="blog_article_tag_suggestions",
            ),
            *super().get_urls(),
        ]

    def tag_suggestions(self, request):
        """Existing tags for the tag field's autocomplete (JSON list of names)."""
        if not self.has_change_permission(request) and not self.has_add_permission(request):
            raise PermissionDenied
        return JsonResponse({"tags": tag_names(request.GET.get("q", "")[:100])})
