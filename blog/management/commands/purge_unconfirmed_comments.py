"""Delete comments whose address was never confirmed, after the configured delay."""

from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from blog.comments.services import comments_purge_unconfirmed


class Command(BaseCommand):
    help = "Supprime les commentaires jamais confirmés, passé le délai réglé."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.EPW_COMMENTS_PURGE_UNCONFIRMED_AFTER_DAYS,
            help="Âge minimal (en jours) des commentaires à supprimer.",
        )

    def handle(self, *args, days: int, **options):
        count = comments_purge_unconfirmed(older_than=timedelta(days=days))
        self.stdout.write(f"{count} commentaire(s) non confirmé(s) supprimé(s).")
