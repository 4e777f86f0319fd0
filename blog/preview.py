"""Article preview: exactly the public page, for staff or through a signed, expiring link."""

from datetime import timedelta

from django.contrib.admin.views.decorators import staff_member_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from blog.models import Article
from blog.views import ArticleDetailView
from epw.core import signing

SALT = "blog.preview"
SHARE_MAX_AGE = timedelta(days=7)


def share_url(article: Article) -> str:
    """A link anyone can open for SHARE_MAX_AGE, without an account."""
    token = signing.sign(str(article.pk), purpose=SALT)
    return reverse("blog:article_share_preview", kwargs={"token": token})


def article_from_token(token: str) -> Article:
    try:
        pk = signing.unsign(token, purpose=SALT, max_age=SHARE_MAX_AGE)
    except signing.LinkInvalid:
        raise Http404 from None
    return get_object_or_404(Article, pk=pk)


class ArticlePreviewView(ArticleDetailView):
    """The article template with a discreet “Aperçu” banner; never indexed nor cached."""

    def get_object(self, queryset=None):
        return self.preview_article

    def get_queryset(self):
        return Article.objects.select_related("category").prefetch_related("authors", "tags")

    def get_context_data(self, **kwargs):
        if self.object.published_at is None:
            # Neighbours are found by date: a draft without one has none yet.
            self.object.published_at = self.object.created_at
        context = super().get_context_data(**kwargs)
        context["preview"] = True
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        add_never_cache_headers(response)
        return response


class StaffPreviewView(ArticlePreviewView):
    def get(self, request, *args, **kwargs):
        if not request.user.has_perm("blog.view_article"):
            raise Http404
        self.preview_article = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        return super().get(request, *args, **kwargs)


class SharedPreviewView(ArticlePreviewView):
    def get(self, request, *args, **kwargs):
        self.preview_article = article_from_token(kwargs["token"])
        return super().get(request, *args, **kwargs)


staff_preview = staff_member_required(StaffPreviewView.as_view())
shared_preview = SharedPreviewView.as_view()
