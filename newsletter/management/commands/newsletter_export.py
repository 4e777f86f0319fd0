import json

from django.core.management.base import BaseCommand, CommandError

from newsletter.services import subscriber_export


class Command(BaseCommand):
    help = "Print, as JSON, everything kept about one newsletter address (right of access)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        data = subscriber_export(email=email)
        if data is None:
            raise CommandError("No subscriber with this address.")
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
