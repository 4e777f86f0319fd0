import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from epw.backup import (
    BackupError,
    archive_restore,
    archive_verify,
    installation_contents,
    restore_check,
)


class Command(BaseCommand):
    help = gettext_lazy(
        "Reconstruit une installation vide à partir d'une archive de « manage.py backup » ; "
        "arrêtez le site et les tâches de fond pendant la restauration."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("archive", type=Path, help=_("L'archive à restaurer."))
        parser.add_argument("--yes", action="store_true", help=_("Ne demande pas de confirmation."))
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Remplace aussi une installation qui contient déjà des données."),
        )

    def handle(self, *args, archive: Path, yes: bool, force: bool, **options) -> None:
        try:
            manifest = archive_verify(path=archive)
            restore_check(manifest=manifest)
            contents = installation_contents()
            if contents and not force:
                raise CommandError(
                    _(
                        "Cette installation n'est pas vide (%(contents)s) : restauration refusée. "
                        "Relancez avec --force pour la remplacer."
                    )
                    % {"contents": ", ".join(contents)}
                )
            if not yes:
                self._confirm(manifest["created_at"])
            migrated = archive_restore(path=archive, manifest=manifest)
        except BackupError as error:
            raise CommandError(str(error)) from error
        message = _("Restauration terminée : %(count)d fichiers restaurés.") % {
            "count": len(manifest["files"])
        }
        if migrated:
            message += " " + _("Les migrations plus récentes que l'archive ont été appliquées.")
        self.stdout.write(self.style.SUCCESS(message))

    def _confirm(self, created_at: str) -> None:
        if not sys.stdin.isatty():
            raise CommandError(_("Confirmation impossible sans terminal : ajoutez --yes."))
        question = _("Restaurer la sauvegarde du %(date)s ici ? Tapez « oui » pour continuer : ")
        if input(question % {"date": created_at}).strip().lower() not in {"oui", "yes"}:
            raise CommandError(_("Restauration annulée."))
