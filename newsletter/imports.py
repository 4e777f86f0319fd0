"""CSV import and export of subscribers (admin), with a report of what was done."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from epw.chrome import chrome_invalidate
from newsletter.forms import blocked_domain, normalise_email
from newsletter.models import Subscriber

MAX_ROWS = 100_000
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


def subscribers_import(*, text: str, source: str) -> ImportReport:
    """Add confirmed subscribers from CSV text; existing addresses keep their state.

    Duplicates (in the file or already known) are merged into one row; an address that left
    the list or bounced is never re-subscribed by an import. Invalid rows are reported.
    """
    report = ImportReport()
    now = timezone.now()
    seen: set[str] = set()
    rows: list[tuple[str, datetime]] = []
    for line, raw_email, raw_date in _rows(text):
        email = normalise_email(raw_email)
        reason = _problem(email)
        if reason:
            report.invalid.append((line, raw_email[:254], reason))
            continue
        if email in seen:
            report.merged += 1
            continue
        seen.add(email)
        consented = parse_datetime(raw_date) if raw_date else None
        if consented is not None and timezone.is_naive(consented):
            consented = timezone.make_aware(consented)
        rows.append((email, consented or now))
        if len(seen) > MAX_ROWS:
            report.invalid.append((line, "", _("Fichier trop long : import arrêté.")))
            break
    with transaction.atomic():
        for start in range(0, len(rows), 1000):
            chunk = rows[start : start + 1000]
            known = set(
                Subscriber.objects.filter(email__in=[email for email, _d in chunk]).values_list(
                    "email", flat=True
                )
            )
            report.merged += len(known)
            new = [
                Subscriber(
                    email=email,
                    status=Subscriber.Status.CONFIRMED,
                    source=source[:50],
                    consent_text=_("Consentement recueilli hors du site : %(source)s")
                    % {"source": source},
                    consent_version="import",
                    consented_at=consented,
                    confirmed_at=now,
                )
                for email, consented in chunk
                if email not in known
            ]
            Subscriber.objects.bulk_create(new, ignore_conflicts=True)
            report.created += len(new)
        transaction.on_commit(chrome_invalidate)
    return report


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


def _rows(text: str) -> Iterator[tuple[int, str, str]]:
    reader = csv.reader(io.StringIO(text.replace("\x00", "")))
    header = None
    for number, row in enumerate(reader, start=1):
        if not row or not any(cell.strip() for cell in row):
            continue
        if header is None and number == 1 and "email" in [c.strip().lower() for c in row]:
            header = [c.strip().lower() for c in row]
            continue
        if header:
            data = dict(zip(header, row, strict=False))
            yield number, data.get("email", ""), data.get("consented_at", "")
        else:
            yield number, row[0], ""


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
