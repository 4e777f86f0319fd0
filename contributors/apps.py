from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributorsConfig(AppConfig):
    name = "contributors"
    verbose_name = _("Contributeurs")

    def ready(self) -> None:
        # Deferred: these modules import models, which load only once the registry is ready.
        from blog import signals
        from contributors import receivers

        signals.article_published.connect(
            receivers.article_published, dispatch_uid="contributors.article_published"
        )
