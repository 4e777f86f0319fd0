from django import forms

from blog.forms import CleanImageFieldsMixin
from contributors.models import Contributor


class ContributorAdminForm(CleanImageFieldsMixin, forms.ModelForm):
    image_fields = ("photo",)

    class Meta:
        model = Contributor
        fields = [
            "display_name", "slug", "kind", "user", "bio", "photo", "website", "mastodon",
            "linkedin",
        ]  # fmt: skip
