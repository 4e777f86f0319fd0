"""Commenters' addresses. Only these are routed: xtd's REST API and its views are not."""

from django.urls import path

from blog.comments import feeds, views

app_name = "blog_comments"

urlpatterns = [
    path("articles/<int:pk>/", views.post_comment, name="post"),
    path("envoye/<str:token>/", views.sent, name="sent"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("suivi/arreter/<str:token>/", views.mute, name="mute"),
    path("flux/", feeds.LatestCommentsFeed(), name="feed"),
    path("articles/<slug:slug>/flux/", feeds.ArticleCommentsFeed(), name="article_feed"),
]
