from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")

    def ready(self) -> None:
        # All use the models, which exist only once the registry is ready.
        from blog import fragments, freshness, moderation
        from blog.comments import admin  # noqa: F401  (replaces xtd's comment admin)
        from blog.search import index  # its receivers name the models, loaded only now

        moderation.register()
        fragments.connect_signals()
        freshness.connect_signals()
        index.connect()
