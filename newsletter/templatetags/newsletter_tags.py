from django import template

from newsletter.consent import CONSENT_TEXT, CONSENT_VERSION

register = template.Library()


@register.inclusion_tag("newsletter/includes/signup_form.html", takes_context=True)
def newsletter_signup(context, slot: str, form=None):
    """The signup form for one slot of the page (no database query)."""
    return {
        "slot": slot,
        "form": form,
        "consent_text": CONSENT_TEXT,
        "consent_version": CONSENT_VERSION,
        "csrf_token": context.get("csrf_token"),
        "request": context.get("request"),
    }
