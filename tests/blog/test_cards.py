"""Listings show their cards from the cache, and a card always shows what it shows today."""

import pytest
from taggit.models import Tag

from blog import services
from blog.models import Article
from tests.factories import ArticleFactory, CategoryFactory, ContributorFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

LISTINGS = ["/", "/categories/rubrique/", "/etiquettes/plume/", "/auteurs/alice/"]


@pytest.fixture
def article():
    return ArticleFactory(
        title="Écrire court",
        category=CategoryFactory(name="Rubrique", slug="rubrique"),
        authors=[ContributorFactory(display_name="Alice Martin", slug="alice")],
        tags=["plume"],
    )


def seen_everywhere(client, text: str) -> bool:
    return all(text in client.get(path).content.decode() for path in LISTINGS)


def test_a_card_is_rendered_once_then_read_from_the_cache(client, article):
    assert seen_everywhere(client, "Écrire court")
    # Read back from the cache: not even the row's title is rendered again.
    Article.objects.filter(pk=article.pk).update(title="Changé sans le dire")
    assert seen_everywhere(client, "Écrire court")


def test_an_edited_article_shows_at_once(client, article, django_capture_on_commit_callbacks):
    assert seen_everywhere(client, "Écrire court")
    article.title = "Écrire bref"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert seen_everywhere(client, "Écrire bref")


def test_renamed_author_category_and_tag_show_at_once(
    client, article, django_capture_on_commit_callbacks
):
    assert seen_everywhere(client, "Alice Martin")
    with django_capture_on_commit_callbacks(execute=True):
        author = article.authors.get()
        author.display_name = "Alice Durand"
        author.save()
        article.category.name = "Section"
        article.category.save()
        tag = Tag.objects.get(slug="plume")
        tag.name = "Plume fine"
        tag.save()
    assert seen_everywhere(client, "Alice Durand")
    assert seen_everywhere(client, "Section")
    assert seen_everywhere(client, "Plume fine")


def test_bulk_category_change_shows_at_once(client, article, django_capture_on_commit_callbacks):
    assert seen_everywhere(client, "Rubrique")
    other = CategoryFactory(name="Ailleurs", slug="ailleurs")
    chief = StaffUserFactory(is_superuser=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.articles_set_category(articles=[article], category=other, by=chief)
    card = client.get("/").content.decode().split('class="card', 1)[1].split("</article>")[0]
    assert "/categories/ailleurs/" in card
    assert "/categories/rubrique/" not in card
