from django.urls import path

from contributors import views
from contributors.feeds import ContributorAtomFeed, ContributorFeed

app_name = "contributors"

urlpatterns = [
    path("auteurs/<slug:slug>/", views.ContributorDetailView.as_view(), name="contributor_detail"),
    path("auteurs/<slug:slug>/flux/", ContributorFeed(), name="contributor_feed"),
    path("auteurs/<slug:slug>/flux/atom/", ContributorAtomFeed(), name="contributor_feed_atom"),
    path("devenez-chroniqueur/", views.call, name="call"),
    path("devenez-chroniqueur/charte/", views.charter, name="charter"),
    path("devenez-chroniqueur/proposer/", views.apply, name="apply"),
    path("devenez-chroniqueur/merci/", views.apply_done, name="apply_done"),
    path("devenez-chroniqueur/confirmer/<str:token>/", views.confirm, name="submission_confirm"),
    path("devenez-chroniqueur/suivi/<str:token>/", views.status, name="submission_status"),
    path("devenez-chroniqueur/lien-perdu/", views.lost_link, name="lost_link"),
]
