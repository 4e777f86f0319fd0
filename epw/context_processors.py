from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from epw.chrome import chrome_load


def site(request: HttpRequest) -> dict:
    """Site name and the cached chrome (navigation, settings, figures, announcements)."""
    return {
        "site_name": settings.EPW_SITE_NAME,
        "chrome": SimpleLazyObject(chrome_load),
        "audience_beacon": settings.EPW_AUDIENCE_ENABLED and settings.EPW_AUDIENCE_BEACON,
    }
