from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from epw.backup import BackupError, backup_create, default_output


class Command(BaseCommand):
    help = gettext_lazy(
        "Écrit une archive de sauvegarde (base de données, fichiers média, manifeste avec "
        "sommes de contrôle) pendant que le site tourne."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help=_("Fichier à écrire, .tar ou .tar.gz (par défaut : var/backups/epw-DATE.tar.gz)."),
        )

    def handle(self, *args, output: Path | None, **options) -> None:
        output = output or default_output()
        try:
            manifest = backup_create(output=output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Sauvegarde écrite dans %(path)s (%(count)d fichiers).")
                % {"path": output, "count": len(manifest["files"])}
            )
        )
