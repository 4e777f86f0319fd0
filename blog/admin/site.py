from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blog import services
from blog.forms import AnnouncementAdminForm, PageAdminForm
from blog.models import Announcement, Category, Page, SiteSettings
from epw.core.admin_labels import NamedInputsAdmin
from epw.core.versioning import VersionCheckedAdmin


class ChromeInvalidatingAdmin(admin.ModelAdmin):
    """Admin for models shown in the cached site chrome: saving refreshes it."""

    def save_model(self, request, obj, form, change):
        services.site_item_save(item=obj)

    def delete_model(self, request, obj):
        services.site_items_delete(items=[obj])

    def delete_queryset(self, request, queryset):
        services.site_items_delete(items=queryset)


@admin.register(Category)
class CategoryAdmin(ChromeInvalidatingAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}

    def view_on_site(self, category):
        """The page's address on this host (not through the Site row's domain)."""
        return category.get_absolute_url()


@admin.register(Page)
class PageAdmin(VersionCheckedAdmin, ChromeInvalidatingAdmin):
    form = PageAdminForm
    list_display = ["title", "slug", "is_published", "in_footer", "position"]
    list_filter = ["is_published", "in_footer"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title"]

    def view_on_site(self, page):
        """The page's address on this host; none while the page is not published."""
        return page.get_absolute_url() if page.is_published else None


@admin.register(Announcement)
class AnnouncementAdmin(NamedInputsAdmin, ChromeInvalidatingAdmin):
    form = AnnouncementAdminForm
    list_display = [
        "title", "placement", "position", "starts_at", "ends_at", "is_active", "is_showing",
    ]  # fmt: skip
    list_editable = ["position", "is_active"]
    list_filter = ["placement", "is_active"]
    search_fields = ["title", "body"]
    date_hierarchy = "starts_at"
    fieldsets = [
        (None, {"fields": ["title", "body", "link_url", "link_label"]}),
        (
            _("Affichage"),
            {"fields": ["placement", "position", "starts_at", "ends_at", "is_active"]},
        ),
    ]

    @admin.display(description=_("affichée maintenant"), boolean=True)
    def is_showing(self, announcement):
        return announcement.is_showing()


@admin.register(SiteSettings)
class SiteSettingsAdmin(ChromeInvalidatingAdmin):
    fieldsets = [
        (None, {"fields": ["tagline"]}),
        (
            _("Encadré « À propos »"),
            {
                "fields": [
                    "about_blurb",
                    "founded_year",
                    "sessions_per_month",
                    "pageviews_per_month",
                    "subscribers_count",
                    "extra_figure",
                ]
            },
        ),
        (
            _("Réseaux sociaux"),
            {
                "fields": [
                    "hashtag",
                    "mastodon_url",
                    "bluesky_url",
                    "linkedin_url",
                    "facebook_url",
                    "twitter_url",
                ]
            },
        ),
        (_("Appels à l’action"), {"fields": ["columnist_call_text", "newsletter_call_text"]}),
        (
            _("Fédivers"),
            {"fields": ["fediverse_username", "fediverse_approve_followers"]},
        ),
        (_("Sécurité"), {"fields": ["require_second_factor"]}),
    ]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def changelist_view(self, request, extra_context=None):
        """There is one row: go straight to it (or to its creation)."""
        if SiteSettings.objects.exists():
            return redirect(reverse("admin:blog_sitesettings_change", args=[1]))
        return redirect(reverse("admin:blog_sitesettings_add"))

    def has_delete_permission(self, request, obj=None):
        return False


from blog.audience import admin as audience_admin  # noqa: E402, F401  (registers the audience page)
