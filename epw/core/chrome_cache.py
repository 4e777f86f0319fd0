"""Where the site chrome is cached, so that the apps can say it changed without importing it.

The chrome (navigation, footer pages, site settings, figures, announcements) is composed at the
top, in `epw.chrome`, from every app. The services that change what it shows call
`chrome_invalidate()`, after their transaction commits.
"""

import uuid

from django.core.cache import cache

CHROME_KEY = "epw:chrome:v2"


def chrome_invalidate() -> None:
    cache.delete(CHROME_KEY)


# Fragments cached for longer than the chrome (article cards, say) carry the site generation in
# their keys: a change to something they show without being its own row (an author's name, a
# category, a tag) moves it, and every such fragment is made anew on its next request.
SITE_GENERATION_KEY = "epw:site-generation"


def site_generation() -> str:
    """The current generation of the site's content, one cache read."""
    generation = cache.get(SITE_GENERATION_KEY)
    if generation is None:
        cache.add(SITE_GENERATION_KEY, uuid.uuid4().hex[:12], None)
        generation = cache.get(SITE_GENERATION_KEY, "")
    return generation


def site_changed() -> None:
    """Every fragment keyed by the site generation is stale from now on."""
    cache.set(SITE_GENERATION_KEY, uuid.uuid4().hex[:12], None)
