"""The main and footer menus: one admin page each, its links in order as inline rows."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from blog.admin.site import ChromeInvalidatingAdmin
from blog.menus.models import Menu, MenuItem
from epw.core.admin_labels import NamedTabularInline


class MenuItemInline(NamedTabularInline):
    model = MenuItem
    fk_name = "menu"
    extra = 1
    ordering = ["position", "pk"]
    fields = ["position", "label", "parent", "category", "tag", "page", "article", "author", "url"]
    # Articles, tags and authors may be thousands: searched as one types, not listed.
    autocomplete_fields = ["tag", "article", "author"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "parent":
            # Only a saved top item of this menu can hold sub-items (one level).
            menu_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = MenuItem.objects.filter(
                menu_id=menu_id, parent=None
            ).select_related("category", "tag", "page", "article", "author")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Menu)
class MenuAdmin(ChromeInvalidatingAdmin):
    """Saving a menu and its rows refreshes the site chrome (after the admin's transaction)."""

    list_display = ["__str__", "item_count"]
    fieldsets = [
        (
            None,
            {
                "fields": ["slot"],
                "description": _(
                    "Tant qu’un menu n’a aucun lien, le site montre ses liens par défaut : "
                    "l’accueil, chaque catégorie, les étiquettes et « À propos » dans le menu "
                    "principal ; les pages marquées « lien dans le pied de page » et les "
                    "étiquettes dans le pied de page."
                ),
            },
        )
    ]
    inlines = [MenuItemInline]

    def get_readonly_fields(self, request, obj=None):
        return ["slot"] if obj else []

    @admin.display(description=_("liens"))
    def item_count(self, menu):
        return menu.items.count()
