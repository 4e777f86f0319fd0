"""Uploaded drafts → sanitised HTML.

The type is decided by the file's content, not its name: .docx and .odt are ZIP archives with
known members (and, for .odt, a `mimetype` member naming the format); .md and .txt must be
UTF-8 text without NUL bytes and must not be an HTML document. The extension has to agree
with the content. Converters: mammoth (.docx), odfdo (.odt, contributors/opendocument.py),
Python-Markdown (.md).

The article's title is its page's only level-1 heading: the sanitiser drops <h1>, so every
heading of a draft moves one level down (h1 → h2 … h6 stays h6) and none is lost.
"""

from __future__ import annotations

import html
import re
import zipfile
from io import BytesIO
from pathlib import PurePath
from xml.etree.ElementTree import ParseError

import mammoth
import markdown
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as defused_et
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contributors.drafts import sanitize_draft
from contributors.opendocument import odt_to_html

EXTENSIONS = {".docx": "docx", ".odt": "odt", ".md": "markdown", ".markdown": "markdown",
              ".txt": "text"}  # fmt: skip
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
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


def sniff(data: bytes) -> str | None:
    """The draft format `data` really is, or None."""
    if data.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(BytesIO(data))
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > settings.EPW_SUBMISSION_MAX_UNPACKED_BYTES:
                return None
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


def convert_upload(uploaded) -> str:
    """Check and convert an uploaded draft; raise ValidationError with a French message."""
    limit = settings.EPW_SUBMISSION_MAX_UPLOAD_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Le fichier dépasse %(max)s Mo.") % {"max": f"{limit / (1024 * 1024):g}"},
            code="too_large",
        )
    expected = EXTENSIONS.get(PurePath(uploaded.name or "").suffix.lower())
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    kind = sniff(data)
    if expected is None or kind is None or kind != {"markdown": "text"}.get(expected, expected):
        raise ValidationError(
            _("Format non reconnu : envoyez un fichier .docx, .odt, .md ou .txt."),
            code="bad_format",
        )
    try:
        if expected == "docx":
            converted = mammoth.convert_to_html(BytesIO(data), style_map=DOCX_STYLE_MAP)
            body = shift_headings(converted.value)
        elif expected == "odt":
            body = odt_to_html(BytesIO(data))
        elif expected == "markdown":
            text = data.decode("utf-8")
            body = shift_headings(
                markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
            )
        else:
            body = text_to_html(data.decode("utf-8"))
    except Exception as error:  # noqa: BLE001 — any converter failure is a bad file
        raise ValidationError(
            _("Ce fichier n’a pas pu être lu : vérifiez qu’il n’est pas endommagé."),
            code="unreadable",
        ) from error
    body = sanitize_draft(body).strip()
    if not body:
        raise ValidationError(_("Ce fichier ne contient pas de texte."), code="empty")
    return body


def shift_headings(html_text: str) -> str:
    """Every heading one level down, h6 staying h6."""
    return HEADING_TAG.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", html_text)


def text_to_html(text: str) -> str:
    """Plain text: paragraphs separated by blank lines, line breaks kept."""
    paragraphs = [part.strip() for part in re.split(r"\n\s*\n", text.replace("\r\n", "\n"))]
    return "".join(
        "<p>{}</p>".format(html.escape(part).replace("\n", "<br>")) for part in paragraphs if part
    )
