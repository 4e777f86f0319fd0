from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from blog.embeds import with_facades
from blog.typography import elide_before, french_typography

register = template.Library()


@register.filter
def typographie(value: str) -> str:
    """French typography on text or sanitised HTML; keeps the value's safety as it was."""
    fixed = french_typography(str(value))
    # Only already-safe (sanitised or escaped) input stays safe: the filter adds no markup.
    return mark_safe(fixed) if isinstance(value, SafeString) else fixed


@register.filter
def embeds(value: str) -> str:
    """Embeds of sanitised HTML shown as facades (blog.embeds); keeps the value's safety."""
    shown = with_facades(str(value))
    return mark_safe(shown) if isinstance(value, SafeString) else shown


@register.filter(needs_autoescape=True)
def elision(value: str, name: str, autoescape: bool = True) -> str:
    """« de Alice Martin » → « d’Alice Martin » in `value`, where `name` follows de/le/la:
    {% blocktranslate … asvar heading %}…{% endblocktranslate %}{{ heading|elision:name }}"""
    shown = conditional_escape(name) if autoescape else str(name)
    fixed = elide_before(str(value), str(shown))
    return mark_safe(fixed) if isinstance(value, SafeString) else fixed
