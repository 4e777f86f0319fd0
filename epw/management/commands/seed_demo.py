from django.core.management.base import BaseCommand

from epw.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Fill the database with the French demo content (safe to run again)."

    def handle(self, *args, **options) -> None:
        created = seed_demo()
        summary = ", ".join(f"{name}: {count}" for name, count in created.items())
        self.stdout.write(self.style.SUCCESS(f"Demo content ready (created {summary})."))
