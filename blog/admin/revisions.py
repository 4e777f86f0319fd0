"""Compare two revisions of an article and restore one (admin views built on django-reversion).

Both pages list every restorable field that differs: the texts before and after as readers see
them (tags stripped, entities read), removed words marked in the one and added words in the
other; the cover's file, the category, the authors and the tags by name, removed and added ones
marked likewise. Every character is escaped.
"""

import difflib
import html
import re
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import conditional_escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from reversion.models import Version

from blog import services
from blog.models import Article, Category
from blog.revisions import (
    RELATION_FIELDS,
    RESTORED_FIELDS,
    article_state,
    author_model,
    deleted_name,
    restorable,
    revision_state,
)
from epw.core.collation import sort_key

HTML_FIELDS = {"body"}
_BLOCK_END = re.compile(
    r"(</(?:p|h[1-6]|li|blockquote|figure|figcaption|pre|table|tr)>|<br\s*/?>)", re.I
)
# Words and line ends; a no-break space belongs to its word, so typography changes show.
_TOKEN = re.compile(r"\n|[^ \t\r\n]+")


@dataclass(frozen=True)
class FieldChange:
    label: str
    before: SafeString
    after: SafeString
    same_text: bool  # only the markup differs (bold, links, headings…)


def visible_text(name: str, value) -> str:
    """What readers see of a field: for the body, one line per block, without tags."""
    text = str(value or "")
    if name in HTML_FIELDS:
        text = html.unescape(strip_tags(_BLOCK_END.sub(r"\1\n", text)))
    return text


def word_diff(old: str, new: str) -> tuple[SafeString, SafeString]:
    """Both texts escaped, removed words in <del> in the first, added words in <ins> in the
    second."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    before, after = [], []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            before.append(" ".join(a[i1:i2]))
            after.append(" ".join(b[j1:j2]))
            continue
        if i1 < i2:
            before.append(format_html("<del>{}</del>", " ".join(a[i1:i2])))
        if j1 < j2:
            after.append(format_html("<ins>{}</ins>", " ".join(b[j1:j2])))
    return _joined(before), _joined(after)


def _joined(parts) -> SafeString:
    return mark_safe(" ".join(conditional_escape(part) for part in parts))


def field_changes(before: dict, after: dict) -> list[FieldChange]:
    """The restorable fields whose value differs from `before` to `after` (states as
    blog.revisions gives them; a field one of them does not hold is left out)."""
    names = _related_names(before, after)
    changes = []
    for name in RESTORED_FIELDS:
        if name not in after or name not in before or before[name] == after[name]:
            continue
        label = capfirst(Article._meta.get_field(name).verbose_name)
        if name in RELATION_FIELDS:
            marked_old, marked_new = list_diff(
                _shown(name, before[name], names), _shown(name, after[name], names)
            )
            changes.append(FieldChange(label, marked_old, marked_new, same_text=False))
            continue
        old, new = visible_text(name, before[name]), visible_text(name, after[name])
        marked_old, marked_new = word_diff(old, new)
        changes.append(
            FieldChange(label, marked_old, marked_new, _TOKEN.findall(old) == _TOKEN.findall(new))
        )
    return changes


def list_diff(old: list[str], new: list[str]) -> tuple[SafeString, SafeString]:
    """Both lists escaped, the items gone in <del> in the first, the new ones in <ins> in the
    second; an empty list shows as a dash."""
    before = [format_html("<del>{}</del>", item) if item not in new else item for item in old]
    after = [format_html("<ins>{}</ins>", item) if item not in old else item for item in new]
    return _listed(before), _listed(after)


def _listed(items) -> SafeString:
    return mark_safe(", ".join(conditional_escape(item) for item in items) or "—")


def _related_names(*states: dict) -> dict:
    """The names of the categories and authors the states refer to, by relation and key; one
    deleted since is named as the admin history recorded it."""
    wanted = {
        "category": (Category, "name", {state.get("category") for state in states} - {None}),
        "authors": (
            author_model(),
            "display_name",
            {pk for state in states for pk in state.get("authors", [])},
        ),
    }
    names = {}
    for relation, (model, name_field, pks) in wanted.items():
        found = dict(model.objects.filter(pk__in=pks).values_list("pk", name_field))
        names[relation] = {pk: found.get(pk) or deleted_name(model, pk) for pk in pks}
    return names


def _shown(name: str, value, names: dict) -> list[str]:
    """A relation field's value as the names an editor knows."""
    if name == "category":
        return [names["category"][value]] if value is not None else []
    if name == "authors":
        return sorted((names["authors"][pk] for pk in value), key=sort_key)
    if name == "cover":
        return [value] if value else []
    return list(value)


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
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": Article._meta,
            "original": article,
            "title": _("Comparer deux versions"),
            "old": old,
            "new": new,
            "changes": field_changes(revision_state(old), revision_state(new)),
            "can_restore": model_admin.has_change_permission(request, article),
            "words_before": len(strip_tags(old.field_dict.get("body") or "").split()),
            "words_after": len(strip_tags(new.field_dict.get("body") or "").split()),
        }
        return TemplateResponse(request, "admin/blog/article/compare.html", context)

    return view


def restore_view(model_admin):
    def view(request, object_id, version_id):
        """Confirm, then bring back one revision (POST only changes anything), saying first what
        of it cannot come back."""
        article = get_object_or_404(Article, pk=object_id)
        if not model_admin.has_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(_article_versions(article), pk=version_id)
        gaps = restorable(article, version).gaps
        if request.method == "POST":
            try:
                services.article_restore_revision(article=article, version=version, by=request.user)
            except services.WorkflowError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, _("La version a été restaurée."))
                for gap in gaps:
                    messages.warning(request, gap)
            return HttpResponseRedirect(reverse("admin:blog_article_change", args=[article.pk]))
        context = {
            **model_admin.admin_site.each_context(request),
            "opts": Article._meta,
            "original": article,
            "title": _("Restaurer une version"),
            "version": version,
            "changes": field_changes(article_state(article), revision_state(version)),
            "gaps": gaps,
        }
        return TemplateResponse(request, "admin/blog/article/restore.html", context)

    return view
