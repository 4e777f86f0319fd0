"""Background work of the blog (Django Tasks API)."""

from django_tasks import task

from blog.models import Article
from blog.renditions import make_renditions
from blog.signals import article_published
from epw.core.chrome_cache import site_changed


@task()
def announce_when_live(*, article_id: int) -> None:
    """Runs at a scheduled article's time: what follows publication happens then, once."""
    article = Article.objects.published().filter(pk=article_id).first()
    if article is not None:
        article_published.send(sender=Article, article=article)


@task()
def renditions_make(*, name: str, widths: list[int]) -> None:
    """Make the renditions a page asked for; the cached cards that showed the original file
    are made anew (the site generation moves)."""
    if make_renditions(name=name, widths=widths):
        site_changed()
