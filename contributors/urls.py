from django.urls import path

from contributors import views
from contributors.feeds import ContributorAtomFeed, ContributorFeed

app_name = "contributors"

urlpatterns = [
    path("auteurs/<slug:slug>/", views.ContributorDetailView.as_view(), name="contributor_detail"),
    path("auteurs/<slug:slug>/flux/", ContributorFeed(), name="contributor_feed"),
    path("auteurs/<slug:slug>/flux/atom/", ContributorAtomFeed(), name="contributor_feed_atom"),
]
