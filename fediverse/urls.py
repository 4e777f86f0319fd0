from django.urls import path

from fediverse import inbox, object_views, views

app_name = "fediverse"

# The actors' addresses are fixed in fediverse/uris.py: these paths must stay in line with it.
urlpatterns = [
    path(".well-known/webfinger", views.webfinger, name="webfinger"),
    path(".well-known/nodeinfo", views.nodeinfo_links, name="nodeinfo_links"),
    path("nodeinfo/2.1", views.nodeinfo, name="nodeinfo"),
    path("fediverse/blog", views.actor, name="site_actor"),
    path("fediverse/blog/outbox", views.outbox, name="site_outbox"),
    path("fediverse/blog/followers", views.followers, name="site_followers"),
    path("fediverse/blog/following", views.following, name="site_following"),
    path("fediverse/auteurs/<int:contributor_id>", views.actor, name="author_actor"),
    path("fediverse/auteurs/<int:contributor_id>/outbox", views.outbox, name="author_outbox"),
    path(
        "fediverse/auteurs/<int:contributor_id>/followers",
        views.followers,
        name="author_followers",
    ),
    path(
        "fediverse/auteurs/<int:contributor_id>/following",
        views.following,
        name="author_following",
    ),
    path("fediverse/articles/<int:pk>", object_views.article_object, name="article"),
    path("fediverse/activites/<uuid:uuid>", object_views.activity, name="activity"),
    path("fediverse/commentaires/<int:pk>", object_views.comment_note, name="comment"),
    path("fediverse/inbox", inbox.shared_inbox, name="shared_inbox"),
    path("fediverse/blog/inbox", inbox.site_inbox, name="site_inbox"),
    path("fediverse/auteurs/<int:contributor_id>/inbox", inbox.author_inbox, name="author_inbox"),
]
