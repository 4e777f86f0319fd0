"""Moments as editors read them in a sentence: « à 10 h 42 » in French, "at 10:42" in English,
in the site's time zone, with the date when it is not today."""

from datetime import datetime

from django.utils import timezone
from django.utils.translation import gettext as _


def clock_time(moment: datetime) -> str:
    """The time of day: « 10 h 42 »."""
    local = timezone.localtime(moment)
    return _("%(hour)d h %(minute)02d") % {"hour": local.hour, "minute": local.minute}


def at_moment(moment: datetime) -> str:
    """« à 10 h 42 » today, « le 01/12/2026 à 10 h 42 » another day."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return _("à %(time)s") % {"time": clock_time(moment)}
    return _("le %(date)s à %(time)s") % {
        "date": local.strftime("%d/%m/%Y"),
        "time": clock_time(moment),
    }
