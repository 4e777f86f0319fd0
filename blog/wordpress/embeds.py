"""WordPress embeds as EPW stores them: a figure holding a link (epw.core.embeds), or a plain
link, noted as lossy, when the site cannot show the address.

WordPress embeds in several ways: ``[embed]``, ``[youtube]``, ``[video]`` and ``[audio]``
shortcodes (see blog.wordpress.shortcodes), the block editor's embed, video and audio figures,
and an address alone on its line (its auto-embed).
"""

import html
import re
from urllib.parse import urlsplit

from epw.core.embeds import Embed, parse_embed

# An upload of the site itself, absolute, or as the value or text of a tag (src="/wp-content/…").
UPLOAD_URL = re.compile(
    r"""(?:(?:https?:)?//[^\s"'<>()]+?|(?<=["'>]))/wp-content/uploads/[^\s"'<>?#()]+"""
)
# [youtube=URL] (WordPress.com) is no regular shortcode.
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


def embed_address(address: str) -> tuple[str, Embed | None]:
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


def embed(address: str, *, unknown: list[str], caption: str = "") -> str:
    """The stored form of an embed, or a link (noted in `unknown`) when it is not one."""
    address, found = embed_address(address)
    link = f'<a href="{html.escape(address)}">{html.escape(address)}</a>'
    if found is None:
        unknown.append(address)
        return f"\n\n<p>{link}</p>\n\n"
    figcaption = f"<figcaption>{caption.strip()}</figcaption>" if caption.strip() else ""
    return f'\n\n<figure data-embed="{found.provider}">{link}{figcaption}</figure>\n\n'


def embed_blocks(text: str, *, unknown: list[str]) -> str:
    """The block editor's embed, video and audio figures."""
    text = EMBED_BLOCK.sub(
        lambda match: embed(match.group(1), unknown=unknown, caption=match.group(2) or ""), text
    )
    return MEDIA_BLOCK.sub(
        lambda match: embed(match.group(2), unknown=unknown, caption=match.group(3) or ""), text
    )


def youtube_shortcodes(text: str, *, unknown: list[str]) -> str:
    """``[youtube=URL&w=640]``, written before WordPress had attributes."""
    return YOUTUBE_SHORTCODE.sub(
        lambda match: embed(youtube_address(match.group(1)), unknown=unknown), text
    )


def youtube_address(value: str) -> str:
    """``[youtube]`` takes an address, or a bare video id."""
    value = value.strip()
    if re.fullmatch(r"[A-Za-z0-9_-]{11}", value):
        return f"https://www.youtube.com/watch?v={value}"
    return value


def auto_embeds(text: str) -> str:
    """An address alone on its line is embedded when the site knows how to show it (WordPress
    shows the others as text, and so do we)."""
    return ADDRESS_ALONE.sub(_auto_embed, text)


def _auto_embed(match: re.Match) -> str:
    address, found = embed_address(match.group(1))
    return match.group(0) if found is None else embed(address, unknown=[])
