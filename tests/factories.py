"""factory_boy factories shared by the whole suite."""

from datetime import timedelta

import factory
from django.utils import timezone

from blog.models import Article, Category, Page
from contributors.models import Contributor
from newsletter.models import Subscriber


class ContributorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contributor

    display_name = factory.Sequence(lambda n: f"Autrice {n}")
    slug = factory.Sequence(lambda n: f"autrice-{n}")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    name = factory.Sequence(lambda n: f"Rubrique {n}")
    slug = factory.Sequence(lambda n: f"rubrique-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    """A public article by default; pass status/published_at for other states."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Article numéro {n}")
    slug = factory.Sequence(lambda n: f"article-{n}")
    standfirst = "Un chapô qui donne envie de lire la suite."
    body = "<p>Un corps d’article simple.</p><h2>Un intertitre</h2><p>La suite.</p>"
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    category = factory.SubFactory(CategoryFactory)

    @factory.post_generation
    def authors(self, create, extracted, **kwargs):
        if create:
            self.authors.set(extracted if extracted is not None else [ContributorFactory()])

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    body = "<p>Contenu de la page.</p>"


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"lecteur{n}@example.org")
    status = Subscriber.Status.CONFIRMED


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "newsletter.Edition"

    subject = factory.Sequence(lambda n: f"La lettre n° {n}")
    intro = "Bonjour à toutes et à tous.\n\nVoici notre sélection du mois."
