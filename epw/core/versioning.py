"""No lost update: rows that several editors change carry a version, and a save from a stale copy
is refused instead of silently undoing someone else's work.

The rule, in one place for every admin that edits such rows:
- every save of an existing row is one conditional UPDATE (… SET version = n + 1 WHERE pk = …
  AND version = n), n being the version the object was loaded or last saved with; when no row
  matches, the save raises StaleVersion and writes nothing. Two saves that start from the same
  version cannot both succeed, whatever the timing;
- the admin form carries the version the editor opened (a hidden field); a form posted with
  another version than the current one is refused before anything is saved, with every value
  typed kept, a message saying who saved meanwhile and when, and the current version in the
  form, so that saving again (after merging their changes) goes through.
"""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from epw.core.clock import at_moment


class StaleVersion(Exception):
    """The row was saved by someone else since this copy was loaded."""


class VersionedModel(models.Model):
    """A row whose version moves on with every save; saving a copy loaded at an older version
    raises StaleVersion. A queryset .update() does not go through save(): it moves the version
    itself (version=F("version") + 1)."""

    version = models.PositiveIntegerField(
        gettext_lazy("version"),
        default=1,
        help_text=gettext_lazy("Avance à chaque enregistrement ; refuse les copies périmées."),
    )

    class Meta:
        abstract = True

    # Django's UPDATE step of save(), which every save of an existing row goes through
    # (update_fields included): the compare-and-set lives there.
    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        field = self._meta.get_field("version")
        expected = self.version
        values = [value for value in values if value[0] is not field]
        values.append((field, None, expected + 1))
        compare_and_set = base_qs.filter(version=expected)
        if super()._do_update(compare_and_set, using, pk_val, values, update_fields, forced_update):
            self.version = expected + 1
            return True
        if base_qs.filter(pk=pk_val).exists():
            raise StaleVersion(f"{self._meta.label} {pk_val} is no longer at version {expected}.")
        return False  # the row is gone: Django inserts it again, as for any model


@dataclass(frozen=True)
class LastSave:
    who: str
    at: datetime


def last_save(obj: models.Model) -> LastSave | None:
    """Who saved `obj` last and when, from the admin history (services write there too)."""
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk)
        )
        .select_related("user")
        .order_by("-action_time", "-pk")
        .first()
    )
    if entry is None:
        return None
    user = entry.user
    return LastSave(who=user.get_full_name() or user.get_username(), at=entry.action_time)


@dataclass(frozen=True)
class Conflict:
    """A refused save: the version the editor opened (None when the form did not say, or said
    something impossible) and the current one."""

    loaded: int | None
    current: int
    last_save: LastSave | None


def _as_version(value) -> int | None:
    value = str(value or "").strip()
    return int(value) if value.isdigit() and len(value) < 10 else None


class VersionField(forms.CharField):
    """The version the form was opened at (read in VersionedForm.clean, whatever it holds)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs) -> None:
        super().__init__(required=False, **kwargs)

    def has_changed(self, initial, data) -> bool:
        return False  # not an editor's change: no « Modification de version » in the history


class VersionedForm(forms.Form):
    """Mixed into the ModelForm of a VersionedModel, before forms.ModelForm."""

    # Sentences naming the object with its gender: « cet article… le », « cette page… la ».
    saved_by_message = gettext_lazy(
        "%(name)s a enregistré cet élément %(when)s pendant que vous le modifiiez."
    )
    saved_message = gettext_lazy(
        "Quelqu’un d’autre a enregistré cet élément pendant que vous le modifiiez."
    )
    conflict: Conflict | None = None

    version = VersionField()

    def clean(self):
        cleaned = super().clean()
        # The save compares and sets against the version loaded with this request.
        cleaned["version"] = self.instance.version
        if self.instance.pk is not None:
            self._check_version()
        return cleaned

    def _check_version(self) -> None:
        current = self.instance.version
        loaded = _as_version(self.data.get(self.add_prefix("version")))
        if loaded == current:
            return
        self.conflict = Conflict(
            loaded=loaded if loaded is not None and loaded < current else None,
            current=current,
            last_save=last_save(self.instance),
        )
        self.add_error(None, self.conflict_message())
        # Shown again, the form carries the current version: the next save goes through.
        self.data = self.data.copy()
        self.data[self.add_prefix("version")] = str(current)

    def conflict_message(self) -> str:
        if self.conflict.loaded is None:
            said = _("Ce formulaire ne dit pas quelle version vous aviez ouverte.")
        elif self.conflict.last_save is None:
            said = str(self.saved_message)
        else:
            said = str(self.saved_by_message) % {
                "name": self.conflict.last_save.who,
                "when": at_moment(self.conflict.last_save.at),
            }
        advice = _(
            "Rien n’a été enregistré et vos saisies sont conservées ci-dessous : reportez-y "
            "les modifications de la version actuelle, puis enregistrez à nouveau."
        )
        return f"{said} {advice}"


class VersionCheckedAdmin:
    """Mixed into a ModelAdmin whose form is a VersionedForm."""

    def get_fieldsets(self, request, obj=None):
        """The version goes with the form as a hidden field; a read-only page has no use of it."""
        fieldsets = super().get_fieldsets(request, obj)
        if not self.has_change_permission(request, obj):
            return [
                (name, {**options, "fields": [f for f in options["fields"] if f != "version"]})
                for name, options in fieldsets
            ]
        if "version" in flatten_fieldsets(fieldsets):
            return fieldsets
        (name, options), *others = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "version"]}), *others]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        try:
            return super().change_view(request, object_id, form_url, extra_context)
        except StaleVersion:
            # Saved by someone else between this form's check and its save (the save wrote
            # nothing): checked again, the form now comes back refused, values kept.
            return super().change_view(request, object_id, form_url, extra_context)
