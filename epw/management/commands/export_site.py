from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from epw.site_export import SiteExportError, default_output, site_export


class Command(BaseCommand):
    help = gettext_lazy(
        "Exporte tout le site dans une archive .zip : un export WordPress (WXR 1.2), un "
        "document JSON de toutes les données et les fichiers média, avec leurs sommes de "
        "contrôle. L’archive contient des données personnelles."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output",
            type=Path,
            help=_("Fichier .zip à écrire (par défaut : var/exports/epw-export-DATE.zip)."),
        )

    def handle(self, *args, output: Path | None, **options) -> None:
        output = output or default_output()
        if output.suffix.lower() != ".zip":
            raise CommandError(_("L’archive doit être un fichier .zip."))
        try:
            manifest = site_export(output=output, progress_stream=self.stderr._out)
        except SiteExportError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                _("Export écrit dans %(path)s (%(count)d fichiers).")
                % {"path": output, "count": len(manifest["files"])}
            )
        )
