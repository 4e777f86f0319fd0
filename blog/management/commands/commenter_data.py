"""Export or erase what is stored about one commenter, found by e-mail address."""

import json

from django.core.management.base import BaseCommand

from blog.comments.services import commenter_erase, commenter_export


class Command(BaseCommand):
    help = "Exporte (JSON) ou efface les données d’un commentateur, à partir de son adresse e-mail."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument(
            "--erase",
            action="store_true",
            help="Anonymise ses commentaires (nom, e-mail, site, adresse IP, suivi).",
        )

    def handle(self, *args, email: str, erase: bool, **options):
        if erase:
            count = commenter_erase(email=email)
            self.stdout.write(f"{count} commentaire(s) anonymisé(s).")
            return
        self.stdout.write(json.dumps(commenter_export(email=email), ensure_ascii=False, indent=2))
