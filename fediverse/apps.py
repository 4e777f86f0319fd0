from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FediverseConfig(AppConfig):
    name = "fediverse"
    verbose_name = _("Fédivers")

    def ready(self) -> None:
        # Deferred: the receivers import models, which load only once the registry is ready.
        from blog.signals import article_changed, article_published, article_unpublished
        from fediverse import publishing

        article_published.connect(
            publishing.article_published, dispatch_uid="fediverse.article_published"
        )
        article_changed.connect(
            publishing.article_changed, dispatch_uid="fediverse.article_changed"
        )
        article_unpublished.connect(
            publishing.article_unpublished, dispatch_uid="fediverse.article_unpublished"
        )
