"""The consent wording shown next to the signup form, versioned.

Change the text → bump the version: each subscriber keeps the exact wording and version they
accepted, with the time (see `Subscriber.consent_*`).
"""

from django.utils.translation import gettext_lazy as _

CONSENT_VERSION = "2026-01"
CONSENT_TEXT = _(
    "J’accepte de recevoir la newsletter du blog par e-mail. Mon adresse ne sert qu’à cela ; "
    "je peux me désabonner en un clic depuis chaque envoi."
)
