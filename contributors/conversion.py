"""Draft files → HTML, run in a limited child process (contributors.converters starts it).

Nothing here imports Django: the child starts fast and holds only what converting needs.
The type is decided by the file's content, not its name: .docx and .odt are ZIP archives with
known members (and, for .odt, a `mimetype` member naming the format), read only once every
member has inflated within the caps (epw.core.archives); .md and .txt must be UTF-8 text
without NUL bytes and must not be an HTML document. The extension has to agree with the
content. Converters: mammoth (.docx), odfdo (.odt, contributors/opendocument.py),
Python-Markdown (.md).

The article's title is its page's only level-1 heading: the sanitiser drops <h1>, so every
heading of a draft moves one level down (h1 → h2 … h6 stays h6) and none is lost.
"""

from __future__ import annotations

import html
import re
import zipfile
from io import BytesIO
from xml.etree.ElementTree import ParseError

import mammoth
import markdown
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as defused_et

from contributors.opendocument import odt_to_html
from epw.core.archives import ArchiveRefused, ZipLimits, check_zip
from epw.core.sandbox import Refused

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# A draft's XML parts take several times their size in memory once parsed.
MAX_MEMBER_BYTES = 20 * 1024 * 1024
HEADING_TAG = re.compile(r"<(/?)h([1-6])\b", re.I)
# Word has no code or quotation tags: these paragraph and character styles stand for them.
DOCX_STYLE_MAP = """
p[style-name='Source Code'] => pre > code:separator('\\n')
p[style-name='HTML Preformatted'] => pre > code:separator('\\n')
p[style-name='Code'] => pre > code:separator('\\n')
r[style-name='Verbatim Char'] => code
r[style-name='HTML Code'] => code
r[style-name='Source Text'] => code
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote > p:fresh
"""
MARKDOWN_EXTENSIONS = ["tables", "fenced_code"]
HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<script|<\?xml)", re.I)


def convert_file(
    data: bytes, *, expected: str, max_unpacked_bytes: int, max_html_bytes: int
) -> str:
    """The HTML of a draft file that should be `expected` (docx, odt, markdown or text).

    Raise Refused with the reason's code: bad_format, unreadable, html_too_large, or one of
    ArchiveRefused's."""
    limits = ZipLimits(
        member_bytes=min(MAX_MEMBER_BYTES, max_unpacked_bytes), total_bytes=max_unpacked_bytes
    )
    try:
        kind = sniff(data, limits)
    except ArchiveRefused as refusal:
        raise Refused(refusal.code) from refusal
    if kind is None or kind != {"markdown": "text"}.get(expected, expected):
        raise Refused("bad_format")
    try:
        body = _convert(data, expected)
    except MemoryError:
        raise
    except Exception as error:  # noqa: BLE001 — any converter failure is a bad file
        raise Refused("unreadable") from error
    if len(body.encode()) > max_html_bytes:
        raise Refused("html_too_large")
    return body


def sniff(data: bytes, limits: ZipLimits) -> str | None:
    """The draft format `data` really is, or None; ArchiveRefused for a hostile archive."""
    if data.startswith(b"PK\x03\x04"):
        archive = check_zip(data, limits)
        names = set(archive.namelist())
        try:
            if {"[Content_Types].xml", "word/document.xml"} <= names:
                kind, main = "docx", "word/document.xml"
            elif "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
                kind, main = "odt", "content.xml"
            else:
                return None
            # No DTDs, entities or external references: refused before any converter parses.
            defused_et.fromstring(archive.read(main), forbid_dtd=True)
        except (zipfile.BadZipFile, OSError, ValueError, KeyError, ParseError, DefusedXmlException):
            return None
        return kind
    if b"\x00" in data or HTML_START.match(data[:512]):
        return None
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text"


def _convert(data: bytes, kind: str) -> str:
    if kind == "docx":
        converted = mammoth.convert_to_html(BytesIO(data), style_map=DOCX_STYLE_MAP)
        return shift_headings(converted.value)
    if kind == "odt":
        return odt_to_html(BytesIO(data))
    if kind == "markdown":
        text = data.decode("utf-8")
        return shift_headings(
            markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
        )
    return text_to_html(data.decode("utf-8"))


def shift_headings(html_text: str) -> str:
    """Every heading one level down, h6 staying h6."""
    return HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", html_text)


def text_to_html(text: str) -> str:
    """Plain text: paragraphs separated by blank lines, line breaks kept."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return "".join(
        "<p>{}</p>".format(html.escape(part).replace("\n", "<br>")) for part in paragraphs if part
    )
