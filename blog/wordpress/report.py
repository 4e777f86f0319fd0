"""What an import did: counts per kind and outcome, warnings, and a progress line while it runs."""

import time
from collections import Counter
from typing import TextIO

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

OUTCOMES = ("created", "updated", "unchanged", "conflict", "skipped")
KEPT_WARNINGS = 1000  # beyond this, warnings are only counted (memory stays flat)


def kind_labels() -> dict[str, str]:
    return {
        "author": _("Auteurs"),
        "category": _("Catégories"),
        "tag": _("Étiquettes"),
        "attachment": _("Fichiers joints"),
        "post": _("Articles"),
        "page": _("Pages"),
        "comment": _("Commentaires"),
        "menu": _("Liens de menu"),
        "other": _("Autres éléments"),
    }


FEMININE_KINDS = {"category", "tag", "page"}  # catégories, étiquettes, pages


def outcome_figure(kind: str, outcome: str, count: int) -> str:
    """``3 importés``, ``1 importée``…: agreed with the kind's gender and the count."""
    if kind in FEMININE_KINDS:
        forms = {
            "created": ngettext("{count} importée", "{count} importées", count),
            "updated": ngettext("{count} mise à jour", "{count} mises à jour", count),
            "unchanged": ngettext("{count} inchangée", "{count} inchangées", count),
            "skipped": ngettext("{count} ignorée", "{count} ignorées", count),
            "conflict": ngettext("{count} en conflit", "{count} en conflit", count),
        }
    else:
        forms = {
            "created": ngettext("{count} importé", "{count} importés", count),
            "updated": ngettext("{count} mis à jour", "{count} mis à jour", count),
            "unchanged": ngettext("{count} inchangé", "{count} inchangés", count),
            "skipped": ngettext("{count} ignoré", "{count} ignorés", count),
            "conflict": ngettext("{count} en conflit", "{count} en conflit", count),
        }
    return forms[outcome].format(count=count)


class Report:
    """Counts per (kind, outcome) and the warnings met on the way."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, str]] = Counter()
        self.warnings: list[str] = []
        self.warning_count = 0
        self.dry_run = False
        self.error = ""

    def count(self, kind: str, outcome: str, number: int = 1) -> None:
        if number:
            self.counts[(kind, outcome)] += number

    def warn(self, message: str) -> None:
        self.warning_count += 1
        if len(self.warnings) < KEPT_WARNINGS:
            self.warnings.append(message)

    def get(self, kind: str, outcome: str) -> int:
        return self.counts[(kind, outcome)]

    def render(self) -> str:
        lines = [
            _("Import WordPress : simulation, rien n’a été enregistré.")
            if self.dry_run
            else _("Import WordPress : rapport.")
        ]
        if self.error:
            lines.append(_("Arrêté sur une erreur : {error}").format(error=self.error))
        for kind, label in kind_labels().items():
            figures = [
                outcome_figure(kind, outcome, self.get(kind, outcome))
                for outcome in OUTCOMES
                if self.get(kind, outcome)
            ]
            if figures:
                lines.append(f"{label} : {', '.join(figures)}")
        lines.append(_("Avertissements : {count}").format(count=self.warning_count))
        lines.extend(f"- {warning}" for warning in self.warnings)
        if self.warning_count > len(self.warnings):
            lines.append(
                _("… et {count} autres.").format(count=self.warning_count - len(self.warnings))
            )
        return "\n".join(lines) + "\n"


class Progress:
    """A progress line on ``stream``: redrawn in place on a terminal, else every few seconds."""

    def __init__(self, stream: TextIO, *, total_bytes: int, interval: float = 5.0):
        self.stream = stream
        self.total = max(total_bytes, 1)
        self.interactive = stream.isatty()
        self.interval = 0.2 if self.interactive else interval
        self.started = time.monotonic()
        self.last = 0.0
        self.items = 0
        self.label = ""

    def start(self, label: str) -> None:
        self.label = label
        self.items = 0
        self.started = time.monotonic()
        self.last = 0.0

    def step(self, position: int) -> None:
        self.items += 1
        now = time.monotonic()
        if now - self.last >= self.interval:
            self.last = now
            self._draw(position, now)

    def finish(self) -> None:
        self._draw(self.total, time.monotonic())
        if self.interactive:
            self.stream.write("\n")
        self.stream.flush()

    def _draw(self, position: int, now: float) -> None:
        elapsed = max(now - self.started, 1e-6)
        done = min(position / self.total, 1.0)
        remaining = elapsed * (1 - done) / done if done else 0
        width = 30
        bar = "#" * int(done * width)
        line = _(
            "{label} [{bar}] {percent} % · {items} éléments · {rate}/s · reste {eta} s"
        ).format(
            label=self.label,
            bar=bar.ljust(width, "."),
            percent=int(done * 100),
            items=self.items,
            rate=int(self.items / elapsed),
            eta=int(remaining),
        )
        self.stream.write(("\r" + line) if self.interactive else line + "\n")
        self.stream.flush()
