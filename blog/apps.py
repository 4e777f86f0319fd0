from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")

    def ready(self) -> None:
        from blog import moderation
        from blog.comments import admin  # noqa: F401  (replaces xtd's comment admin)

        moderation.register()
