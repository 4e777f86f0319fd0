"""The site's public address, for every link that leaves a page: e-mails, feeds, sitemaps, SEO.

Links are built on `EPW_SITE_URL`, never on the Host header of the request being served: a
message sent by the task worker has no request, and a forged Host must not end up in a feed.
"""

from urllib.parse import urlsplit

from django.conf import settings


def site_url(path: str) -> str:
    """`path` (from `reverse()` or a file's `.url`) on the site's public address.

    An address that is already absolute (media on another host) is returned unchanged.
    """
    if urlsplit(path).scheme:
        return path
    return settings.EPW_SITE_URL.rstrip("/") + "/" + path.lstrip("/")


def site_scheme() -> str:
    return urlsplit(settings.EPW_SITE_URL).scheme


def site_host() -> str:
    """The public host name, without port: what a Message-ID or a List-Id is made of."""
    return urlsplit(settings.EPW_SITE_URL).hostname or "localhost"


def site_netloc() -> str:
    """The public host with its port, if any: the domain of the sites framework and sitemaps."""
    return urlsplit(settings.EPW_SITE_URL).netloc
