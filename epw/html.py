"""Sanitising of user- and editor-provided HTML with nh3, one allow-list for the whole site."""

import nh3

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "cite", "code", "dd", "del", "dl", "dt", "em",
    "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li",
    "mark", "ol", "p", "pre", "q", "s", "small", "strong", "sub", "sup", "table", "tbody",
    "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "figure": {"data-embed"},  # an embedded video, podcast or post (epw.embeds)
    "img": {"src", "alt", "width", "height", "title", "loading"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def sanitize_html(html: str, *, tags: set[str] = ALLOWED_TAGS) -> str:
    """Keep the tags an article may contain (or `tags`, a subset of them); drop scripts,
    styles, handlers and unsafe URLs."""
    if not html:
        return ""
    # Malformed input can come out nested in a way the next parse rebuilds differently
    # (`<h2><a0><h2>` gives `<h2><h2></h2></h2>`): clean again until the output is stable, so
    # that saving an already clean body never changes it.
    cleaned = _clean(html, tags)
    for _attempt in range(MAX_PASSES):
        again = _clean(cleaned, tags)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


MAX_PASSES = 4


def _clean(html: str, tags: set[str]) -> str:
    return nh3.clean(
        html,
        tags=tags,
        attributes={tag: names for tag, names in ALLOWED_ATTRIBUTES.items() if tag in tags},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
