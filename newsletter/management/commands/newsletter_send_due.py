from django.core.management.base import BaseCommand
from django.utils import timezone

from newsletter.models import Edition
from newsletter.tasks import start_edition


class Command(BaseCommand):
    help = (
        "Enqueue the start of every scheduled edition whose time has come (a cron fallback for "
        "task backends that cannot defer work)."
    )

    def handle(self, *args, **options):
        due = Edition.objects.filter(
            status=Edition.Status.SCHEDULED, scheduled_at__lte=timezone.now()
        ).values_list("pk", flat=True)
        for pk in due:
            start_edition.enqueue(edition_id=pk)
        self.stdout.write(f"{len(due)} edition(s) started.")
