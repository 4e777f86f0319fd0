"""The article list's bulk actions: publish, unpublish, add or remove a tag, set the category.

Each goes through blog.services, which skips what the editor may not change and says so.
"""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from blog import services
from blog.forms import ArticleActionForm


class BulkActionsMixin:
    """For ArticleAdmin: the actions named in its `actions`."""

    def _bulk_move(self, request, queryset, service):
        done, refused = 0, []
        for article in queryset:
            try:
                service(article=article, by=request.user)
                done += 1
            except services.WorkflowError as error:
                refused.append(f"« {article.title} » : {error}")
        if done:
            self.message_user(
                request,
                ngettext("%(count)d article traité.", "%(count)d articles traités.", done)
                % {"count": done},
                messages.SUCCESS,
            )
        for line in refused:
            self.message_user(request, line, messages.WARNING)

    @admin.action(description=gettext_lazy("Publier les articles sélectionnés"),
                  permissions=["publish"])  # fmt: skip
    def publish_selected(self, request, queryset):
        self._bulk_move(request, queryset, services.article_publish)

    @admin.action(description=gettext_lazy("Dépublier les articles sélectionnés"),
                  permissions=["publish"])  # fmt: skip
    def unpublish_selected(self, request, queryset):
        self._bulk_move(request, queryset, services.article_unpublish)

    def _action_input(self, request, name):
        """One extra input of the action bar, validated by its form field (None if invalid)."""
        field = ArticleActionForm.base_fields[name]
        try:
            return field.clean(request.POST.get(name, ""))
        except ValidationError:
            return None

    def _tag_from_form(self, request):
        tag = (self._action_input(request, "tag") or "").strip()
        if not tag:
            self.message_user(request, _("Indiquez l’étiquette."), messages.ERROR)
        return tag

    def _bulk_report(self, request, result: services.BulkResult, done_message: str) -> None:
        if result.changed:
            self.message_user(request, done_message, messages.SUCCESS)
        if result.skipped_others:
            self.message_user(
                request,
                ngettext(
                    "%(count)d article d’un autre auteur n’a pas été modifié : sans le droit de "
                    "publier, on ne modifie que ses propres articles.",
                    "%(count)d articles d’autres auteurs n’ont pas été modifiés : sans le droit "
                    "de publier, on ne modifie que ses propres articles.",
                    result.skipped_others,
                )
                % {"count": result.skipped_others},
                messages.WARNING,
            )
        if result.skipped_live:
            self.message_user(
                request,
                ngettext(
                    "%(count)d article publié ou programmé n’a pas été modifié : "
                    "il faut le droit de publier pour modifier un article en ligne.",
                    "%(count)d articles publiés ou programmés n’ont pas été modifiés : "
                    "il faut le droit de publier pour modifier un article en ligne.",
                    result.skipped_live,
                )
                % {"count": result.skipped_live},
                messages.WARNING,
            )

    @admin.action(description=gettext_lazy("Ajouter l’étiquette indiquée"),
                  permissions=["change"])  # fmt: skip
    def add_tag(self, request, queryset):
        if tag := self._tag_from_form(request):
            result = services.articles_add_tag(articles=queryset, tag=tag, by=request.user)
            self._bulk_report(request, result, _("Étiquette « %(tag)s » ajoutée.") % {"tag": tag})

    @admin.action(description=gettext_lazy("Retirer l’étiquette indiquée"),
                  permissions=["change"])  # fmt: skip
    def remove_tag(self, request, queryset):
        if tag := self._tag_from_form(request):
            result = services.articles_remove_tag(articles=queryset, tag=tag, by=request.user)
            self._bulk_report(request, result, _("Étiquette « %(tag)s » retirée.") % {"tag": tag})

    @admin.action(description=gettext_lazy("Changer la catégorie"), permissions=["change"])
    def set_category(self, request, queryset):
        category = self._action_input(request, "category")
        result = services.articles_set_category(
            articles=queryset, category=category, by=request.user
        )
        if category:
            message = _("Catégorie « %(category)s » appliquée.") % {"category": category}
        else:
            message = _("Catégorie retirée.")
        self._bulk_report(request, result, message)
