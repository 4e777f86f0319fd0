"""Embeds in a body become facades: nothing reaches the provider until the reader asks.

A stored embed is a link in a figure (see epw.core.embeds). On the article and page, each becomes a
card naming the provider, with a button that loads the player (static/js/embeds.js) and, without
JavaScript, a link to the original address. Feeds and e-mails keep the stored link.
"""

import html
import re

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.html import format_html, strip_tags
from django.utils.safestring import mark_safe

from epw.core.embeds import parse_embed

# The stored form, as the sanitiser writes it (it adds rel to links).
EMBED_FIGURE = re.compile(
    r'<figure data-embed="[^"]*">\s*<a href="([^"]*)"[^>]*>(.*?)</a>\s*'
    r"(?:<figcaption>(.*?)</figcaption>)?\s*</figure>",
    re.DOTALL,
)


def with_facades(body: str) -> str:
    """A sanitised body with a facade for each embed, and the script that loads them when it
    has some; the body unchanged otherwise (cheaply, when it has no ``data-embed``)."""
    if "data-embed" not in body:
        return body
    found = False

    def facade(match: re.Match) -> str:
        nonlocal found
        href, link, caption = match.groups()
        embed = parse_embed(html.unescape(href))
        if embed is None:
            return match.group(0)  # an unknown or unsafe address stays the stored link
        found = True
        title = html.unescape(strip_tags(link)).strip()
        context = {
            "embed": embed,
            # The link text and caption are the sanitised body's own HTML.
            "link": mark_safe(link),
            "caption": mark_safe(caption or ""),
            "title": title if title != embed.url else "",
        }
        return render_to_string("blog/includes/_embed.html", context)

    result = EMBED_FIGURE.sub(facade, body)
    if found:
        result += format_html('<script src="{}" defer></script>', static("js/embeds.js"))
    return result
