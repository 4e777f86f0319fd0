from django import template

from epw.core.public_forms import HONEYPOT, STAMP, new_stamp

register = template.Library()


@register.inclusion_tag("includes/_public_form_traps.html")
def public_form_traps(form=None, prefix: str = "id_", stamp: str = ""):
    """The hidden fields of a public form (honeypot, fresh time stamp) and the stamp's error.

    Pass no form where the page shows that error elsewhere (the comment form lists it at the top),
    and a `stamp` only to render a form kept for later, whose stamp is then replaced.
    """
    errors = form.errors.get(STAMP, []) if getattr(form, "is_bound", False) else []
    stamp = stamp or new_stamp()
    return {"prefix": prefix, "stamp": stamp, "errors": errors, "honeypot": HONEYPOT}
