"""Audience figures: daily aggregates, and the short-lived hashes that make visitors unique."""

from django.db import models
from django.utils.translation import gettext_lazy as _

SITE_SCOPE = 0  # AudienceVisitor.scope for the whole site; an article's pk otherwise


class AudienceDay(models.Model):
    """Page views and unique visitors of the whole public site on one day (Europe/Paris)."""

    day = models.DateField(_("jour"), unique=True)
    page_views = models.PositiveIntegerField(_("pages vues"), default=0)
    visitors = models.PositiveIntegerField(_("visiteurs uniques"), default=0)

    class Meta:
        verbose_name = _("audience du jour")
        verbose_name_plural = _("audience")
        ordering = ["-day"]

    def __str__(self) -> str:
        return self.day.isoformat()


class ArticleAudienceDay(models.Model):
    """Page views and unique visitors of one article on one day."""

    day = models.DateField(_("jour"))
    article = models.ForeignKey(
        "blog.Article",
        on_delete=models.CASCADE,
        related_name="audience_days",
        verbose_name=_("article"),
    )
    page_views = models.PositiveIntegerField(_("pages vues"), default=0)
    visitors = models.PositiveIntegerField(_("visiteurs uniques"), default=0)

    class Meta:
        verbose_name = _("audience d’un article")
        verbose_name_plural = _("audience des articles")
        ordering = ["-day", "-page_views"]
        constraints = [
            models.UniqueConstraint(fields=["day", "article"], name="article_audience_day_unique")
        ]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} #{self.article_id}"


class AudienceVisitor(models.Model):
    """A visitor seen on a day, as a keyed hash salted with that day; deleted two days later.

    Only there to count each visitor once per day across web processes; it never holds an
    address or a user agent, and the hash of one day cannot be matched with another day's.
    """

    day = models.DateField(_("jour"))
    scope = models.PositiveBigIntegerField(_("portée"), help_text=_("0 : tout le site."))
    digest = models.CharField(_("empreinte"), max_length=32)

    class Meta:
        verbose_name = _("visiteur du jour")
        verbose_name_plural = _("visiteurs du jour")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "scope", "digest"], name="audience_visitor_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day.isoformat()} {self.scope}"


class AudienceCursor(models.Model):
    """The one row saying up to which time bucket the cache buffer has been counted."""

    bucket = models.PositiveBigIntegerField(_("dernier créneau compté"), default=0)

    class Meta:
        verbose_name = _("curseur d’audience")
        verbose_name_plural = _("curseurs d’audience")

    def __str__(self) -> str:
        return str(self.bucket)
