"""Public contributor pages."""

from django.shortcuts import get_object_or_404
from django.views.generic import ListView

from blog.views import ArticleListMixin
from contributors.models import Contributor


class ContributorDetailView(ArticleListMixin, ListView):
    """A contributor's profile and their public articles."""

    template_name = "contributors/contributor_detail.html"

    def get_queryset(self):
        self.contributor = get_object_or_404(Contributor, slug=self.kwargs["slug"])
        return super().get_queryset().filter(authors=self.contributor)

    def get_context_data(self, **kwargs):
        return super().get_context_data(contributor=self.contributor, **kwargs)
