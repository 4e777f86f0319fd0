"""Admin registrations of the blog, split by area."""

from blog.admin import articles, menus, site  # noqa: F401
from blog.library import admin as library  # noqa: F401
