"""Where the site chrome is cached, so that the apps can say it changed without importing it.

The chrome (navigation, footer pages, site settings, figures, announcements) is composed at the
top, in `epw.chrome`, from every app. The services that change what it shows call
`chrome_invalidate()`, after their transaction commits.
"""

from django.core.cache import cache

CHROME_KEY = "epw:chrome:v2"


def chrome_invalidate() -> None:
    cache.delete(CHROME_KEY)
