"""The admin site's own names, and third-party models editors never need taken out of it."""

import django_comments_xtd.admin  # noqa: F401  (registers its models first)
import django_tasks_db.admin  # noqa: F401
from django.conf import settings
from django.contrib import admin
from django.utils.functional import lazy
from django.utils.translation import gettext, gettext_lazy
from django_comments.models import CommentFlag
from django_comments_xtd.models import BlackListedDomain
from django_tasks_db.models import DBTaskResult


def _site_administration() -> str:
    return gettext("%(site)s · administration") % {"site": settings.EPW_SITE_NAME}


admin.site.site_header = admin.site.site_title = lazy(_site_administration, str)()
admin.site.index_title = gettext_lazy("Tableau de bord")

# Flagging is switched off (COMMENTS_XTD_APP_MODEL_OPTIONS) and EPW keeps its own lists of
# refused domains (EPW_COMMENTS_DISALLOWED_DOMAINS): nobody ever fills these tables. Task
# results are for whoever runs the server (`manage.py db_worker`), not for the newsroom.
for model in (CommentFlag, BlackListedDomain, DBTaskResult):
    if admin.site.is_registered(model):
        admin.site.unregister(model)
