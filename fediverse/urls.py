from django.urls import path

from fediverse import inbox

app_name = "fediverse"

urlpatterns = [
    path("fediverse/inbox", inbox.shared_inbox, name="shared_inbox"),
    path("fediverse/blog/inbox", inbox.site_inbox, name="site_inbox"),
    path("fediverse/auteurs/<int:contributor_id>/inbox", inbox.author_inbox, name="author_inbox"),
]
