"""Admin registrations of the blog, split by area."""

from blog.admin import articles, site  # noqa: F401
