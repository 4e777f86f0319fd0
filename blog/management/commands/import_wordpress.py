from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from blog.wordpress.importer import import_wordpress
from blog.wordpress.parser import WXRError
from blog.wordpress.report import Report


class Command(BaseCommand):
    help = gettext_lazy(
        "Importe un export WordPress (WXR 1.0, 1.1 ou 1.2) : auteurs, catégories, étiquettes, "
        "articles, pages, commentaires et médias ; peut être relancé sans doublons."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("export", type=Path, help=_("Le fichier XML exporté de WordPress."))
        parser.add_argument(
            "--media-dir",
            type=Path,
            help=_("Une copie du dossier wp-content/uploads du site WordPress."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Montre ce qui serait importé, sans rien enregistrer."),
        )
        parser.add_argument(
            "--keep-spam",
            action="store_true",
            help=_("Garde les commentaires indésirables ou à la corbeille, masqués."),
        )
        parser.add_argument(
            "--report",
            type=Path,
            help=_("Fichier où écrire le rapport (par défaut : import-wordpress-DATE.txt)."),
        )

    def handle(self, *args, **options) -> None:
        export: Path = options["export"]
        if not export.is_file():
            raise CommandError(_("Fichier introuvable : {path}").format(path=export))
        media_dir: Path | None = options["media_dir"]
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(_("Dossier de médias introuvable : {path}").format(path=media_dir))
        report_path: Path = options["report"] or Path(
            f"import-wordpress-{datetime.now().strftime('%Y%m%d-%H%M%S')}.txt"  # noqa: DTZ005
        )
        try:
            report = import_wordpress(
                export,
                media_dir=media_dir,
                dry_run=options["dry_run"],
                keep_spam=options["keep_spam"],
                progress_stream=self.stderr._out,
            )
        except WXRError as error:
            self._write(error.report, report_path)
            message = (
                _("Import interrompu : {error} Les éléments déjà importés sont conservés.")
                if error.partial
                else _("Import refusé : {error} Rien n’a été importé.")
            )
            raise CommandError(message.format(error=error)) from error
        self._write(report, report_path)

    def _write(self, report: Report, path: Path) -> None:
        text = report.render()
        path.write_text(text, encoding="utf-8")
        self.stdout.write(text)
        self.stdout.write(_("Rapport écrit dans {path}").format(path=path))
