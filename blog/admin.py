from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from blog.forms import ArticleAdminForm
from blog.models import Announcement, Article, Category, Page, SiteSettings
from epw.chrome import chrome_invalidate


class ChromeInvalidatingAdmin(admin.ModelAdmin):
    """Admin for models shown in the cached site chrome: saving refreshes it."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        chrome_invalidate()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        chrome_invalidate()


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    form = ArticleAdminForm
    list_display = ["title", "status", "published_at", "category", "featured"]
    list_filter = ["status", "category", "featured", "published_at"]
    search_fields = ["title", "standfirst"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    filter_horizontal = ["authors"]
    list_select_related = ["category"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "standfirst", "body", "authors", "category", "tags"]}),
        (_("Publication"), {"fields": ["status", "published_at", "updated_at", "featured"]}),
        (_("Couverture"), {"fields": ["cover", "cover_alt", "cover_credit"]}),
        (
            _("Avancé"),
            {
                "classes": ["collapse"],
                "fields": ["excerpt", "comments_open", "seo_title", "seo_description"],
            },
        ),
    ]


@admin.register(Category)
class CategoryAdmin(ChromeInvalidatingAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Page)
class PageAdmin(ChromeInvalidatingAdmin):
    list_display = ["title", "slug", "is_published", "in_footer", "position"]
    list_filter = ["is_published", "in_footer"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title"]


@admin.register(Announcement)
class AnnouncementAdmin(ChromeInvalidatingAdmin):
    list_display = ["title", "placement", "starts_at", "ends_at", "is_active", "position"]
    list_filter = ["placement", "is_active"]
    search_fields = ["title"]


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
    ]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


from blog.audience import admin as audience_admin  # noqa: E402, F401  (registers the audience page)
