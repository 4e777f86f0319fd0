from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EpwConfig(AppConfig):
    name = "epw"
    verbose_name = _("Site")
