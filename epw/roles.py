"""The three editorial roles, as auth groups with their permissions.

Created after every `migrate` (post_migrate: missing groups and permissions are added, an
editor's extra grants are kept); `manage.py sync_roles` resets them to exactly this list.
Group names are stored in French, the source language: they are what editors see in the admin.
"""

from django.contrib.auth.management import create_permissions

EDITOR_IN_CHIEF = "Rédaction en chef"
WRITER = "Rédacteur"
MODERATOR = "Modérateur"

# Rédaction en chef: every permission of the editorial apps.
EDITOR_IN_CHIEF_APPS = (
    "blog",
    "contributors",
    "taggit",
    "django_comments",
    "django_comments_xtd",
    "newsletter",
    "redirects",
    "fediverse",
)
# Rédacteur: write and submit for review; no publishing, no deleting published work.
WRITER_PERMISSIONS = (
    "blog.add_article",
    "blog.change_article",
    "blog.view_article",
    "blog.view_category",
    "blog.view_page",
    "blog.add_libraryimage",
    "blog.change_libraryimage",
    "blog.view_libraryimage",
    "taggit.add_tag",
    "taggit.view_tag",
    "contributors.view_contributor",
)
# Modérateur: comments only.
MODERATOR_PERMISSIONS = (
    "django_comments.can_moderate",
    "django_comments.view_comment",
    "django_comments.change_comment",
    "django_comments.view_commentflag",
    "django_comments_xtd.view_xtdcomment",
    "django_comments_xtd.change_xtdcomment",
)


def sync_roles(apps, *, reset: bool = True) -> None:
    """Create the groups if needed and give them their permissions (exactly, with `reset`)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for app_config in apps.get_app_configs():
        # Permissions are normally created after migrations; make sure they exist now.
        app_config.models_module = getattr(app_config, "models_module", None) or True
        create_permissions(app_config, apps=apps, verbosity=0)

    def by_names(names):
        wanted = {tuple(name.split(".", 1)) for name in names}
        return [
            perm
            for perm in Permission.objects.select_related("content_type")
            if (perm.content_type.app_label, perm.codename) in wanted
        ]

    roles = {
        EDITOR_IN_CHIEF: list(
            Permission.objects.filter(content_type__app_label__in=EDITOR_IN_CHIEF_APPS)
        ),
        WRITER: by_names(WRITER_PERMISSIONS),
        MODERATOR: by_names(MODERATOR_PERMISSIONS),
    }
    for name, permissions in roles.items():
        group, _created = Group.objects.get_or_create(name=name)
        if reset:
            group.permissions.set(permissions)
        else:
            group.permissions.add(*permissions)
