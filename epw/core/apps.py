from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "epw.core"
    label = "epw_core"
    verbose_name = _("Formulaires publics")
