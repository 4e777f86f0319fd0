"""Hostile archives: members that lie about their size, inflate beyond reason or hold another
archive. Big members are written chunk by chunk, never held in memory whole."""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterable
from io import BytesIO

from tests.contributors.files import docx_bytes
from tests.contributors.odt_files import odt_bytes

MB = 1024 * 1024
CHUNK = b"\0" * MB


def with_member(
    archive: bytes, name: str, chunks: Iterable[bytes], *, declare: bytes | None = None
) -> bytes:
    """`archive` with its member `name` (added if missing) made of `chunks`, deflated.

    With `declare`, the archive's directory says the member is `declare` (its size and CRC),
    while the compressed stream still inflates to every byte of `chunks`."""
    source = zipfile.ZipFile(BytesIO(archive))
    output = BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
        with target.open(name, "w") as member:
            for chunk in chunks:
                member.write(chunk)
    data = bytearray(output.getvalue())
    if declare is not None:
        _declare(data, name, size=len(declare), crc=zlib.crc32(declare))
    return bytes(data)


def _declare(data: bytearray, name: str, *, size: int, crc: int) -> None:
    """Patch the sizes and CRC of `name` in its local header and its central directory entry."""
    end = data.rfind(b"PK\x05\x06")
    entries, _, offset = struct.unpack_from("<HLL", data, end + 10)
    for _entry in range(entries):
        name_length, extra_length, comment_length = struct.unpack_from("<3H", data, offset + 28)
        if data[offset + 46 : offset + 46 + name_length] == name.encode():
            (local,) = struct.unpack_from("<L", data, offset + 42)
            struct.pack_into("<L", data, offset + 16, crc)
            struct.pack_into("<L", data, offset + 24, size)
            struct.pack_into("<L", data, local + 14, crc)
            struct.pack_into("<L", data, local + 22, size)
            return
        offset += 46 + name_length + extra_length + comment_length
    raise KeyError(name)


def lying_docx_bytes(inflated_mb: int = 300) -> bytes:
    """A valid Word document whose main part's compressed stream goes on with `inflated_mb`
    MB of zeros its directory does not declare: a reader trusting the declared size inflates
    all of it at once before cutting it down."""
    honest = docx_bytes("Mon texte.")
    document = zipfile.ZipFile(BytesIO(honest)).read("word/document.xml")
    chunks = [document, *(CHUNK for _ in range(inflated_mb))]
    return with_member(honest, "word/document.xml", chunks, declare=document)


def ratio_bomb_docx_bytes(inflated_mb: int = 40) -> bytes:
    """A Word document whose main part is honestly `inflated_mb` MB, nearly all white space:
    under the unpacked-size cap, but a thousand times its compressed size."""
    honest = docx_bytes("Mon texte.")
    document = zipfile.ZipFile(BytesIO(honest)).read("word/document.xml")
    head, tail = document.split(b"</w:body>")
    chunks = [head, *(b" " * MB for _ in range(inflated_mb)), b"</w:body>", tail]
    return with_member(honest, "word/document.xml", chunks)


def huge_odt_bytes(inflated_mb: int = 60) -> bytes:
    """An honest OpenDocument text of numbered paragraphs, about `inflated_mb` MB of XML."""
    honest = odt_bytes("Premier paragraphe.")
    content = zipfile.ZipFile(BytesIO(honest)).read("content.xml").decode()
    head, tail = content.split("</office:text>")

    def paragraphs():
        yield head.encode()
        for block in range(inflated_mb):
            yield "".join(
                f"<text:p>Paragraphe {block * 20_000 + n}, sans fin.</text:p>"
                for n in range(22_000)
            ).encode()
        yield ("</office:text>" + tail).encode()

    return with_member(honest, "content.xml", paragraphs())


def nested_archive_docx_bytes() -> bytes:
    """A Word document with a ZIP archive posing as a picture."""
    inner = BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bombe.bin", b"\0" * MB)
    return with_member(docx_bytes("Mon texte."), "word/media/image1.png", [inner.getvalue()])
