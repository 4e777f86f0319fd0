from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from blog.images import validate_image
from blog.renditions import get_renditions
from epw.core.uploads import RandomName

# Bodies show an image at most this wide: the editor inserts this rendition, not the upload.
BODY_WIDTH = 1200


class LibraryImage(models.Model):
    file = models.ImageField(
        _("image"),
        upload_to=RandomName("bibliotheque/%Y/%m/"),
        width_field="width",
        height_field="height",
        validators=[validate_image],
    )
    width = models.PositiveIntegerField(null=True, editable=False)
    height = models.PositiveIntegerField(null=True, editable=False)
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=250,
        help_text=_("Décrit l’image pour les personnes qui ne la voient pas."),
    )
    caption = models.CharField(_("légende"), max_length=300, blank=True)
    credit = models.CharField(_("crédit"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("envoyée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
    )
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.alt_text

    def body_url(self) -> str:
        """The address the editor puts in a body: a rendition no wider than BODY_WIDTH."""
        renditions = get_renditions(self.file, (BODY_WIDTH,))
        return renditions.largest.url if renditions else self.file.url

    def thumbnail_url(self) -> str:
        renditions = get_renditions(self.file, (480,))
        return renditions.webp[0].url if renditions else self.file.url
