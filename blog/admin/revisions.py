"""Compare two revisions of an article and restore one (admin views built on django-reversion)."""

import difflib
import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from reversion.models import Version

from blog import services
from blog.models import Article

COMPARED_FIELDS = ("title", "standfirst", "body", "excerpt", "cover_alt", "seo_title")
_BLOCK_END = re.compile(r"(</(?:p|h[1-6]|li|blockquote|figure|pre|table|tr)>|<br\s*/?>)", re.I)


def _lines(value) -> list[str]:
    """One line per block, so the diff reads paragraph by paragraph."""
    text = _BLOCK_END.sub(r"\1\n", str(value or ""))
    return [line for line in text.splitlines() if line.strip()]


def diff_table(old, new) -> str:
    """A side-by-side HTML diff (the text is escaped by difflib)."""
    return difflib.HtmlDiff(wrapcolumn=70).make_table(
        _lines(old), _lines(new), _("Avant"), _("Après"), context=True, numlines=2
    )


def _article_versions(article: Article):
    return Version.objects.get_for_object(article).select_related("revision", "revision__user")


def compare_view(model_admin):
    def view(request, object_id):
        """Two revisions of an article side by side, field by field."""
        article = get_object_or_404(Article, pk=object_id)
        if not model_admin.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = _article_versions(article)
        try:
            old = versions.get(pk=int(request.GET.get("a", "")))
            new = versions.get(pk=int(request.GET.get("b", "")))
        except (ValueError, Version.DoesNotExist):
            raise Http404 from None
        if old.pk > new.pk:
            old, new = new, old
        changes = []
        for name in COMPARED_FIELDS:
            before, after = old.field_dict.get(name), new.field_dict.get(name)
            if before != after:
                label = Article._meta.get_field(name).verbose_name
                changes.append({"label": label, "table": diff_table(before, after)})
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": Article._meta,
            "original": article,
            "title": _("Comparer deux versions"),
            "old": old,
            "new": new,
            "changes": changes,
            "words_before": len(strip_tags(old.field_dict.get("body") or "").split()),
            "words_after": len(strip_tags(new.field_dict.get("body") or "").split()),
        }
        return TemplateResponse(request, "admin/blog/article/compare.html", context)

    return view


def restore_view(model_admin):
    def view(request, object_id, version_id):
        """Confirm, then bring back the texts of one revision (POST only changes anything)."""
        article = get_object_or_404(Article, pk=object_id)
        if not model_admin.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(_article_versions(article), pk=version_id)
        if request.method == "POST":
            try:
                services.article_restore_revision(article=article, version=version, by=request.user)
            except services.WorkflowError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("La version a été restaurée."))
            return HttpResponseRedirect(reverse("admin:blog_article_change", args=[article.pk]))
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": Article._meta,
            "original": article,
            "title": _("Restaurer une version"),
            "version": version,
            "table": diff_table(article.body, version.field_dict.get("body")),
        }
        return TemplateResponse(request, "admin/blog/article/restore.html", context)

    return view
