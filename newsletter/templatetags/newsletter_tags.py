from functools import lru_cache

from django import template
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from epw.core.public_forms import new_stamp
from newsletter.consent import CONSENT_TEXT, CONSENT_VERSION

register = template.Library()

FORM_TEMPLATE = "newsletter/includes/signup_form.html"
STAMP_SLOT = "stamp-to-be-signed"


@register.simple_tag
def newsletter_signup(slot: str, form=None) -> SafeString:
    """The signup form for one slot of the page (no database query).

    A blank form is the same on every page but for its time stamp: it is rendered once per slot
    and language in each process, and given a fresh stamp each time.
    """
    if form is None:
        stamp = escape(new_stamp())
        return mark_safe(_blank_form(slot, get_language()).replace(STAMP_SLOT, stamp))
    return render_to_string(FORM_TEMPLATE, _form_context(slot, form))


@lru_cache(maxsize=64)
def _blank_form(slot: str, language: str | None) -> str:
    return render_to_string(FORM_TEMPLATE, {**_form_context(slot, None), "stamp": STAMP_SLOT})


def _form_context(slot: str, form) -> dict:
    return {
        "slot": slot,
        "form": form,
        "consent_text": CONSENT_TEXT,
        "consent_version": CONSENT_VERSION,
        "stamp": "",
    }
