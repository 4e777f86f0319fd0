from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FediverseConfig(AppConfig):
    name = "fediverse"
    verbose_name = _("Fédivers")

    def ready(self) -> None:
        # Deferred: the receivers import models, which load only once the registry is ready.
        from django.db.models.signals import pre_delete

        from blog import signals
        from blog.comments import display
        from blog.models import Article
        from fediverse import publishing, replies

        signals.article_published.connect(
            publishing.article_published, dispatch_uid="fediverse.article_published"
        )
        signals.article_changed.connect(
            publishing.article_changed, dispatch_uid="fediverse.article_changed"
        )
        signals.article_unpublished.connect(
            publishing.article_unpublished, dispatch_uid="fediverse.article_unpublished"
        )
        pre_delete.connect(
            publishing.article_deleting, sender=Article, dispatch_uid="fediverse.article_deleting"
        )
        signals.comment_published.connect(
            replies.on_comment_published, dispatch_uid="fediverse.comment_published"
        )
        # A comment from the fediverse shows its author's handle and a link to the post.
        display.SHOWN_RELATIONS["fediverse_post__remote"] = (
            "fediverse_post__url",
            "fediverse_post__remote__username",
            "fediverse_post__remote__domain",
            "fediverse_post__remote__uri",
        )
