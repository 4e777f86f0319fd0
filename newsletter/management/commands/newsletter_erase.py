from django.core.management.base import BaseCommand, CommandError

from newsletter.services import subscriber_erase


class Command(BaseCommand):
    help = "Erase one newsletter address and its delivery history (right to erasure)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email: str, **options):
        if not subscriber_erase(email=email):
            raise CommandError("No subscriber with this address.")
        self.stdout.write("Erased.")
