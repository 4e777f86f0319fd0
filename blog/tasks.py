"""Background work of the blog (Django Tasks API)."""

from django_tasks import task

from blog.models import Article
from blog.signals import article_published


@task()
def announce_when_live(*, article_id: int) -> None:
    """Runs at a scheduled article's time: what follows publication happens then, once."""
    article = Article.objects.published().filter(pk=article_id).first()
    if article is not None:
        article_published.send(sender=Article, article=article)
