"""epw.core.archives: ZIP members are counted while they inflate, and odd archives refused."""

import struct
import zipfile
from io import BytesIO

import pytest

from epw.core.archives import ArchiveRefused, ZipLimits, check_zip

LIMITS = ZipLimits(member_bytes=1024 * 1024, total_bytes=2 * 1024 * 1024)


def archive(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    output = BytesIO()
    with zipfile.ZipFile(output, "w", compression) as target:
        for name, content in members.items():
            target.writestr(name, content)
    return output.getvalue()


def code(data: bytes, limits: ZipLimits = LIMITS) -> str:
    with pytest.raises(ArchiveRefused) as refusal:
        check_zip(data, limits)
    return refusal.value.code


def test_an_ordinary_archive_passes_and_reads_as_usual():
    data = archive({"a.xml": b"<a/>" * 1000, "vide/": b"", "b.txt": b"texte"})
    assert check_zip(data, LIMITS).read("a.xml") == b"<a/>" * 1000
    stored = archive({"mimetype": b"application/vnd.oasis.opendocument.text"}, zipfile.ZIP_STORED)
    assert check_zip(stored, LIMITS).namelist() == ["mimetype"]


def test_caps_per_member_and_in_total():
    assert code(archive({"a": bytes(range(256)) * 5000})) == "too_large"
    three = {name: bytes(range(256)) * 3000 for name in "abc"}  # 768 KB each
    assert code(archive(three)) == "too_large"


def test_a_compression_ratio_beyond_reason_is_refused():
    limits = ZipLimits(member_bytes=10**8, total_bytes=10**8, ratio_floor=1024 * 1024)
    assert code(archive({"a": b"\0" * 3 * 1024 * 1024}), limits) == "ratio"


@pytest.mark.parametrize(
    "name", ["/etc/passwd", "../haut.xml", "a/../../b", "c:\\\\x", "C:/x", "a\x01b", "n" * 300]
)
def test_absurd_names_are_refused(name):
    assert code(archive({name: b"x"})) == "abnormal"


def test_too_many_or_repeated_members_are_refused():
    assert code(archive({f"{n}.xml": b"x" for n in range(11)}), ZipLimits(10**6, 10**6, 10)) == (
        "abnormal"
    )
    output = BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        target.writestr("a", b"1")
        with pytest.warns(UserWarning):
            target.writestr("a", b"2")
    assert code(output.getvalue()) == "abnormal"


def test_a_member_whose_sizes_or_checksum_lie_is_refused():
    data = bytearray(archive({"a.xml": b"<a/>" * 1000}))
    struct.pack_into("<L", data, data.rfind(b"PK\x01\x02") + 24, 10)  # declared size
    assert code(bytes(data)) == "damaged"
    data = bytearray(archive({"a.xml": b"<a/>" * 1000}))
    struct.pack_into("<L", data, data.rfind(b"PK\x01\x02") + 16, 0)  # CRC
    assert code(bytes(data)) == "damaged"


def test_an_archive_inside_the_archive_is_refused():
    inner = archive({"x": b"x"})
    assert code(archive({"word/media/image1.png": inner})) == "nested"
    assert code(archive({"objet.gz": b"\x1f\x8b\x08" + b"\0" * 20})) == "nested"


def test_the_spreadsheet_behind_a_chart_is_an_embedded_object_not_a_nested_archive():
    spreadsheet = archive({"xl/workbook.xml": b"<workbook/>"})
    document = archive({"word/document.xml": b"<w/>", "word/embeddings/Feuille1.xlsx": spreadsheet})
    assert check_zip(document, LIMITS).namelist()[1] == "word/embeddings/Feuille1.xlsx"
    # Counted all the same: a bomb there is still a bomb.
    bomb = archive({"word/embeddings/Feuille1.xlsx": b"\0" * (LIMITS.total_bytes + 1)})
    assert code(bomb) == "too_large"


def test_something_else_than_a_zip_is_damaged():
    assert code(b"PK\x03\x04 pas une archive") == "damaged"
