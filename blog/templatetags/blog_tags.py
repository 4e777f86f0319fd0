from django import template
from django.utils.safestring import SafeString, mark_safe

from blog.typography import french_typography

register = template.Library()


@register.filter
def typographie(value: str) -> str:
    """French typography on text or sanitised HTML; keeps the value's safety as it was."""
    fixed = french_typography(str(value))
    # Only already-safe (sanitised or escaped) input stays safe: the filter adds no markup.
    return mark_safe(fixed) if isinstance(value, SafeString) else fixed
