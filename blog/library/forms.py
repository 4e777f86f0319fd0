from django import forms

from blog.forms import CleanImageFieldsMixin
from blog.library.models import LibraryImage


class LibraryImageForm(CleanImageFieldsMixin, forms.ModelForm):
    image_fields = ("file",)

    class Meta:
        model = LibraryImage
        fields = ["file", "alt_text", "caption", "credit"]
