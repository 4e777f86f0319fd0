"""Answer a personal data request for one e-mail address: export it all, or erase it all."""

import json
import shutil
from pathlib import Path, PurePath

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from epw.personal_data import (
    InvalidAddress,
    personal_data_erase,
    personal_data_export,
    personal_data_files,
)


class Command(BaseCommand):
    help = (
        "Exporte (JSON) ou efface tout ce que le site conserve sur une adresse e-mail : "
        "commentaires, abonnement, propositions et fichiers, historique de l’admin, tâches."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["export", "erase"])
        parser.add_argument("email")
        parser.add_argument("--output", help="Écrit l’export dans ce fichier (sinon à l’écran).")
        parser.add_argument(
            "--with-files", metavar="DIR", help="Copie aussi les fichiers envoyés dans ce dossier."
        )
        parser.add_argument(
            "--yes", action="store_true", help="Efface sans demander de confirmation."
        )

    def handle(self, *args, action: str, email: str, **options):
        try:
            if action == "export":
                self.export(email, output=options["output"], files_dir=options["with_files"])
            else:
                self.erase(email, confirmed=options["yes"])
        except InvalidAddress as error:
            raise CommandError(str(error)) from None

    def export(self, email: str, *, output: str | None, files_dir: str | None) -> None:
        document = json.dumps(personal_data_export(email=email), ensure_ascii=False, indent=2)
        if output:
            Path(output).write_text(document + "\n", encoding="utf-8")
        else:
            self.stdout.write(document)
        if files_dir:
            folder = Path(files_dir)
            folder.mkdir(parents=True, exist_ok=True)
            for file in personal_data_files(email=email):
                try:
                    source = file.open("rb")
                except FileNotFoundError:
                    self.stderr.write(_("Fichier introuvable : %(name)s") % {"name": file.name})
                    continue
                with source, (folder / PurePath(file.name).name).open("wb") as copy:
                    shutil.copyfileobj(source, copy)

    def erase(self, email: str, *, confirmed: bool) -> None:
        if not confirmed:
            answer = input(_("Tout effacer pour %(email)s ? Tapez « oui » : ") % {"email": email})
            if answer.strip().lower() not in {"oui", "yes"}:
                raise CommandError(_("Rien n’a été effacé."))
        erasure = personal_data_erase(email=email)
        for line in erasure.lines():
            self.stdout.write(line)
        if not erasure.total:
            self.stdout.write(_("Rien à effacer : le site ne conserve rien sur cette adresse."))
