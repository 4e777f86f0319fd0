from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FediverseConfig(AppConfig):
    name = "fediverse"
    verbose_name = _("Fédivers")

    def ready(self):
        from blog import signals
        from blog.comments import display
        from fediverse import replies

        # A comment from the fediverse shows its author's handle and a link to the post.
        display.SHOWN_RELATIONS["fediverse_post__remote"] = (
            "fediverse_post__url",
            "fediverse_post__remote__username",
            "fediverse_post__remote__domain",
            "fediverse_post__remote__uri",
        )
        signals.comment_published.connect(replies.on_comment_published, dispatch_uid="fediverse")
