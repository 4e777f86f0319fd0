"""What the public pages show has changed: the one signal every service sends after commit.

The chrome (navigation, footer pages, site settings, figures, announcements) is composed at the
top, in `epw.chrome`, and whole anonymous pages are cached at the top too (`epw.page_cache`).
Both hang on what this module holds, so that the apps can say "the site changed" without
importing them: the services that change anything a public page shows call `site_changed()`
after their transaction commits. It drops the chrome and moves the site-wide generation, which
is part of every cached page's key, so that no page cached before the change is served after it.

A change to the site's figures alone (a confirmed or lost subscriber) calls `figures_changed()`:
the chrome and the whole pages are made again (they show the figures), while what the pages
keep of their content for the rest of the generation (listings, articles, cards, searches)
stays.
"""

import secrets

from django.core.cache import cache

CHROME_KEY = "epw:chrome:v5"  # moved with Chrome's fields: an older release's copy lacks them
GENERATION_KEY = "epw:site:generation"
PAGES_KEY = "epw:site:pages"  # moves with the generation, and when the figures change


def site_changed() -> None:
    """Forget every cached page and the chrome: the next request of each is built afresh."""
    cache.delete(CHROME_KEY)
    cache.set_many({GENERATION_KEY: secrets.token_hex(8), PAGES_KEY: secrets.token_hex(8)}, None)


def figures_changed() -> None:
    """Forget the chrome and the whole cached pages, which show the site's figures."""
    cache.delete(CHROME_KEY)
    cache.set(PAGES_KEY, secrets.token_hex(8), None)


def site_generation(value: str | None = None) -> str:
    """The current generation (`value` as just read from the cache, when the caller has it)."""
    return _generation(GENERATION_KEY, value)


def pages_generation(value: str | None = None) -> str:
    """What whole cached pages hang on: moved by every change of the site or of its figures."""
    return _generation(PAGES_KEY, value)


def _generation(key: str, value: str | None) -> str:
    if value is None:
        value = cache.get(key)
    if value is None:
        cache.add(key, secrets.token_hex(8), None)
        value = cache.get(key) or "0"
    return value
