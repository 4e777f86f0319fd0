import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Create the administrator account if it is missing and print how to log in. "
        "Reads DJANGO_SUPERUSER_USERNAME / _PASSWORD / _EMAIL; outside debug mode the "
        "password must come from the environment."
    )

    def handle(self, *args, **options) -> None:
        username = os.environ.get("DJANGO_SUPERUSER_USERNAME", "admin")
        password = os.environ.get("DJANGO_SUPERUSER_PASSWORD", "")
        email = os.environ.get("DJANGO_SUPERUSER_EMAIL", "admin@example.org")
        if not password:
            if not settings.DEBUG:
                raise CommandError("Set DJANGO_SUPERUSER_PASSWORD (debug mode is off).")
            password = "admin"
        User = get_user_model()
        user = User.objects.filter(username=username).first()
        if user is None:
            User.objects.create_superuser(username=username, email=email, password=password)
            state = "created"
        elif user.check_password(password):
            state = "exists"
        else:
            self.stdout.write(
                f"Admin account '{username}' exists with another password (unchanged)."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Admin account {state}: log in at /admin/ as '{username}' "
                f"with password '{password}'."
            )
        )
