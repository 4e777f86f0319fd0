from axes.apps import AppConfig as AxesConfig
from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _
from django_comments.apps import DjangoCommentsAdminConfig
from django_comments_xtd.apps import CommentsXtdConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TOTPConfig
from django_tasks_db.apps import TasksAppConfig
from reversion.apps import ReversionConfig
from taggit.apps import TaggitAppConfig


class EpwConfig(AppConfig):
    name = "epw"
    verbose_name = _("Site")
    default = True  # the configuration of `epw`; the others below rename third-party apps

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


class TagsConfig(TaggitAppConfig):
    verbose_name = _("Étiquettes")


class AdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "epw.staff.site.StaffAdminSite"  # second factor and its enrolment


class LoginAttemptsConfig(AxesConfig):
    verbose_name = _("Connexions")


class SecondFactorConfig(TOTPConfig):
    verbose_name = _("Double authentification")
