from django.urls import path
from django.views.generic import RedirectView

from blog import feeds, preview, views

app_name = "blog"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # Readers who shorten an article's address land on the list of articles: the home page.
    path("articles/", RedirectView.as_view(pattern_name="blog:home", permanent=True)),
    path("articles/<slug:slug>/", views.ArticleDetailView.as_view(), name="article_detail"),
    path(
        "articles/<slug:slug>/partager/mastodon/",
        views.share_on_mastodon,
        name="share_mastodon",
    ),
    path("apercu/<int:pk>/", preview.staff_preview, name="article_preview"),
    path("apercu/partage/<str:token>/", preview.shared_preview, name="article_share_preview"),
    path("categories/<slug:slug>/", views.CategoryDetailView.as_view(), name="category_detail"),
    path("recherche/", views.SearchView.as_view(), name="search"),
    path("etiquettes/", views.TagListView.as_view(), name="tag_list"),
    path("etiquettes/<slug:slug>/", views.TagDetailView.as_view(), name="tag_detail"),
    path("archives/<int:year>/", views.YearArchiveView.as_view(), name="archive_year"),
    path(
        "archives/<int:year>/<int:month>/",
        views.MonthArchiveView.as_view(),
        name="archive_month",
    ),
    path("flux/", feeds.ArticleFeed(), name="feed"),
    path("flux/atom/", feeds.ArticleAtomFeed(), name="feed_atom"),
    path("categories/<slug:slug>/flux/", feeds.CategoryFeed(), name="category_feed"),
    path("categories/<slug:slug>/flux/atom/", feeds.CategoryAtomFeed(), name="category_feed_atom"),
    path("etiquettes/<slug:slug>/flux/", feeds.TagFeed(), name="tag_feed"),
    path("etiquettes/<slug:slug>/flux/atom/", feeds.TagAtomFeed(), name="tag_feed_atom"),
    # Static pages last: their slugs live at the root of the site.
    path("<slug:slug>/", views.PageDetailView.as_view(), name="page_detail"),
]
