"""The site's menus: the main navigation and the footer's links, chosen by the editors.

Each item links to one thing: a category, a tag, a page, an article, an author or an address.
Items nest one level deep (a top item and its sub-items). An item whose target is deleted goes
with it; one whose page or article is not public is kept but not shown (see `blog.menus.links`).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from blog.validators import validate_link

# The fields naming an item's target; exactly one of them is set.
TARGETS = ("category", "tag", "page", "article", "author", "url")


class Menu(models.Model):
    class Slot(models.TextChoices):
        MAIN = "main", _("Menu principal")
        FOOTER = "footer", _("Menu du pied de page")

    slot = models.CharField(_("emplacement"), max_length=20, choices=Slot.choices, unique=True)

    class Meta:
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        ordering = ["slot"]

    def __str__(self) -> str:
        return self.get_slot_display()


class MenuItem(models.Model):
    menu = models.ForeignKey(
        Menu, verbose_name=_("menu"), on_delete=models.CASCADE, related_name="items"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("sous-élément de"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("Un élément de premier niveau du même menu (enregistré auparavant)."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Ordre dans le menu (croissant).")
    )
    label = models.CharField(
        _("libellé"),
        max_length=100,
        blank=True,
        help_text=_("Laissez vide pour reprendre le nom de la cible."),
    )
    category = models.ForeignKey(
        "blog.Category",
        verbose_name=_("catégorie"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    tag = models.ForeignKey(
        "taggit.Tag",
        verbose_name=_("étiquette"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    page = models.ForeignKey(
        "blog.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # Author profiles belong to an app above the blog: named, never imported.
    author = models.ForeignKey(
        "contributors.Contributor",
        verbose_name=_("auteur"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    url = models.CharField(
        _("adresse"),
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text=_("Une adresse du site (/a-propos/) ou une adresse web (https://…)."),
    )

    class Meta:
        verbose_name = _("élément de menu")
        verbose_name_plural = _("éléments de menu")
        ordering = ["menu", "position", "pk"]

    def __str__(self) -> str:
        return self.label or str(self.target or "")

    @property
    def target_kind(self) -> str | None:
        """Which of TARGETS this item links to (the first set, should the item be invalid)."""
        return next(iter(self._targets_set()), None)

    @property
    def target(self):
        """The category, tag, page, article or author linked to, or the address."""
        kind = self.target_kind
        return getattr(self, kind) if kind else None

    def _targets_set(self) -> list[str]:
        return [name for name in TARGETS if getattr(self, name if name == "url" else f"{name}_id")]

    def clean(self) -> None:
        if len(self._targets_set()) != 1:
            raise ValidationError(
                _(
                    "Choisissez une seule cible : une catégorie, une étiquette, une page, "
                    "un article, un auteur ou une adresse."
                ),
                code="one_target",
            )
        if self.url and not self.label:
            raise ValidationError(
                {"label": _("Donnez un libellé au lien vers une adresse.")}, code="label_needed"
            )
        if self.parent_id is not None:
            self._clean_parent()

    def _clean_parent(self) -> None:
        parent = self.parent
        if self.pk is not None and parent.pk == self.pk:
            error = _("Un élément ne peut pas être son propre sous-élément.")
        elif parent.menu_id != self.menu_id:
            error = _("Choisissez un élément du même menu.")
        elif parent.parent_id is not None:
            error = _(
                "Un menu n’a qu’un niveau de sous-éléments : choisissez un élément de premier "
                "niveau."
            )
        elif self.pk is not None and self.children.exists():
            error = _(
                "Cet élément a lui-même des sous-éléments : il ne peut pas devenir un sous-élément."
            )
        else:
            return
        raise ValidationError({"parent": error}, code="nesting")
