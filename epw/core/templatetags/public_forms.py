from django import template

from epw.core.public_forms import HONEYPOT, STAMP, new_stamp

register = template.Library()


@register.inclusion_tag("includes/_public_form_traps.html")
def public_form_traps(form=None, prefix: str = "id_"):
    """The hidden fields of a public form (honeypot, fresh time stamp) and the stamp's error.

    Pass no form where the page shows that error elsewhere (the comment form lists it at the top).
    """
    errors = form.errors.get(STAMP, []) if getattr(form, "is_bound", False) else []
    return {"prefix": prefix, "stamp": new_stamp(), "errors": errors, "honeypot": HONEYPOT}
