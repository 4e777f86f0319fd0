from django.apps import apps
from django.core.management.base import BaseCommand

from epw.roles import sync_roles


class Command(BaseCommand):
    help = "Re-create the editorial groups and their permissions (after adding an app)."

    def handle(self, *args, **options):
        sync_roles(apps)
        self.stdout.write("Rôles à jour.")
