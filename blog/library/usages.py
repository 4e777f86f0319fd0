"""Where a library image is shown: the articles and pages that would lose it if it went.

Kept apart from the model because it reads the articles and pages, while `blog.models` imports
the library's model to register it.
"""

from django.db.models import Model, Q

from blog.library.models import LibraryImage
from blog.models import Article, Page


def library_image_usages(image: LibraryImage) -> list[Model]:
    """The articles and pages whose body shows `image` (the upload or its body rendition)."""
    shows = Q()
    for url in {image.file.url, image.body_url()}:
        shows |= Q(body__contains=url)
    return [*Article.objects.filter(shows), *Page.objects.filter(shows)]
