from django.contrib import admin

from contributors.forms import ContributorAdminForm
from contributors.models import Contributor


@admin.register(Contributor)
class ContributorAdmin(admin.ModelAdmin):
    form = ContributorAdminForm
    list_display = ["display_name", "kind", "user"]
    list_filter = ["kind"]
    search_fields = ["display_name", "bio"]
    prepopulated_fields = {"slug": ["display_name"]}
    raw_id_fields = ["user"]
