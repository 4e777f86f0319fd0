"""CSV import and export of subscribers (admin), with a report of what was done."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, time
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from epw.core.chrome_cache import figures_changed
from epw.core.mail import normalise_address
from newsletter.forms import blocked_domain
from newsletter.models import Subscriber

MAX_ROWS = 100_000
SOURCE_MAX_LENGTH = Subscriber._meta.get_field("source").max_length
DELIMITERS = ",;\t"
EMAIL_HEADERS = {"email", "e-mail"}
FRENCH_DATE = re.compile(
    r"(?P<day>\d{1,2})/(?P<month>\d{1,2})/(?P<year>\d{4})"
    r"(?:[ T](?P<hour>\d{1,2})[:h](?P<minute>\d{2})(?::(?P<second>\d{2}))?)?"
)
EXPORT_FIELDS = [
    "email",
    "status",
    "source",
    "consent_version",
    "consented_at",
    "confirmed_at",
    "unsubscribed_at",
    "created_at",
]


@dataclass
class ImportReport:
    created: int = 0
    merged: int = 0
    invalid: list[tuple[int, str, str]] = field(default_factory=list)

    def summary(self) -> str:
        refused = len(self.invalid)
        return _("%(created)s, %(merged)s, %(refused)s.") % {
            "created": ngettext(
                "%(count)d abonné ajouté", "%(count)d abonnés ajoutés", self.created
            )
            % {"count": self.created},
            "merged": ngettext(
                "%(count)d doublon fusionné", "%(count)d doublons fusionnés", self.merged
            )
            % {"count": self.merged},
            "refused": ngettext("%(count)d ligne refusée", "%(count)d lignes refusées", refused)
            % {"count": refused},
        }


class Row(NamedTuple):
    line: int
    email: str
    consented_at: str = ""
    source: str = ""


class UnreadableDate(ValueError):
    """A consent date that cannot be trusted; the message says why, for people."""


def csv_text(raw: bytes) -> str:
    """The text of an uploaded file: UTF-8, else Windows-1252 (what Excel writes in France)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def subscribers_import(*, text: str, source: str) -> ImportReport:
    """Add confirmed subscribers from CSV text; existing addresses keep their state.

    Duplicates (in the file or already known) are merged into one row; an address that left
    the list or bounced is never re-subscribed by an import. Invalid rows, and rows whose
    consent date cannot be read, are reported and left out. A row's own « source » replaces
    the one given for the whole file.
    """
    report = ImportReport()
    now = timezone.now()
    default_source = clean_source(source)
    seen: set[str] = set()
    rows: list[tuple[str, datetime, str]] = []
    for row in _rows(text):
        email = normalise_address(row.email)
        reason = _problem(email)
        consented = None
        if not reason:
            try:
                consented = consent_date(row.consented_at, now=now)
            except UnreadableDate as exc:
                reason = str(exc)
        if reason:
            report.invalid.append((row.line, row.email[:254], reason))
            continue
        if email in seen:
            report.merged += 1
            continue
        seen.add(email)
        rows.append((email, consented or now, clean_source(row.source) or default_source))
        if len(seen) > MAX_ROWS:
            report.invalid.append((row.line, "", _("Fichier trop long : import arrêté.")))
            break
    with transaction.atomic():
        for start in range(0, len(rows), 1000):
            chunk = rows[start : start + 1000]
            known = set(
                Subscriber.objects.filter(email__in=[row[0] for row in chunk]).values_list(
                    "email", flat=True
                )
            )
            report.merged += len(known)
            new = [
                Subscriber(
                    email=email,
                    status=Subscriber.Status.CONFIRMED,
                    source=row_source,
                    consent_text=_("Consentement recueilli hors du site : %(source)s")
                    % {"source": row_source},
                    consent_version="import",
                    consented_at=consented,
                    confirmed_at=now,
                )
                for email, consented, row_source in chunk
                if email not in known
            ]
            Subscriber.objects.bulk_create(new, ignore_conflicts=True)
            report.created += len(new)
        transaction.on_commit(figures_changed)
    return report


def consent_date(raw: str, *, now: datetime) -> datetime | None:
    """The consent time written in a cell (ISO 8601 or French day-first); None when empty.

    Raises UnreadableDate when the cell cannot be read, names a day that does not exist or a
    time still to come: a consent date is evidence, never guessed.
    """
    raw = raw.strip()
    if not raw:
        return None
    try:
        value = _parse_date(raw)
    except ValueError:
        raise UnreadableDate(
            _("date de consentement impossible : « %(value)s » n’existe pas") % {"value": raw[:40]}
        ) from None
    if value is None:
        raise UnreadableDate(
            _(
                "date de consentement illisible : « %(value)s » (formats acceptés : "
                "2024-12-31, 2024-12-31 10:00, 31/12/2024, 31/12/2024 10:00)"
            )
            % {"value": raw[:40]}
        )
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > now:
        raise UnreadableDate(
            _("date de consentement à venir : « %(value)s »") % {"value": raw[:40]}
        )
    return value


def clean_source(raw: str) -> str:
    """A provenance fit to store: one line of printable text, within the column's length."""
    text = "".join(
        " " if unicodedata.category(char).startswith(("C", "Z")) else char
        for char in unicodedata.normalize("NFC", raw or "")
    )
    return " ".join(text.split())[:SOURCE_MAX_LENGTH].strip()


def subscribers_csv(subscribers: Iterable[Subscriber]) -> Iterator[str]:
    """CSV lines for an export (streamed, one row at a time)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def line(values) -> str:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(values)
        return buffer.getvalue()

    yield line(EXPORT_FIELDS)
    for subscriber in subscribers:
        values = [getattr(subscriber, name) for name in EXPORT_FIELDS]
        yield line([v.isoformat() if isinstance(v, datetime) else _safe(v) for v in values])


def _safe(value) -> str:
    # Neutralise spreadsheet formulas in exported cells.
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in {"=", "+", "-", "@"} else text


def _rows(text: str) -> Iterator[Row]:
    text = text.replace("\x00", "")
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text))
    header = None
    first = True
    for number, row in enumerate(reader, start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if first:
            first = False
            names = [cell.strip().lower() for cell in row]
            if EMAIL_HEADERS & set(names):
                header = ["email" if name in EMAIL_HEADERS else name for name in names]
                continue
        if header:
            data = dict(zip(header, row, strict=False))
            yield Row(
                number,
                data.get("email", ""),
                data.get("consented_at", ""),
                data.get("source", ""),
            )
        else:
            yield Row(number, row[0])


def _delimiter(text: str) -> str:
    """Comma, semicolon (Excel in French) or tab, as the first line shows."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    try:
        return csv.Sniffer().sniff(first_line, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


def _parse_date(raw: str) -> datetime | None:
    """ISO 8601 or day/month/year; ValueError when well formed but not a real date."""
    value = parse_datetime(raw)
    if value is not None:
        return value
    day = parse_date(raw)
    if day is not None:
        return datetime.combine(day, time())
    match = FRENCH_DATE.fullmatch(raw)
    if match is None:
        return None
    parts = {name: int(number or 0) for name, number in match.groupdict().items()}
    return datetime(
        parts["year"],
        parts["month"],
        parts["day"],
        parts["hour"],
        parts["minute"],
        parts["second"],
        tzinfo=timezone.get_current_timezone(),
    )


def _problem(email: str) -> str:
    if not email:
        return _("adresse vide")
    if len(email) > 254 or any(char in email for char in "\r\n\x00"):
        return _("adresse non valide")
    try:
        validate_email(email)
    except ValidationError:
        return _("adresse non valide")
    if blocked_domain(email):
        return _("domaine refusé (adresse jetable)")
    return ""
