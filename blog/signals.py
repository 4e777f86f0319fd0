"""What the blog announces to the apps above it, which it never imports.

`article_published` is sent, inside the publishing transaction, once an article has become
public: published now, or a scheduled article whose time has come (possibly more than once for
one article; receivers make their work idempotent). Argument: `article`.
"""

from django.dispatch import Signal

article_published = Signal()
