"""Names for the admin's inputs that Django leaves nameless to screen readers.

Django labels a date-and-time field once for its two inputs, and the fields of a tabular inline
only by their column's header, which assistive technology does not tie to the inputs below it:
such inputs are read out as "edit text" with no name (WCAG 1.3.1, 4.1.2).
"""

from django.contrib import admin
from django.contrib.admin.widgets import AdminSplitDateTime
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _


def name_inputs(formfield) -> None:
    """The date and time inputs of a date-and-time field named after it: « Publication (date) »."""
    if isinstance(formfield.widget, AdminSplitDateTime):
        date, time = formfield.widget.widgets
        date.attrs["aria-label"] = format_lazy("{} ({})", formfield.label, _("date"))
        time.attrs["aria-label"] = format_lazy("{} ({})", formfield.label, _("heure"))


class NamedInputsAdmin:
    """For a ModelAdmin (or inline) with date-and-time fields."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None:
            name_inputs(formfield)
        return formfield


class NamedTabularInline(NamedInputsAdmin, admin.TabularInline):
    """A tabular inline whose every input, "delete" box included, is named like its column."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class NamedFormSet(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for field in form.fields.values():
                    field.widget.attrs.setdefault("aria-label", field.label)

        return NamedFormSet
