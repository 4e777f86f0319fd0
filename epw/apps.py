from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig, apps
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django_comments.apps import DjangoCommentsAdminConfig
from django_comments_xtd.apps import CommentsXtdConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig
from django_tasks_db.apps import TasksAppConfig
from reversion.apps import ReversionConfig
from taggit.apps import TaggitAppConfig

from epw.core.site import site_netloc


class EpwConfig(AppConfig):
    name = "epw"
    verbose_name = _("Site")
    default = True  # the configuration of `epw`; the others below rename third-party apps

    def ready(self):
        post_migrate.connect(sync_site, sender=self)
        # After the editorial apps' migrations (epw itself has no models, so no signal of its own).
        post_migrate.connect(ensure_roles, sender=apps.get_app_config("blog"))


def sync_site(*, using="default", **kwargs):
    """Keep the Site row (used in e-mailed links) in line with EPW_SITE_URL and EPW_SITE_NAME."""
    from django.conf import settings
    from django.contrib.sites.models import Site  # a model: not importable at app loading

    domain = site_netloc() or "localhost"
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID, defaults={"domain": domain, "name": settings.EPW_SITE_NAME}
    )
    Site.objects.clear_cache()


def ensure_roles(*, apps=None, **kwargs) -> None:
    """The editorial groups exist with at least their permissions after every migration."""
    from django.apps import apps as global_apps

    from epw.roles import sync_roles  # epw.roles reads auth models: not importable at app loading

    sync_roles(apps or global_apps, reset=False)


# Third-party apps under French names (the admin index, permission lists), listed in
# INSTALLED_APPS in place of their own configuration.


class CommentsConfig(DjangoCommentsAdminConfig):
    verbose_name = _("Commentaires (base)")


class CommentsModerationConfig(CommentsXtdConfig):
    verbose_name = _("Commentaires")


class TasksConfig(TasksAppConfig):
    verbose_name = _("Tâches de fond")


class RevisionsConfig(ReversionConfig):
    verbose_name = _("Versions des articles")


# Models whose own French names are missing or wrong (taggit's « Étiquette »/"tags", otp's "TOTP
# device"), renamed as the app is ready. Migrations record the names a model's Meta declares, not
# these, so the rename needs none.


class TagsConfig(TaggitAppConfig):
    verbose_name = _("Étiquettes")

    def ready(self):
        super().ready()
        rename_model(self.get_model("Tag"), _("étiquette"), _("étiquettes"))


class AdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "epw.staff.site.StaffAdminSite"  # second factor and its enrolment


class LoginAttemptsConfig(AxesConfig):
    verbose_name = _("Connexions")


class SecondFactorConfig(TOTPConfig):
    verbose_name = _("Double authentification")

    def ready(self):
        super().ready()
        rename_model(
            self.get_model("TOTPDevice"),
            _("application d’authentification"),
            _("applications d’authentification"),
        )


def rename_model(model, singular, plural) -> None:
    model._meta.verbose_name = singular
    model._meta.verbose_name_plural = plural
