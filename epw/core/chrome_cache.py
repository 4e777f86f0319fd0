"""What the public pages show has changed: the one signal every service sends after commit.

The chrome (navigation, footer pages, site settings, figures, announcements) is composed at the
top, in `epw.chrome`, and whole anonymous pages are cached at the top too (`epw.page_cache`).
Both hang on what this module holds, so that the apps can say "the site changed" without
importing them: the services that change anything a public page shows call `site_changed()`
after their transaction commits. It drops the chrome and moves the site-wide generation, which
is part of every cached page's key, so that no page cached before the change is served after it.
"""

import secrets

from django.core.cache import cache

CHROME_KEY = "epw:chrome:v4"  # moved with Chrome's fields: an older release's copy lacks them
GENERATION_KEY = "epw:site:generation"


def site_changed() -> None:
    """Forget every cached page and the chrome: the next request of each is built afresh."""
    cache.delete(CHROME_KEY)
    cache.set(GENERATION_KEY, secrets.token_hex(8), None)


def site_generation(value: str | None = None) -> str:
    """The current generation (`value` as just read from the cache, when the caller has it)."""
    if value is None:
        value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), None)
        value = cache.get(GENERATION_KEY) or "0"
    return value
