from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from blog.signals import article_published


class ContributorsConfig(AppConfig):
    name = "contributors"
    verbose_name = _("Contributeurs")

    def ready(self) -> None:
        # Deferred: the receivers import models, which load only once the registry is ready.
        from contributors import receivers

        article_published.connect(
            receivers.article_published, dispatch_uid="contributors.article_published"
        )
