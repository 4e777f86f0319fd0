"""factory_boy factories shared by the whole suite."""

from datetime import timedelta

import factory
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from blog.models import Article, Category, CommentModeration, Page
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


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment on an article (public by default) with its moderation row.

    `CommentFactory(article=a, parent=c, state="held")`; replies get their thread data from xtd.
    """

    class Meta:
        model = XtdComment
        skip_postgeneration_save = True

    class Params:
        article = factory.SubFactory(ArticleFactory)
        parent = None

    content_type = factory.LazyFunction(lambda: ContentType.objects.get_for_model(Article))
    object_pk = factory.LazyAttribute(lambda o: str(o.article.pk))
    site_id = 1
    user_name = factory.Sequence(lambda n: f"Lectrice {n}")
    user_email = factory.Sequence(lambda n: f"lectrice{n}@example.org")
    comment = "Merci pour cet article très clair."
    parent_id = factory.LazyAttribute(lambda o: o.parent.pk if o.parent else 0)
    is_public = True

    @factory.post_generation
    def state(self, create, extracted, **kwargs):
        if not create:
            return
        state = extracted or CommentModeration.State.PUBLIC
        if state != CommentModeration.State.PUBLIC:
            self.is_public = False
            self.is_removed = state in (CommentModeration.State.SPAM, "rejected")
            self.save(update_fields=["is_public", "is_removed"])
        CommentModeration.objects.create(comment=self, state=state, fingerprint=f"f{self.pk}")


class CharterVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "contributors.CharterVersion"

    version = factory.Sequence(lambda n: n + 1)
    body = "<p>Nous publions des textes originaux, sourcés et bienveillants.</p>"


class SubmissionFactory(factory.django.DjangoModelFactory):
    """A confirmed submission waiting for the editors, with one draft version."""

    class Meta:
        model = "contributors.Submission"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Candidate {n}")
    email = factory.Sequence(lambda n: f"candidate{n}@example.org")
    bio = "Rédactrice web depuis dix ans."
    title = factory.Sequence(lambda n: f"Proposition {n}")
    standfirst = "Un chapô qui accroche."
    status = "new"
    charter = factory.SubFactory(CharterVersionFactory)
    charter_accepted_at = factory.LazyFunction(timezone.now)
    privacy_accepted_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def versions(self, create, extracted, **kwargs):
        if create:
            for number, body in enumerate(extracted or ["<p>Premier jet du texte.</p>"], 1):
                self.versions.create(number=number, body=body)


class StaffUserFactory(factory.django.DjangoModelFactory):
    """A back-office account; pass `role="Rédacteur"` (a group from epw.roles) to place it."""

    class Meta:
        model = "auth.User"
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"redaction{n}")
    first_name = factory.Sequence(lambda n: f"Camille {n}")
    is_staff = True
    password = factory.django.Password("mot-de-passe-solide")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            from django.apps import apps
            from django.contrib.auth.models import Group

            from epw.roles import sync_roles

            if not Group.objects.filter(name=extracted).exists():
                sync_roles(apps)  # flushed by an earlier transactional test
            self.groups.add(Group.objects.get(name=extracted))


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "newsletter.Edition"

    subject = factory.Sequence(lambda n: f"La lettre n° {n}")
    intro = "Bonjour à toutes et à tous.\n\nVoici notre sélection du mois."
