"""The translation catalogues: complete, consistent with their sources, and compiled.

French is the source language (every msgid is the French text), so only the English
catalogue carries translations. No database is needed.
"""

import ast
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.utils import translation

LOCALE = Path(__file__).resolve().parents[2] / "locale"
EN_PO = LOCALE / "en" / "LC_MESSAGES" / "django.po"
EN_MO = LOCALE / "en" / "LC_MESSAGES" / "django.mo"
FR_PO = LOCALE / "fr" / "LC_MESSAGES" / "django.po"

# A named printf-style placeholder, as Python and Django format them: %(name)s, %(n)d…
PLACEHOLDER = re.compile(r"%\((\w+)\)[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")\s*$")
CONTINUATION = re.compile(r"^(\".*\")\s*$")


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return f"line {self.line}: {self.msgid!r}"


def _unquote(literal: str) -> str:
    # A PO string literal uses C escapes, which a Python string literal reads the same way.
    return ast.literal_eval(literal)


def parse_po(path: Path) -> tuple[dict[str, str], list[Entry]]:
    """Return the header fields and the (non-obsolete) entries of a PO file."""
    entries: list[Entry] = []
    current: Entry | None = None
    target: tuple[str, int | None] | None = None

    def start(lineno: int) -> Entry:
        entry = Entry(line=lineno)
        entries.append(entry)
        return entry

    def append(text: str) -> None:
        assert current is not None and target is not None
        key, index = target
        if key == "msgstr":
            current.msgstr[index] = current.msgstr.get(index, "") + text
        else:
            setattr(current, key, (getattr(current, key) or "") + text)

    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            current, target = None, None
            continue
        if line.startswith("#~"):  # obsolete entry: not part of the catalogue
            continue
        if line.startswith("#,"):
            if current is None or current.msgid or current.msgstr:
                current = start(lineno)
            current.flags.update(f.strip() for f in line[2:].split(",") if f.strip())
            continue
        if line.startswith("#"):
            continue
        if match := KEYWORD.match(line):
            keyword, literal = match.groups()
            if keyword in ("msgctxt", "msgid") and (
                current is None or current.msgid or current.msgstr
            ):
                current = start(lineno)
            assert current is not None, f"{path}:{lineno}: {keyword} outside an entry"
            if keyword.startswith("msgstr"):
                index = int(keyword[7:-1]) if "[" in keyword else 0
                target = ("msgstr", index)
                current.msgstr.setdefault(index, "")
            else:
                target = (keyword, None)
            append(_unquote(literal))
            continue
        if match := CONTINUATION.match(line):
            assert target is not None, f"{path}:{lineno}: string outside an entry"
            append(_unquote(match.group(1)))
            continue
        raise AssertionError(f"{path}:{lineno}: unreadable line {raw!r}")

    header_entries = [e for e in entries if e.msgid == "" and e.msgctxt is None]
    assert len(header_entries) == 1, f"{path}: expected exactly one header entry"
    header_entry = header_entries[0]
    rows = (row.partition(":") for row in header_entry.msgstr.get(0, "").splitlines() if row)
    header = {key.strip(): value.strip() for key, _, value in rows}
    assert "fuzzy" not in header_entry.flags, f"{path}: the header is marked fuzzy"
    return header, [e for e in entries if e is not header_entry]


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.fixture(scope="module")
def english() -> list[Entry]:
    header, entries = parse_po(EN_PO)
    assert header["Language"] == "en"
    assert header["Plural-Forms"].replace(" ", "") == "nplurals=2;plural=(n!=1);"
    assert entries, "the English catalogue is empty"
    return entries


def test_the_parser_reads_every_entry_of_the_english_catalogue(english):
    source = EN_PO.read_text(encoding="utf-8")
    declared = len(re.findall(r"^msgid ", source, flags=re.MULTILINE)) - 1  # less the header
    assert len(english) == declared
    assert any(e.msgid_plural for e in english)


def test_every_english_entry_is_translated(english):
    missing = []
    for entry in english:
        expected = range(2) if entry.msgid_plural is not None else range(1)
        if sorted(entry.msgstr) != list(expected) or not all(
            entry.msgstr[i].strip() for i in expected
        ):
            missing.append(entry.label)
    assert not missing, "untranslated entries:\n" + "\n".join(missing)


def test_no_english_entry_is_fuzzy(english):
    fuzzy = [entry.label for entry in english if "fuzzy" in entry.flags]
    assert not fuzzy, "fuzzy entries:\n" + "\n".join(fuzzy)


def test_english_placeholders_match_the_french(english):
    mismatches = []
    for entry in english:
        wanted = placeholders(entry.msgid) | placeholders(entry.msgid_plural or "")
        for index, text in sorted(entry.msgstr.items()):
            if placeholders(text) != wanted:
                mismatches.append(
                    f"{entry.label} msgstr[{index}]: "
                    f"{sorted(placeholders(text))} != {sorted(wanted)}"
                )
    assert not mismatches, "placeholder mismatches:\n" + "\n".join(mismatches)


def test_the_compiled_english_catalogue_matches_the_po(english):
    assert EN_MO.exists(), "run `manage.py compilemessages`"
    with EN_MO.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = []
    for entry in english:
        if entry.msgid_plural is not None:
            got = [
                compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                if entry.msgctxt is not None
                else compiled.ngettext(entry.msgid, entry.msgid_plural, n)
                for n in (1, 2)
            ]
            wanted = [entry.msgstr[0], entry.msgstr[1]]
        else:
            got = [
                compiled.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt is not None
                else compiled.gettext(entry.msgid)
            ]
            wanted = [entry.msgstr[0]]
        if got != wanted:
            stale.append(f"{entry.label}: {got!r} != {wanted!r}")
    assert not stale, "django.mo is out of date, run `manage.py compilemessages`:\n" + "\n".join(
        stale
    )


def test_the_french_catalogue_is_the_source_language():
    header, entries = parse_po(FR_PO)
    assert header["Language"] == "fr"
    assert header["Plural-Forms"].replace(" ", "") == "nplurals=2;plural=(n>1);"
    assert not [e.label for e in entries if "fuzzy" in e.flags]
    english_ids = {(e.msgctxt, e.msgid) for e in parse_po(EN_PO)[1]}
    assert {(e.msgctxt, e.msgid) for e in entries} == english_ids


def test_django_serves_the_english_translations():
    with translation.override("en"):
        assert translation.gettext("Aller au contenu") == "Skip to content"
        assert translation.gettext("Devenez chroniqueur") == "Become a columnist"
        assert (
            translation.ngettext("%(counter)s commentaire", "%(counter)s commentaires", 2)
            == "%(counter)s comments"
        )
    with translation.override("fr"):
        assert translation.gettext("Aller au contenu") == "Aller au contenu"
