"""`{% content_lang %}`: the `lang` attribute of what the site's writers and commenters wrote.

Articles, their comments, tags and categories are written in the site's language
(`LANGUAGE_CODE`), whatever language the interface around them is shown in. A screen reader
reads French text with English pronunciation unless the text says it is French, so an element
holding such content carries `lang` whenever the page's language differs; when they match the
attribute would only repeat `<html lang>`, and is left out.
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def content_lang() -> str:
    """` lang="fr"` (leading space included) on a page shown in another language, else nothing."""
    content = settings.LANGUAGE_CODE
    shown = get_language() or content
    if shown.split("-")[0].lower() == content.split("-")[0].lower():
        return ""
    return format_html(' lang="{}"', content)
