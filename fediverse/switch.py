"""The one setting that turns federation off: then no endpoint exists and nothing is sent."""

from functools import wraps

from django.conf import settings
from django.http import Http404


def federation_on(view):
    """A view that answers 404, as if it did not exist, while federation is off."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.FEDIVERSE_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
