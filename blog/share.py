"""Sharing an article on the reader's own Mastodon server.

There is no single Mastodon site to send readers to: each reader has an account on a server of
their choice, whose share page is `https://<server>/share?text=…`. With JavaScript the share bar
remembers the server in the browser and opens that page itself (static/js/share.js); without it,
the bar's form asks our view, which gives the reader the link there. That link must not lead
anywhere a third party chooses: the view takes a bare host name, checked label by label, never
an address, and builds the whole target itself, its text being the title and address of a
public article.
"""

import re
from urllib.parse import quote

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from blog.models import Article
from epw.core.site import site_url

HANDLE = re.compile(r"@?[a-z0-9_]+@(?P<host>.+)\Z")
LABEL = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)\Z")
# Letters only (or an internationalised name): no IP address passes for a host name.
TOP_LEVEL = re.compile(r"(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})\Z")


def mastodon_server(value: str) -> str:
    """The host name of the server a reader typed, in its ASCII form; ValueError if it is not one.

    A copied address (`https://mastodon.social/`) or handle (`@alice@mastodon.social`) gives
    its host name; anything else than a host name after that (a port, a path, a query) does not.
    """
    host = value.strip().lower().removeprefix("https://").removesuffix("/")
    handle = HANDLE.match(host)
    if handle:
        host = handle["host"]
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError as error:
        raise ValueError(value) from error
    labels = host.split(".")
    if (
        len(host) > 253
        or len(labels) < 2
        or not all(LABEL.match(label) for label in labels)
        or not TOP_LEVEL.match(labels[-1])
    ):
        raise ValueError(value)
    return host


def mastodon_share_url(server: str, article: Article) -> str:
    """The share page of `server` (a checked host name) with the article's title and address."""
    text = f"{article.title} {site_url(article.get_absolute_url())}"
    return f"https://{server}/share?text={quote(text, safe='')}"


class MastodonShareForm(forms.Form):
    """The reader's server, as typed in the share bar."""

    server = forms.CharField(
        label=_("Votre serveur Mastodon"),
        max_length=300,
        error_messages={
            "required": _("Indiquez le nom de votre serveur Mastodon, par exemple mastodon.social.")
        },
    )

    def clean_server(self) -> str:
        try:
            return mastodon_server(self.cleaned_data["server"])
        except ValueError:
            raise ValidationError(
                _(
                    "Ce n’est pas un nom de serveur Mastodon : indiquez seulement son domaine, "
                    "par exemple mastodon.social."
                ),
                code="invalid",
            ) from None
