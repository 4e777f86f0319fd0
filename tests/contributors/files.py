"""Small documents built by the tests: a valid .docx, decompression bombs (.odt: odt_files)."""

import struct
import zipfile
import zlib
from io import BytesIO
from xml.sax.saxutils import escape

from django.core.files.uploadedfile import SimpleUploadedFile

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx_bytes(*paragraphs: str | tuple[str, str]) -> bytes:
    """The smallest Word document mammoth reads: content types, package rels, document.

    A paragraph is its text, or a (style id, text) pair: ("Heading1", "Titre").
    """
    run = "<w:p>{}<w:r><w:t xml:space='preserve'>{}</w:t></w:r></w:p>"
    body = "".join(
        run.format(f'<w:pPr><w:pStyle w:val="{item[0]}"/></w:pPr>', escape(item[1]))
        if isinstance(item, tuple)
        else run.format("", escape(item))
        for item in paragraphs
    )
    return docx_package(body)


def docx_package(body: str, styles: dict[str, tuple[str, str]] | None = None) -> bytes:
    """A Word document around `body` (WordprocessingML), with `styles` as
    {style id: (type, name)}, e.g. {"SourceCode": ("paragraph", "Source Code")}."""
    definitions = "".join(
        f'<w:style w:type="{kind}" w:styleId="{style_id}"><w:name w:val="{name}"/></w:style>'
        for style_id, (kind, name) in (styles or {}).items()
    )
    output = BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
            '<Override PartName="/word/styles.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/officeDocument" Target="word/document.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "word/_rels/document.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/styles" Target="styles.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "word/styles.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="{W}">{definitions}'
            "</w:styles>",
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W}">'
            f"<w:body>{body}</w:body></w:document>",
        )
    return output.getvalue()


def png_bomb_bytes(width: int = 30_000, height: int = 30_000) -> bytes:
    """A tiny PNG whose header announces a gigantic picture."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )


def animated_gif_bytes(width: int, height: int, frames: int) -> bytes:
    """A GIF of `frames` full-size frames, each a few bytes long: cheap on disk, costly decoded."""
    screen = struct.pack("<HHBBB", width, height, 0x80, 0, 0)  # 2-colour global palette
    palette = b"\x00\x00\x00\xff\xff\xff"
    frame = (
        b"\x21\xf9\x04\x00\x0a\x00\x00\x00"  # graphic control: 0.1 s per frame
        + b"\x2c"
        + struct.pack("<HHHHB", 0, 0, width, height, 0)
        + b"\x02\x01\x2c\x00"  # LZW: clear code, end code
    )
    return b"GIF89a" + screen + palette + frame * frames + b"\x3b"


def upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)
