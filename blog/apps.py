from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = _("Blog")

    def ready(self) -> None:
        from blog import moderation
        from blog.comments import admin  # noqa: F401  (replaces xtd's comment admin)

        moderation.register()
        post_migrate.connect(ensure_roles, sender=self)


def ensure_roles(*, apps=None, **kwargs) -> None:
    """The editorial groups exist with at least their permissions after every migration."""
    from django.apps import apps as global_apps

    from blog.roles import sync_roles

    sync_roles(apps or global_apps, reset=False)
