"""ZIP archives from strangers: every byte counted while it is inflated.

A ZIP's directory declares each member's size, but its compressed stream decides what comes
out: a few hundred kilobytes may inflate to gigabytes, and Python's zipfile, asked for a whole
member, inflates the whole stream in one call before cutting it to the declared size.
`check_zip` inflates every member chunk by chunk with its own decompressor and stops as soon as a
cap is passed; it refuses an archive whose members do not inflate to exactly the size and CRC
they declare, so that once it has passed, any reader of the archive inflates no more than what
was counted. It also refuses what no word processor writes: encrypted members, unknown
compression methods, too many members, absurd or repeated names, archives inside the archive
(except where word processors keep embedded objects, such as the spreadsheet behind a chart:
those are counted like every member and never unpacked by anything).
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from io import BytesIO

CHUNK = 64 * 1024
LOCAL_HEADER = struct.Struct("<4s5H3L2H")
# An archive's or a compressed file's first bytes. Pictures and fonts never start this way.
ARCHIVE_SIGNATURES = (
    b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c", b"Rar!\x1a\x07", b"\x28\xb5\x2f\xfd", b"MSCF",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # OLE compound file: an embedded object
)  # fmt: skip
TAR_MAGIC = (257, b"ustar")
# Where Word keeps an embedded object (an .xlsx behind a chart, an OLE object) and where
# OpenDocument keeps its OLE objects: archives by nature, read by no converter.
EMBEDDED_OBJECTS = re.compile(r"^(word/embeddings/[^/]+|Object \d+|ObjectReplacements/[^/]+)$")
ABSURD_NAME = re.compile(r"(^/|^[A-Za-z]:|\\|[\x00-\x1f\x7f]|(^|/)\.\.(/|$))")


class ArchiveRefused(Exception):
    """`code`: damaged, abnormal, too_large, ratio or nested."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class ZipLimits:
    member_bytes: int
    total_bytes: int
    members: int = 1000
    ratio: int = 100  # inflated / compressed, checked past `ratio_floor` bytes
    ratio_floor: int = 2 * 1024 * 1024
    name_length: int = 255


def check_zip(data: bytes, limits: ZipLimits) -> zipfile.ZipFile:
    """The archive in `data`, once every member has been inflated within `limits`."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ArchiveRefused("damaged") from error
    members = archive.infolist()
    names = [info.filename for info in members]
    if len(members) > limits.members or len(set(names)) != len(names):
        raise ArchiveRefused("abnormal")
    if any(len(name) > limits.name_length or ABSURD_NAME.search(name) for name in names):
        raise ArchiveRefused("abnormal")
    total = 0
    for info in members:
        total += _inflated_size(data, info, limits, budget=limits.total_bytes - total)
    return archive


def _raw(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The member's compressed bytes, found the way zipfile finds them."""
    header = data[info.header_offset : info.header_offset + LOCAL_HEADER.size]
    if len(header) < LOCAL_HEADER.size:
        raise ArchiveRefused("damaged")
    signature, *_fields, name_length, extra_length = LOCAL_HEADER.unpack(header)
    if signature != b"PK\x03\x04":
        raise ArchiveRefused("damaged")
    start = info.header_offset + LOCAL_HEADER.size + name_length + extra_length
    if start + info.compress_size > len(data):
        raise ArchiveRefused("damaged")
    return memoryview(data)[start : start + info.compress_size]


def _chunks(raw: memoryview, info: zipfile.ZipInfo):
    if info.flag_bits & 0x1:  # encrypted
        raise ArchiveRefused("abnormal")
    if info.compress_type == zipfile.ZIP_STORED:
        for start in range(0, len(raw), CHUNK):
            yield raw[start : start + CHUNK]
        return
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise ArchiveRefused("abnormal")
    decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
    pending = raw
    while not decompressor.eof:
        try:
            chunk = decompressor.decompress(pending, CHUNK)
        except zlib.error as error:
            raise ArchiveRefused("damaged") from error
        pending = decompressor.unconsumed_tail
        if not (chunk or pending or decompressor.eof):  # the stream stops before its end
            raise ArchiveRefused("damaged")
        yield chunk
    if decompressor.unused_data:  # the declared compressed size lies too
        raise ArchiveRefused("damaged")


def _inflated_size(data: bytes, info: zipfile.ZipInfo, limits: ZipLimits, *, budget: int) -> int:
    cap = min(limits.member_bytes, budget)
    size = crc = 0
    head = b""
    for chunk in _chunks(_raw(data, info), info):
        size += len(chunk)
        if size > cap:
            raise ArchiveRefused("too_large")
        if size > limits.ratio_floor and size > limits.ratio * max(info.compress_size, 1):
            raise ArchiveRefused("ratio")
        crc = zlib.crc32(chunk, crc)
        if len(head) < 512:
            head += bytes(chunk[: 512 - len(head)])
    if size != info.file_size or crc != info.CRC:
        raise ArchiveRefused("damaged")
    if EMBEDDED_OBJECTS.match(info.filename):
        return size
    if head.startswith(ARCHIVE_SIGNATURES) or head[TAR_MAGIC[0] :].startswith(TAR_MAGIC[1]):
        raise ArchiveRefused("nested")
    return size
