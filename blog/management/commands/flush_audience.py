"""Count the page views buffered in the cache into the audience figures.

manage.py flush_audience              # once (cron: * * * * *)
manage.py flush_audience --every 60   # long-running, like the task worker (make audience)
"""

import time

from django.core.management.base import BaseCommand

from blog.audience.services import audience_flush


class Command(BaseCommand):
    help = "Count the page views buffered in the cache into the audience figures."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            help="run again every N seconds instead of stopping once",
        )

    def handle(self, *args, every: int, **options):
        while True:
            report = audience_flush()
            if options["verbosity"] > 1 or report.events:
                self.stdout.write(
                    f"{report.events} page views from {report.batches} batches counted."
                )
            if every <= 0:
                return
            time.sleep(every)
