from django.core.management.base import BaseCommand

from contributors.privacy import submissions_purge


class Command(BaseCommand):
    help = "Delete expired declined, unconfirmed and abandoned submissions and their files."

    def handle(self, *args, **options):
        count = submissions_purge()
        self.stdout.write(f"{count} submission(s) deleted.")
