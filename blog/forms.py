"""Admin forms: uploaded images are cleaned (upright, no metadata) on their way in."""

from django import forms
from django.core.files.uploadedfile import UploadedFile

from blog.images import clean_uploaded_image
from blog.models import Article


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


class ArticleAdminForm(CleanImageFieldsMixin, forms.ModelForm):
    image_fields = ("cover",)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "standfirst", "body", "authors", "category", "tags", "status",
            "published_at", "updated_at", "featured", "cover", "cover_alt", "cover_credit",
            "excerpt", "comments_open", "seo_title", "seo_description",
        ]  # fmt: skip
