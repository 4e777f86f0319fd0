from django import template

from epw.dashboard import dashboard_panels

register = template.Library()


@register.simple_tag(takes_context=True)
def dashboard(context):
    """The admin home page's panels for the current user (see epw/dashboard.py)."""
    return dashboard_panels(context["request"])
