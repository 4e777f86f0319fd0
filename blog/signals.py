"""What the blog announces to the apps above it, which it never imports.

Each is sent inside the transaction of the change, with one argument (`article`, unless said):

- `article_published`: an article has become public: published now, or a scheduled article
  whose time has come (possibly more than once for one article; receivers make their work
  idempotent).
- `article_changed`: a public article was saved or retagged (its text, cover, authors or tags
  may differ or not: receivers compare with what they last used).
- `article_unpublished`: an article was taken off the site (it may never have been public: a
  scheduled article whose time had not come).
- `comment_published`: a comment became public (approved by a moderator, confirmed, or posted
  by a trusted commenter). Its one argument is `comment_id`.
"""

from django.dispatch import Signal

article_published = Signal()
article_changed = Signal()
article_unpublished = Signal()
comment_published = Signal()
