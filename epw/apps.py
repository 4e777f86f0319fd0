from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class EpwConfig(AppConfig):
    name = "epw"
    verbose_name = _("Site")

    def ready(self):
        post_migrate.connect(sync_site, sender=self)


def sync_site(*, using="default", **kwargs):
    """Keep the Site row (used in e-mailed links) in line with EPW_SITE_URL and EPW_SITE_NAME."""
    from urllib.parse import urlsplit

    from django.conf import settings
    from django.contrib.sites.models import Site

    domain = urlsplit(settings.EPW_SITE_URL).netloc or "localhost"
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.EPW_SITE_NAME}
    )
    Site.objects.clear_cache()
