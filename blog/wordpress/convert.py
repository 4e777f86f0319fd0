"""WordPress content to EPW body HTML.

Classic content gets WordPress's automatic paragraphs as real ``<p>`` (a port of ``wpautop``);
block-editor content loses its ``<!-- wp:… -->`` comments; shortcodes become HTML or are removed
and reported; embeds (``[embed]``, ``[youtube]``, ``[video]``, ``[audio]``, embed blocks, an address
alone on its line) become EPW embeds, or links when the site cannot show them
(epw.core.embeds); links to ``wp-content/uploads`` point to the imported media; then the result
is sanitised with the editor's own rules.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from epw.core.embeds import Embed, parse_embed
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
    "caption", "wp_caption", "gallery", "embed", "audio", "video", "youtube", "playlist", "toc",
    "contact-form", "contact-form-7", "ninja_form", "wpforms", "su_box", "vc_row",
    "vc_column", "vc_column_text", "et_pb_section", "ads", "adsense", "shortcode",
}  # fmt: skip


# Embeds: [youtube=URL] (WordPress.com) is no regular shortcode; block-editor embed, video and
# audio figures; an address alone on its line, or in its own paragraph (WordPress's auto-embed).
YOUTUBE_SHORTCODE = re.compile(r"\[youtube\s*=\s*([^\]\s]+)[^\]]*\]", re.IGNORECASE)
EMBED_BLOCK = re.compile(
    r'<figure\s[^>]*class="[^"]*\bwp-block-embed\b[^"]*"[^>]*>\s*'
    r'<div class="wp-block-embed__wrapper">\s*([^<\s]+)\s*</div>\s*'
    r"(?:<figcaption[^>]*>(.*?)</figcaption>\s*)?</figure>",
    re.DOTALL | re.IGNORECASE,
)
MEDIA_BLOCK = re.compile(
    r'<figure\s[^>]*class="[^"]*\bwp-block-(?:video|audio)\b[^"]*"[^>]*>\s*'
    r'<(video|audio)\s[^>]*?\bsrc="([^"]+)"[^>]*>.*?</\1>\s*'
    r"(?:<figcaption[^>]*>(.*?)</figcaption>\s*)?</figure>",
    re.DOTALL | re.IGNORECASE,
)
ADDRESS_ALONE = re.compile(
    r"^[ \t]*(?:<p>[ \t]*)?(https?://[^\s<>\"]+)[ \t]*(?:</p>[ \t]*)?$", re.MULTILINE
)
MEDIA_SOURCES = ("src", "mp4", "m4v", "webm", "ogv", "mp3", "m4a", "ogg", "oga", "wav")


@dataclass
class Conversion:
    html: str
    unknown_shortcodes: list[str] = field(default_factory=list)
    # Addresses marked as embeds that the site cannot show: they became links.
    unknown_embeds: list[str] = field(default_factory=list)


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
    unknown_embeds: list[str] = []
    has_blocks = "<!-- wp:" in content
    text = BLOCK_COMMENT.sub("", content)
    text = _embed_blocks(text, unknown=unknown_embeds)
    text = YOUTUBE_SHORTCODE.sub(
        lambda match: _embed(_youtube_address(match.group(1)), unknown=unknown_embeds), text
    )
    text = _shortcodes(text, unknown=unknown, unknown_embeds=unknown_embeds, gallery=gallery)
    text = _outside_preformatted(text, lambda part: ADDRESS_ALONE.sub(_auto_embed, part))
    text = IMG_TAG.sub(lambda match: _with_alt(match.group(0), image_alt), text)
    if not has_blocks:
        text = autop(text)
    text = UPLOAD_URL.sub(lambda match: rewrite_url(html.unescape(match.group(0))), text)
    text = EMPTY_PARAGRAPH.sub("", sanitize_html(text))
    return Conversion(
        html=re.sub(r"\n{3,}", "\n\n", text).strip(),
        unknown_shortcodes=unknown,
        unknown_embeds=unknown_embeds,
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


def _shortcodes(
    text: str, *, unknown: list[str], unknown_embeds: list[str], gallery: GalleryLookup
) -> str:
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
        if lowered in {"embed", "youtube"}:
            address = (inner or "").strip() or _first_url(attributes) or raw_attributes.strip()
            if lowered == "youtube":
                address = _youtube_address(address)
            return _embed(address, unknown=unknown_embeds) if address else ""
        if lowered in {"audio", "video"}:
            sources = (attributes.get(name, "") for name in MEDIA_SOURCES)
            address = next(filter(None, sources), "") or (inner or "").strip()
            return _embed(address, unknown=unknown_embeds) if address else ""
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
        inner = _shortcodes(inner, unknown=unknown, unknown_embeds=unknown_embeds, gallery=gallery)
        return before + inner + after

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


def _embed_address(address: str) -> tuple[str, Embed | None]:
    """The address to store and the embed it designates (None: the site cannot show it).

    Old posts link to providers over http: their https address is the same page. An upload of
    the site itself will point to the imported file, which the site plays.
    """
    address = html.unescape(address).strip()
    embed = parse_embed(address)
    if embed is None and address.lower().startswith("http://"):
        secure = parse_embed("https://" + address[len("http://") :])
        if secure is not None and not secure.direct:
            address, embed = secure.url, secure
    if embed is None and UPLOAD_URL.fullmatch(address):
        embed = parse_embed(urlsplit(address).path)
    return address, embed


def _embed(address: str, *, unknown: list[str], caption: str = "") -> str:
    """The stored form of an embed, or a link (noted in `unknown`) when it is not one."""
    address, embed = _embed_address(address)
    link = f'<a href="{html.escape(address)}">{html.escape(address)}</a>'
    if embed is None:
        unknown.append(address)
        return f"\n\n<p>{link}</p>\n\n"
    figcaption = f"<figcaption>{caption.strip()}</figcaption>" if caption.strip() else ""
    return f'\n\n<figure data-embed="{embed.provider}">{link}{figcaption}</figure>\n\n'


def _embed_blocks(text: str, *, unknown: list[str]) -> str:
    """The block editor's embed, video and audio figures."""
    text = EMBED_BLOCK.sub(
        lambda match: _embed(match.group(1), unknown=unknown, caption=match.group(2) or ""), text
    )
    return MEDIA_BLOCK.sub(
        lambda match: _embed(match.group(2), unknown=unknown, caption=match.group(3) or ""), text
    )


def _youtube_address(value: str) -> str:
    """``[youtube]`` takes an address, or a bare video id."""
    value = value.strip()
    if re.fullmatch(r"[A-Za-z0-9_-]{11}", value):
        return f"https://www.youtube.com/watch?v={value}"
    return value


def _auto_embed(match: re.Match) -> str:
    """An address alone on its line is embedded when the site knows how to show it (WordPress
    shows the others as text, and so do we)."""
    address, embed = _embed_address(match.group(1))
    return match.group(0) if embed is None else _embed(address, unknown=[])


def _outside_preformatted(text: str, change: Callable[[str], str]) -> str:
    pieces = re.split(r"(<pre[\s>].*?</pre>)", text, flags=re.DOTALL | re.IGNORECASE)
    return "".join(piece if index % 2 else change(piece) for index, piece in enumerate(pieces))
