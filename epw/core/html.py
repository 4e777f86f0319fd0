"""Sanitising of user- and editor-provided HTML with nh3.

The allow-list is the editor's (epw.core.editor_schema): what a body may hold is what the editor can
open and save again unchanged, and nothing else.
"""

import re
from functools import cache

import nh3
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from epw.core.editor_schema import ARTICLE_EXTENSIONS, DRAFT_EXTENSIONS

# Older editors' bold and italic, written the editor's way so that stored bodies only hold
# what the editor writes (after a first pass, a tag is exactly `<b>` or `</b>`).
SYNONYMS = {"b": "strong", "i": "em"}
SYNONYM = re.compile(r"<(/?)(b|i)>")
# An image without an address (its URL was unsafe, or it never had one) shows nothing.
# In nh3's output every attribute is name="value", with no double quote in the value.
IMAGE = re.compile(r'<img((?: [^\s=>]+="[^"]*")*)>')
ATTRIBUTE_NAME = re.compile(r' ([^\s=>]+)="[^"]*"')
MAX_PASSES = 4
# nh3 checks the scheme of href and src, not of a quotation's cite: only web addresses stay.
# Browsers ignore tabs and line breaks anywhere in an address, and spaces and control characters
# around it (`java&#9;script:` is `javascript:`); nh3 hands values over with entities decoded.
CITE_SCHEMES = {"http", "https"}
URL_NOISE = re.compile(r"[\t\n\r]")
URL_EDGES = "".join(chr(code) for code in range(0x21))


@cache
def allowlist(kind: str = "article") -> dict:
    """nh3's options for an article body or an applicant's draft (no images)."""
    extensions = ARTICLE_EXTENSIONS if kind == "article" else DRAFT_EXTENSIONS
    return allowlist_from_extensions(expand_extensions(extensions))


def sanitize_html(html: str, *, kind: str = "article", bare_images: bool = False) -> str:
    """Keep what the editor can hold; drop scripts, styles, handlers and unsafe URLs.

    Images without an address are dropped, unless `bare_images` keeps them for a caller that
    replaces them by their text (contributors.drafts)."""
    if not html:
        return ""
    options = allowlist(kind)
    cleaned = _clean(html, {**options, "tags": options["tags"] | SYNONYMS.keys()})
    cleaned = SYNONYM.sub(lambda match: f"<{match[1]}{SYNONYMS[match[2]]}>", cleaned)
    if not bare_images:
        cleaned = IMAGE.sub(_drop_if_empty, cleaned).replace("<figure></figure>", "")
    # Malformed input can come out nested in a way the next parse rebuilds differently
    # (`<h2><a0><h2>` gives `<h2><h2></h2></h2>`): clean again until the output is stable, so
    # that saving an already clean body never changes it.
    for _attempt in range(MAX_PASSES):
        again = _clean(cleaned, options)
        if again == cleaned:
            break
        cleaned = again
    return cleaned


def _drop_if_empty(image: re.Match) -> str:
    names = ATTRIBUTE_NAME.findall(image[1])
    return image[0] if "src" in names else ""


def _web_cite(tag: str, attribute: str, value: str) -> str | None:
    if attribute != "cite":
        return value
    scheme, colon, _rest = URL_NOISE.sub("", value).strip(URL_EDGES).partition(":")
    return value if colon and scheme.lower() in CITE_SCHEMES else None


def _clean(html: str, options: dict) -> str:
    return nh3.clean(html, strip_comments=True, attribute_filter=_web_cite, **options)
