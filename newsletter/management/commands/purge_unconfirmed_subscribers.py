from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand

from newsletter.services import subscribers_purge_unconfirmed


class Command(BaseCommand):
    help = "Delete newsletter signups never confirmed (default: NEWSLETTER_PENDING_DAYS days)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=settings.NEWSLETTER_PENDING_DAYS)

    def handle(self, *args, days: int, **options):
        deleted = subscribers_purge_unconfirmed(older_than=timedelta(days=days))
        self.stdout.write(f"Unconfirmed signups deleted: {deleted}.")
