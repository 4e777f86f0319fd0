"""WordPress content to EPW body HTML.

Classic content gets WordPress's automatic paragraphs as real ``<p>`` (a port of ``wpautop``);
block-editor content loses its ``<!-- wp:… -->`` comments; shortcodes become HTML or are removed
and reported; links to ``wp-content/uploads`` point to the imported media; then the result is
sanitised with the editor's own rules.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from epw.html import sanitize_html

BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form"
    r"|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article"
    r"|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
# Left untouched by automatic paragraphs: preformatted text, and figures made from shortcodes.
PRESERVED = re.compile(r"<(pre|figure)[\s>].*?</\1>", re.DOTALL | re.IGNORECASE)
EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\s*")
SHORTCODE = re.compile(
    r"\[(\[?)([A-Za-z][\w-]*)((?:\s[^\]]*?)?)(/?)\](?:(.*?)\[/\2\])?(\]?)", re.DOTALL
)
ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)"""
)
IMG_TAG = re.compile(r"<img\s[^>]*>", re.IGNORECASE)
ALT = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'">]+))""", re.IGNORECASE)
SRC = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'">]+))""", re.IGNORECASE)
WP_IMAGE = re.compile(r"\bwp-image-(\d+)\b")
IMG = re.compile(r"(?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?", re.IGNORECASE)
UPLOAD_URL = re.compile(r"""(?:https?:)?//[^\s"'<>()]+?/wp-content/uploads/[^\s"'<>?#()]+""")
# Bracketed words such as [sic] or [1] are text; these names are shortcodes even alone.
KNOWN_SHORTCODES = {
    "caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist", "toc",
    "contact-form", "contact-form-7", "ninja_form", "wpforms", "su_box", "vc_row",
    "vc_column", "vc_column_text", "et_pb_section", "ads", "adsense", "shortcode",
}  # fmt: skip


@dataclass
class Conversion:
    html: str
    unknown_shortcodes: list[str] = field(default_factory=list)


GalleryLookup = Callable[[list[int]], list[tuple[str, str]]]
UrlRewriter = Callable[[str], str]
AltLookup = Callable[[int | None, str], str]  # (attachment id from wp-image-N, src) → alt


def convert_content(
    content: str,
    *,
    rewrite_url: UrlRewriter = lambda url: url,
    gallery: GalleryLookup = lambda ids: [],
    image_alt: AltLookup = lambda wp_id, src: "",
) -> Conversion:
    """The body HTML EPW stores for one WordPress post or page content."""
    unknown: list[str] = []
    has_blocks = "<!-- wp:" in content
    text = BLOCK_COMMENT.sub("", content)
    text = _shortcodes(text, unknown=unknown, gallery=gallery)
    text = IMG_TAG.sub(lambda match: _with_alt(match.group(0), image_alt), text)
    if not has_blocks:
        text = autop(text)
    text = UPLOAD_URL.sub(lambda match: rewrite_url(html.unescape(match.group(0))), text)
    text = EMPTY_PARAGRAPH.sub("", sanitize_html(text))
    return Conversion(html=re.sub(r"\n{3,}", "\n\n", text).strip(), unknown_shortcodes=unknown)


def plain_text(content: str) -> str:
    """Text without tags or entities (comments and standfirsts are plain text in EPW)."""
    text = re.sub(r"<br\s*/?>|</p>", "\n", content, flags=re.IGNORECASE)
    text = re.sub(r"<[^>]*>", "", text)
    return html.unescape(text).strip()


def autop(text: str) -> str:
    """Double line breaks become paragraphs, single ones ``<br>``, as WordPress shows them."""
    if not text.strip():
        return ""
    preserved: list[str] = []

    def keep(match: re.Match) -> str:
        preserved.append(match.group(0))
        return f"<pre>\x00{len(preserved) - 1}\x00</pre>"

    text = PRESERVED.sub(keep, text.replace("\r\n", "\n").replace("\r", "\n")) + "\n"
    text = re.sub(r"<br\s*/?>\s*<br\s*/?>", "\n\n", text, flags=re.IGNORECASE)
    text = re.sub(rf"(<{BLOCKS}[\s/>])", r"\n\n\1", text, flags=re.IGNORECASE)
    text = re.sub(rf"(</{BLOCKS}>)", r"\1\n\n", text, flags=re.IGNORECASE)
    text = re.sub(r"\n\n+", "\n\n", text)
    chunks = [chunk.strip("\n") for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    text = "".join(f"<p>{chunk}</p>\n" for chunk in chunks)
    substitutions = [
        (r"<p>\s*</p>", ""),
        (r"<p>([^<]+)</(div|address|form)>", r"<p>\1</p></\2>"),
        (rf"<p>\s*(</?{BLOCKS}[^>]*>)\s*</p>", r"\1"),
        (r"<p>(<li.+?)</p>", r"\1"),
        (r"<p><blockquote([^>]*)>", r"<blockquote\1><p>"),
        (r"</blockquote></p>", r"</p></blockquote>"),
        (rf"<p>\s*(</?{BLOCKS}[^>]*>)", r"\1"),
        (rf"(</?{BLOCKS}[^>]*>)\s*</p>", r"\1"),
        (r"(?<!<br />)\s*\n(?!$)", "<br />\n"),
        (rf"(</?{BLOCKS}[^>]*>)\s*<br />", r"\1"),
        (r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", r"\1"),
    ]
    for pattern, replacement in substitutions:
        text = re.sub(pattern, replacement, text, flags=re.IGNORECASE)
    return re.sub(r"<pre>\x00(\d+)\x00</pre>", lambda m: preserved[int(m.group(1))], text)


def _shortcodes(text: str, *, unknown: list[str], gallery: GalleryLookup) -> str:
    def replace(match: re.Match) -> str:
        opening, name, raw_attributes, _slash, inner, closing = match.groups()
        if opening == "[" and closing == "]":
            return match.group(0)[1:-1]  # [[name]] is how WordPress writes a literal [name]
        attributes = _attributes(raw_attributes)
        lowered = name.lower()
        if lowered in {"caption", "wp_caption"}:
            return _caption(inner or "", attributes)
        if lowered == "gallery":
            ids = [int(i) for i in re.findall(r"\d+", attributes.get("ids", ""))]
            images = "".join(
                f'<img src="{html.escape(url)}" alt="{html.escape(alt)}">'
                for url, alt in gallery(ids)
            )
            return f"\n\n<figure>{images}</figure>\n\n" if images else ""
        if lowered == "embed" or lowered in {"audio", "video"}:
            url = (inner or "").strip() or attributes.get("src", "") or _first_url(attributes)
            return f'<p><a href="{html.escape(url)}">{html.escape(url)}</a></p>' if url else ""
        is_shortcode = (
            lowered in KNOWN_SHORTCODES
            or "=" in raw_attributes
            or inner is not None
            or "_" in name
            or "-" in name
        )
        if not is_shortcode:
            return match.group(0)
        unknown.append(name)
        before = opening or ""
        after = closing or ""
        if inner is None:
            return before + after
        return before + _shortcodes(inner, unknown=unknown, gallery=gallery) + after

    return SHORTCODE.sub(replace, text)


def _attributes(raw: str) -> dict[str, str]:
    attributes = {}
    for match in ATTRIBUTE.finditer(raw or ""):
        if match.group(1):
            attributes[match.group(1).lower()] = match.group(2)
        elif match.group(3):
            attributes[match.group(3).lower()] = match.group(4)
        else:
            attributes[match.group(5).lower()] = match.group(6)
    return attributes


def _caption(inner: str, attributes: dict[str, str]) -> str:
    image = IMG.search(inner)
    if not image:
        return inner
    caption = attributes.get("caption") or (inner[: image.start()] + inner[image.end() :])
    caption = caption.strip()
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f"\n\n<figure>{image.group(0)}{figcaption}</figure>\n\n"


def _with_alt(tag: str, image_alt: AltLookup) -> str:
    """An image without alt text gets its attachment's, when the media library had one."""
    alt = ALT.search(tag)
    if alt and "".join(group or "" for group in alt.groups()).strip():
        return tag
    src = SRC.search(tag)
    number = WP_IMAGE.search(tag)
    text = image_alt(
        int(number.group(1)) if number else None,
        html.unescape(next((g for g in src.groups() if g), "")) if src else "",
    )
    if not text:
        return tag
    bare = ALT.sub("", tag) if alt else tag
    return f'<img alt="{html.escape(text)}"{bare[4:]}'


def _first_url(attributes: dict[str, str]) -> str:
    return next((value for value in attributes.values() if value.startswith("http")), "")
