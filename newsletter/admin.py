from django.contrib import admin

from newsletter.models import Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "status", "source", "created_at", "confirmed_at"]
    list_filter = ["status", "source"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    readonly_fields = ["consent_text", "consent_version", "consented_at", "created_at"]
