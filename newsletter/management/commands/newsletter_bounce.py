from django.core.management.base import BaseCommand, CommandError

from epw.core.mail import normalise_address
from newsletter.models import Subscriber
from newsletter.services import subscriber_mark_undeliverable


class Command(BaseCommand):
    help = "Record bounces (or, with --complaint, spam complaints) for the given addresses."

    def add_arguments(self, parser):
        parser.add_argument("emails", nargs="+")
        parser.add_argument("--complaint", action="store_true")

    def handle(self, *args, emails: list[str], complaint: bool, **options):
        status = Subscriber.Status.COMPLAINED if complaint else Subscriber.Status.BOUNCED
        missing = []
        for email in emails:
            subscriber = Subscriber.objects.filter(email__iexact=normalise_address(email)).first()
            if subscriber is None:
                missing.append(email)
                continue
            subscriber_mark_undeliverable(subscriber=subscriber, status=status)
            self.stdout.write(f"{subscriber.email}: {status}")
        if missing:
            raise CommandError(f"Unknown address(es): {', '.join(missing)}")
