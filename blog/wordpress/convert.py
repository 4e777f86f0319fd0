"""WordPress content to EPW body HTML.

Classic content gets WordPress's automatic paragraphs as real ``<p>`` (a port of ``wpautop``);
block-editor content loses its ``<!-- wp:… -->`` comments; shortcodes become figures, galleries
and embeds, or lose their brackets and are reported (blog.wordpress.shortcodes); embed blocks and
an address alone on its line become EPW embeds, or links when the site cannot show them
(blog.wordpress.embeds); links to ``wp-content/uploads`` point to the imported media; then the
result is sanitised with the editor's own rules.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from blog.wordpress.embeds import UPLOAD_URL, auto_embeds, embed_blocks, youtube_shortcodes
from blog.wordpress.shortcodes import AttachedLookup, AttachmentLookup, Shortcodes
from epw.core.html import sanitize_html

BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form"
    r"|map|area|blockquote|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article"
    r"|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:.*?-->", re.DOTALL)
# Left untouched by automatic paragraphs: preformatted text, and figures made from shortcodes.
PRESERVED = re.compile(r"<(pre|figure)[\s>].*?</\1>", re.DOTALL | re.IGNORECASE)
EMPTY_PARAGRAPH = re.compile(r"<p>\s*</p>\s*")
IMG_TAG = re.compile(r"<img\s[^>]*>", re.IGNORECASE)
ALT = re.compile(r"""\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'">]+))""", re.IGNORECASE)
SRC = re.compile(r"""\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'">]+))""", re.IGNORECASE)
WP_IMAGE = re.compile(r"\bwp-image-(\d+)\b")


@dataclass
class Conversion:
    html: str
    unknown_shortcodes: list[str] = field(default_factory=list)
    # Addresses marked as embeds that the site cannot show: they became links.
    unknown_embeds: list[str] = field(default_factory=list)
    # Files a shortcode names that the import does not have: (shortcode, attachment id).
    missing_media: list[tuple[str, int]] = field(default_factory=list)
    # Shortcodes left with nothing to show, and removed.
    empty_shortcodes: list[str] = field(default_factory=list)


UrlRewriter = Callable[[str], str]
AltLookup = Callable[[int | None, str], str]  # (attachment id from wp-image-N, src) → alt


def convert_content(
    content: str,
    *,
    rewrite_url: UrlRewriter = lambda url: url,
    attachments: AttachmentLookup = lambda ids: {},
    attached: AttachedLookup = lambda: [],
    image_alt: AltLookup = lambda wp_id, src: "",
) -> Conversion:
    """The body HTML EPW stores for one WordPress post or page content."""
    shortcodes = Shortcodes(attachments=attachments, attached=attached)
    has_blocks = "<!-- wp:" in content
    text = BLOCK_COMMENT.sub("", content)
    text = embed_blocks(text, unknown=shortcodes.unknown_embeds)
    text = youtube_shortcodes(text, unknown=shortcodes.unknown_embeds)
    text = shortcodes.expand(text)
    text = _outside_preformatted(text, auto_embeds)
    text = IMG_TAG.sub(lambda match: _with_alt(match.group(0), image_alt), text)
    if not has_blocks:
        text = autop(text)
    text = UPLOAD_URL.sub(lambda match: rewrite_url(html.unescape(match.group(0))), text)
    text = EMPTY_PARAGRAPH.sub("", sanitize_html(text))
    return Conversion(
        html=re.sub(r"\n{3,}", "\n\n", text).strip(),
        unknown_shortcodes=shortcodes.unknown,
        unknown_embeds=shortcodes.unknown_embeds,
        missing_media=shortcodes.missing_media,
        empty_shortcodes=shortcodes.empty,
    )


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
    text = re.sub(r"(<hr\s*/?>)", r"\1\n\n", text, flags=re.IGNORECASE)
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


def _outside_preformatted(text: str, change: Callable[[str], str]) -> str:
    pieces = re.split(r"(<pre[\s>].*?</pre>)", text, flags=re.DOTALL | re.IGNORECASE)
    return "".join(piece if index % 2 else change(piece) for index, piece in enumerate(pieces))
