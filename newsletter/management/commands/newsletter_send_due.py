from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from newsletter.models import Edition
from newsletter.tasks import send_edition, start_edition


class Command(BaseCommand):
    help = (
        "Enqueue the start of every scheduled edition whose time has come, and resume every "
        "send no worker has touched for a lease (a cron fallback for task backends that cannot "
        "defer work)."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        due = list(
            Edition.objects.filter(
                status=Edition.Status.SCHEDULED, scheduled_at__lte=now
            ).values_list("pk", flat=True)
        )
        for pk in due:
            start_edition.enqueue(edition_id=pk)
        stalled = list(
            Edition.objects.filter(
                status=Edition.Status.SENDING,
                heartbeat_at__lt=now - timedelta(seconds=settings.NEWSLETTER_LEASE_SECONDS),
            ).values_list("pk", flat=True)
        )
        for pk in stalled:
            send_edition.enqueue(edition_id=pk)
        self.stdout.write(f"Editions started: {len(due)}; sends resumed: {len(stalled)}.")
