"""What the blog announces to the apps above it, which it never imports.

`article_published` is sent, inside the publishing transaction, once an article has become
public: published now, or a scheduled article whose time has come (possibly more than once for
one article; receivers make their work idempotent). Argument: `article`.

`comment_published` is sent, inside the transaction, when a comment becomes public (approved by
a moderator, confirmed, or posted by a trusted commenter). Argument: `comment_id`.
"""

from django.dispatch import Signal

article_published = Signal()
comment_published = Signal()
