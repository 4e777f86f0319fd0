"""Public reading views: home, articles, categories, tags, archives, static pages, sharing."""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.dates import MonthArchiveView, YearArchiveView
from taggit.models import Tag

from blog.comments.display import comments_block, page_comments_block
from blog.fragments import article_text, attach_cards, attach_result_cards
from blog.freshness import current_generation, kept
from blog.listings import KeptListing
from blog.models import Article, Category, Page
from blog.search import clean_query, search_page
from blog.seo import article_seo, category_seo, page_seo, tag_seo
from blog.share import MastodonShareForm, mastodon_share_url
from epw.core import ratelimit
from epw.core.collation import sort_key
from epw.core.public_forms import public_form
from epw.core.seo import canonical_url

PAGE_SIZE = 10


class ArticleListMixin:
    """Shared by every listing: public articles only, in the fixed-query listing shape."""

    paginate_by = PAGE_SIZE
    context_object_name = "articles"

    def get_queryset(self):
        return Article.objects.published().for_listing()


class CardListMixin(ArticleListMixin):
    """A listing of article cards: its pages counted and cut from the cache (blog.listings),
    each card from the cache (blog.fragments) or rendered once."""

    card_heading_level = 2

    def get_queryset(self):
        # Pages are counted and cut by index alone (see blog.listings), and the date-based views
        # find their neighbouring months the same way; the cards' rows are read only if missing.
        return (
            super()
            .get_queryset()
            .prefetch_related(None)
            .select_related(None)
            .only("pk", "status", "published_at")
        )

    def paginate_queryset(self, queryset, page_size):
        return super().paginate_queryset(KeptListing(queryset, self.request.path), page_size)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        featured = context.get("featured_article")
        listed = context["object_list"]
        # One batch of queries for every card missing, the featured one included.
        shown = attach_cards(
            [featured, *listed] if featured else listed,
            heading_level=self.card_heading_level,
            featured=featured,
        )
        if featured and featured not in shown:
            context["featured_article"] = None
        context["object_list"] = context["articles"] = [e for e in shown if e is not featured]
        return context


class HomeView(CardListMixin, ListView):
    """The front page: the featured article, then the latest ones."""

    template_name = "blog/home.html"
    card_heading_level = 3

    def get_queryset(self):
        public = super().get_queryset()
        # `featured IN (true)` compares the column, so the featured index serves: SQLite reads a
        # bare boolean test row by row.
        featured = public.filter(featured__in=[True])
        kept = KeptListing(featured, f"{self.request.path}#featured")[0:1]
        self.featured_article = kept[0] if kept else None
        if self.featured_article:
            public = public.exclude(pk=self.featured_article.pk)
        return public

    def get_context_data(self, **kwargs):
        return super().get_context_data(featured_article=self.featured_article, **kwargs)


class ArticleDetailView(DetailView):
    """One article, as readers see it."""

    template_name = "blog/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return (
            Article.objects.published()
            .select_related("category")
            .prefetch_related("authors", "tags")
        )

    def get_object(self, queryset=None):
        slug = self.kwargs[self.slug_url_kwarg]
        article = kept(f"article:{slug}", lambda: self.get_queryset().filter(slug=slug).first())
        if article is None:
            raise Http404
        return article

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        article = self.object
        context["page_seo"] = article_seo(article, canonical=canonical_url(self.request))
        context["article_text"] = article_text(article)
        context.update(kept(f"neighbours:{article.pk}", lambda: neighbours(article)))
        # Names the rendered article and its surroundings in the fragment cache (the template).
        context["fragment_key"] = f"{current_generation()[0]}:{article.pk}:{article.version}"
        context["comments_block"] = comments_block(self.request, article)
        return context


def share_on_mastodon(request, slug):
    """A reader without JavaScript sharing an article from the share bar: given the link to the
    share page of the Mastodon server they typed, or asked again for it.

    A link, not a redirect: the site's Content-Security-Policy (`form-action 'self'`) stops a
    form whose answer redirects to another site, and it stays that strict."""
    article = get_object_or_404(Article.objects.published(), slug=slug)
    form = MastodonShareForm(request.GET or None)
    context = {"article": article, "form": form}
    if form.is_valid():
        server = form.cleaned_data["server"]
        context.update(server=server, share_url=mastodon_share_url(server, article))
    return render(request, "blog/share_mastodon.html", context, status=400 if form.errors else 200)


def neighbours(article: Article) -> dict[str, Article | list[Article] | None]:
    """The public articles shown around this one: just before, just after, and related."""
    public = Article.objects.published().only("title", "slug", "published_at", "status")
    return {
        "previous_article": (
            public.filter(published_at__lt=article.published_at).order_by("-published_at").first()
        ),
        "next_article": (
            public.filter(published_at__gt=article.published_at).order_by("published_at").first()
        ),
        "related_articles": related_articles(article),
    }


def related_articles(article: Article, limit: int = 3) -> list[Article]:
    """Public articles sharing the most tags with this one, most recent first among equals."""
    tag_ids = [tag.pk for tag in article.tags.all()]
    if not tag_ids:
        return []
    sharing = (
        Article.objects.published().filter(tagged_items__tag_id__in=tag_ids).exclude(pk=article.pk)
    )
    # Ranked by index alone (grouped by id), then only the chosen rows read, in one query.
    chosen = (
        sharing.values("pk")
        .annotate(shared_tags=Count("tagged_items"))
        .order_by("-shared_tags", "-published_at")
        .values("pk")[:limit]
    )
    return list(
        Article.objects.filter(pk__in=chosen, tagged_items__tag_id__in=tag_ids)
        .annotate(shared_tags=Count("tagged_items"))
        .only("title", "slug", "published_at", "status", "cover", "cover_alt")
        .order_by("-shared_tags", "-published_at")
    )


class CategoryDetailView(CardListMixin, ListView):
    """The articles of one category."""

    template_name = "blog/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return super().get_queryset().filter(category=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category,
            current_category=self.category.slug,
            page_seo=category_seo(self.category),
            **kwargs,
        )


class TagListView(ListView):
    """Every tag used by a public article, with its count ("Étiquettes")."""

    template_name = "blog/tag_list.html"
    context_object_name = "tags"

    def get_queryset(self):
        return kept("tag-list", public_tags)


def public_tags() -> list[Tag]:
    """Every tag of a public article with its number of public articles, by name."""
    tags = Tag.objects.filter(
        blog_taggedarticle_items__content_object__in=Article.objects.published()
    ).annotate(num_articles=Count("blog_taggedarticle_items"))
    return sorted(tags, key=lambda tag: sort_key(tag.name))


class TagDetailView(CardListMixin, ListView):
    """The public articles carrying one tag."""

    template_name = "blog/tag_detail.html"
    allow_empty = False  # a tag used only by unpublished articles must not be revealed

    def get_queryset(self):
        tags = Tag.objects.select_related("epw_description")
        self.tag = get_object_or_404(tags, slug=self.kwargs["slug"])
        return super().get_queryset().filter(tagged_items__tag=self.tag)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, page_seo=tag_seo(self.tag), **kwargs)


class ArchiveMixin(CardListMixin):
    """The date-based listings: their months and neighbouring months are kept like their pages
    (grouping a year's articles by month took 12 ms at 10,000 articles on SQLite)."""

    date_field = "published_at"
    allow_empty = False
    make_object_list = True

    def get_date_list(self, queryset, date_type=None, ordering="ASC"):
        return kept(
            f"dates:{self.request.path}:{date_type}:{ordering}",
            lambda: list(super(ArchiveMixin, self).get_date_list(queryset, date_type, ordering)),
        )

    def get_next_month(self, date):
        return kept(f"next-month:{date}", lambda: super(ArchiveMixin, self).get_next_month(date))

    def get_previous_month(self, date):
        return kept(
            f"previous-month:{date}", lambda: super(ArchiveMixin, self).get_previous_month(date)
        )

    def get_next_year(self, date):
        return kept(f"next-year:{date}", lambda: super(ArchiveMixin, self).get_next_year(date))

    def get_previous_year(self, date):
        return kept(
            f"previous-year:{date}", lambda: super(ArchiveMixin, self).get_previous_year(date)
        )


class YearArchiveView(ArchiveMixin, YearArchiveView):
    """The public articles of one year."""

    template_name = "blog/archive_year.html"


class MonthArchiveView(ArchiveMixin, MonthArchiveView):
    """The public articles of one month."""

    template_name = "blog/archive_month.html"
    month_format = "%m"


class PageDetailView(DetailView):
    """A static page (À propos, charter, legal notice)."""

    template_name = "blog/page_detail.html"
    context_object_name = "page"

    def get_queryset(self):
        return Page.objects.filter(is_published=True)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            page_seo=page_seo(self.object),
            comments_block=page_comments_block(self.request, self.object),
            **kwargs,
        )


@method_decorator(public_form("search", methods=("GET", "HEAD")), name="dispatch")
class SearchView(TemplateView):
    """Full-text search over public articles (each search counts toward the client's limit)."""

    template_name = "blog/search.html"

    def get(self, request, *args, **kwargs):
        retry_after = request.public_form.retry_after
        if retry_after:
            query = clean_query(request.GET.get("q", ""))
            return ratelimit.too_many_requests(
                request, self.template_name, {"query": query}, retry_after
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        query = clean_query(self.request.GET.get("q", ""))
        context = super().get_context_data(query=query, **kwargs)
        if not query:
            return context
        try:
            results = search_page(query, self.request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404(str(error)) from error
        paginator = Paginator(range(results.count), PAGE_SIZE)
        context.update(
            search=results,
            articles=attach_result_cards(results.articles),
            paginator=paginator,
            page_obj=paginator.page(results.number),
            is_paginated=paginator.num_pages > 1,
        )
        return context
