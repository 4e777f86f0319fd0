from datetime import timedelta

from django.core.management.base import BaseCommand

from fediverse.services import records_purge


class Command(BaseCommand):
    help = (
        "Delete the fediverse activities received more than --received-days ago (default 7) "
        "and the finished deliveries of activities older than --sent-days (default 30)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--received-days", type=int, default=7)
        parser.add_argument("--sent-days", type=int, default=30)

    def handle(self, *args, received_days: int, sent_days: int, **options):
        received, sent = records_purge(
            received_before=timedelta(days=received_days), sent_before=timedelta(days=sent_days)
        )
        self.stdout.write(f"Received activities deleted: {received}; finished deliveries: {sent}.")
