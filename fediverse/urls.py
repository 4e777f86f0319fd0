from django.urls import path

from fediverse import object_views

app_name = "fediverse"

urlpatterns = [
    path("fediverse/articles/<int:pk>", object_views.article_object, name="article"),
    path("fediverse/activites/<uuid:uuid>", object_views.activity, name="activity"),
]
