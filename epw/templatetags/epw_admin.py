"""Admin template helpers: the French titles of epw.staff.titles where a template names a page."""

from django import template

from epw.staff import titles

register = template.Library()


@register.simple_tag
def add_title(opts) -> str:
    """The label of a change list's "Add" link: « Ajouter un article »."""
    return titles.add_title(opts)
