"""`{% content_lang %}`: the `lang` attribute of what the site's writers and commenters wrote.

Articles, their comments, tags and categories are written in the site's language
(`LANGUAGE_CODE`), whatever language the interface around them is shown in. A screen reader
reads French text with English pronunciation unless the text says it is French, so an element
holding such content carries `lang` whenever the page's language differs; when they match the
attribute would only repeat `<html lang>`, and is left out.
"""

from django import template
from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.simple_tag
def content_lang() -> SafeString:
    """` lang="fr"` (leading space included) on a page shown in another language, else nothing."""
    content = settings.LANGUAGE_CODE
    shown = get_language() or content
    if shown.split("-")[0].lower() == content.split("-")[0].lower():
        return mark_safe("")
    return mark_safe(f' lang="{content}"')
