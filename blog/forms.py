"""Admin forms: rich-text bodies sanitised on the way in, uploaded images cleaned (upright,
no metadata), and the small rules editors would otherwise forget."""

from django import forms
from django.contrib.admin.helpers import ActionForm
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField
from taggit.models import Tag

from blog import services
from blog.images import clean_uploaded_image
from blog.models import Announcement, Article, Category, Page
from epw.core.editor import AdminEditorWidget
from epw.core.editor_schema import ARTICLE_EXTENSIONS
from epw.core.html import sanitize_html
from epw.core.versioning import VersionedForm

# The article extensions (epw.core.editor_schema), with the image library behind "Parcourir…".
BODY_EDITOR_CONFIG = {
    "extensions": {
        **ARTICLE_EXTENSIONS,
        "Figure": {"pickerUrl": reverse_lazy("admin:blog_libraryimage_picker")},
    }
}


def body_field() -> ProseEditorFormField:
    return ProseEditorFormField(
        label=capfirst(_("corps")),
        required=False,
        config=BODY_EDITOR_CONFIG,
        sanitize=sanitize_html,
        widget=AdminEditorWidget,
    )


class CleanImageFieldsMixin:
    """Re-encode every newly uploaded image listed in `image_fields`."""

    image_fields: tuple[str, ...] = ()

    def clean(self):
        cleaned = super().clean()
        for name in self.image_fields:
            value = cleaned.get(name)
            if isinstance(value, UploadedFile):
                try:
                    cleaned[name] = clean_uploaded_image(value)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned


class ArticleAdminForm(CleanImageFieldsMixin, VersionedForm, forms.ModelForm):
    image_fields = ("cover",)
    saved_by_message = _(
        "%(name)s a enregistré cet article %(when)s pendant que vous le modifiiez."
    )
    saved_message = _("Quelqu’un d’autre a enregistré cet article pendant que vous le modifiiez.")
    # Set by the admin when a workflow button was pressed: the move, and who asks for it.
    transition: str | None = None
    editor = None

    body = body_field()

    class Meta:
        model = Article
        fields = [
            "title", "slug", "standfirst", "body", "authors", "category", "tags", "status",
            "published_at", "updated_at", "featured", "cover", "cover_alt", "cover_credit",
            "excerpt", "comments_open", "seo_title", "seo_description",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if "cover" in self.fields and cleaned.get("cover") and not cleaned.get("cover_alt"):
            self.add_error(
                "cover_alt",
                _("Décrivez l’image de couverture pour les personnes qui ne la voient pas."),
            )
        if self.transition:
            self._check_transition(cleaned)
        else:
            self._check_live_date(cleaned)
        return cleaned

    def _check_live_date(self, cleaned) -> None:
        """A published article given a future date would vanish from the site until then."""
        at = cleaned.get("published_at")
        if not at or at <= timezone.now() or not self.instance.pk:
            return
        if Article.objects.published().filter(pk=self.instance.pk).exists():
            self.add_error(
                "published_at",
                _(
                    "Cet article est en ligne : une date future le retirerait du site jusqu’à "
                    "cette date. Pour le faire reparaître plus tard, utilisez « Programmer »."
                ),
            )

    def _check_transition(self, cleaned) -> None:
        """A refused move makes the whole form invalid: nothing is saved, the values stay."""
        at = cleaned.get("published_at", self.instance.published_at)
        try:
            services.transition_check(
                article=self.instance, move=self.transition, by=self.editor, at=at
            )
        except services.WorkflowError as error:
            self.add_error(None, str(error))


class PageAdminForm(VersionedForm, forms.ModelForm):
    saved_by_message = _("%(name)s a enregistré cette page %(when)s pendant que vous la modifiiez.")
    saved_message = _("Quelqu’un d’autre a enregistré cette page pendant que vous la modifiiez.")

    body = body_field()

    class Meta:
        model = Page
        fields = [
            "title", "slug", "body", "seo_description", "is_published", "in_footer", "position",
        ]  # fmt: skip


class AnnouncementAdminForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = [
            "title", "body", "link_url", "link_label", "placement", "position", "starts_at",
            "ends_at", "is_active",
        ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("La fin doit venir après le début."))
        if cleaned.get("link_url") and not cleaned.get("link_label"):
            self.add_error("link_label", _("Donnez un libellé au lien."))
        return cleaned


class ArticleActionForm(ActionForm):
    """Extra inputs of the article list's bulk actions (tag and category changes)."""

    tag = forms.CharField(label=_("Étiquette"), required=False, max_length=100)
    category = forms.ModelChoiceField(
        label=_("Catégorie"), queryset=Category.objects.all(), required=False
    )

    def clean_tag(self):
        return self.cleaned_data["tag"].strip()


def tag_names(prefix: str, limit: int = 10) -> list[str]:
    """Existing tags starting with `prefix`, for the tag field's suggestions."""
    prefix = prefix.strip()
    if not prefix:
        return []
    tags = Tag.objects.filter(name__istartswith=prefix).order_by("name")
    return list(tags.values_list("name", flat=True)[:limit])
