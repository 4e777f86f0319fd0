"""What the search index keeps besides the articles themselves (see blog.search.index)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchQueue(models.Model):
    """An article whose search data must be derived again (its tags, authors or category, or,
    on SQLite, its text changed). Filled by signals and, on SQLite, by triggers; emptied by
    `blog.search.index.search_index_catch_up`. No foreign key: a deleted article is queued too."""

    article_id = models.BigIntegerField(_("article"), primary_key=True)

    class Meta:
        verbose_name = _("article à réindexer")
        verbose_name_plural = _("articles à réindexer")

    def __str__(self) -> str:
        return str(self.article_id)


class SearchWord(models.Model):
    """A word of the public articles, for « Vouliez-vous dire … ? » suggestions."""

    word = models.CharField(_("mot sans accents"), max_length=60, primary_key=True)
    display = models.CharField(_("mot tel qu’écrit"), max_length=60)

    class Meta:
        verbose_name = _("mot du site")
        verbose_name_plural = _("mots du site")

    def __str__(self) -> str:
        return self.display
