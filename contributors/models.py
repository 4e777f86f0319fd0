from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _


class ContributorQuerySet(models.QuerySet):
    def with_published_articles(self) -> "ContributorQuerySet":
        """Contributors credited on at least one public article."""
        from blog.models import Article

        return self.filter(articles__in=Article.objects.published()).distinct()


class Contributor(models.Model):
    """A public author profile: staff editor or guest columnist."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Rédaction")
        GUEST = "guest", _("Chroniqueur invité")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor",
        help_text=_("Compte d’administration lié, le cas échéant."),
    )
    display_name = models.CharField(_("nom affiché"), max_length=120)
    slug = models.SlugField(_("identifiant d’URL"), max_length=140, unique=True)
    kind = models.CharField(
        _("type"), max_length=10, choices=Kind.choices, default=Kind.STAFF, db_index=True
    )
    bio = models.TextField(_("biographie"), blank=True)
    photo = models.ImageField(_("photo"), upload_to="contributors/", blank=True)
    website = models.URLField(_("site web"), blank=True)
    mastodon = models.URLField(_("Mastodon"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = ContributorQuerySet.as_manager()

    class Meta:
        verbose_name = _("contributeur")
        verbose_name_plural = _("contributeurs")
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.display_name)[:140]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("contributors:contributor_detail", kwargs={"slug": self.slug})

    @property
    def initials(self) -> str:
        parts = [part for part in self.display_name.split() if part[:1].isalpha()]
        return "".join(part[0] for part in parts[:2]).upper()
