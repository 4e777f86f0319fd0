"""Roles as WordPress users know them: a writer (« Rédacteur ») edits only their own articles,
and only until they go live; the editors-in-chief edit everything."""

from datetime import timedelta
from importlib import import_module

import pytest
import time_machine
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.utils import timezone
from reversion.models import Version

from blog import services
from blog.models import Article
from epw.roles import EDITOR_IN_CHIEF, WRITER
from tests.factories import ArticleFactory, CategoryFactory, ContributorFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
S = Article.Status


@pytest.fixture
def writer():
    return StaffUserFactory(role=WRITER)


@pytest.fixture
def chief():
    return StaffUserFactory(role=EDITOR_IN_CHIEF)


def draft(**kwargs):
    return ArticleFactory(status=S.DRAFT, published_at=None, **kwargs)


def form_data(article, **overrides):
    data = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "tags": "",
        "comments_open": "on",
        "published_at_0": "",
        "published_at_1": "",
    }
    if article.pk:
        data["version"] = Article.objects.get(pk=article.pk).version  # as a page opened now
    if "authors" not in overrides:
        data["authors"] = [a.pk for a in article.authors.all()]
    return {**data, **overrides}


def change_url(article):
    return f"/admin/blog/article/{article.pk}/change/"


def test_a_writer_reads_another_writers_draft_but_cannot_change_it(client, writer):
    other = draft(created_by=StaffUserFactory(role=WRITER), title="Le brouillon d’une autre")
    client.force_login(writer)

    page = client.get(change_url(other))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Le brouillon d’une autre" in html
    assert 'name="title"' not in html and 'name="_save"' not in html
    assert 'name="_transition"' not in html

    response = client.post(change_url(other), form_data(other, title="Réécrit par un autre"))
    assert response.status_code == 403
    assert Article.objects.get(pk=other.pk).title == "Le brouillon d’une autre"
    assert not Version.objects.get_for_object(other).exists()


def test_a_writer_edits_a_draft_they_author(client, writer):
    article = draft(authors=[ContributorFactory(user=writer), ContributorFactory()])
    client.force_login(writer)
    assert 'name="title"' in client.get(change_url(article)).content.decode()
    response = client.post(change_url(article), form_data(article, title="Mon titre revu"))
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Mon titre revu"


def test_a_writer_edits_the_article_they_created_in_the_admin(client, writer):
    client.force_login(writer)
    author = ContributorFactory()  # somebody else's byline: the writer only typed it in
    response = client.post(
        "/admin/blog/article/add/",
        form_data(Article(title="Créé par moi", slug="cree-par-moi"), authors=[author.pk]),
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="cree-par-moi")
    assert article.created_by == writer

    client.post(change_url(article), form_data(article, title="Toujours à moi"))
    assert Article.objects.get(pk=article.pk).title == "Toujours à moi"


def test_a_writer_cannot_edit_their_own_article_once_published(client, writer, chief):
    article = ArticleFactory(status=S.REVIEW, published_at=None, created_by=writer)
    services.article_publish(article=article, by=chief)
    client.force_login(writer)
    assert 'name="title"' not in client.get(change_url(article)).content.decode()
    assert (
        client.post(change_url(article), form_data(article, title="Après coup")).status_code == 403
    )
    assert Article.objects.get(pk=article.pk).title == article.title


def test_the_editor_in_chief_edits_every_writers_drafts(client, writer, chief):
    article = draft(created_by=writer, authors=[ContributorFactory(user=writer)])
    client.force_login(chief)
    client.post(change_url(article), form_data(article, title="Relu par la rédaction"))
    assert Article.objects.get(pk=article.pk).title == "Relu par la rédaction"
    assert services.article_editable_by(ArticleFactory(status=S.PUBLISHED), chief)


def test_a_writer_may_submit_only_their_own_draft(client, writer):
    own, other = draft(created_by=writer), draft()
    with pytest.raises(services.WorkflowError, match="propres articles"):
        services.article_submit_for_review(article=other, by=writer)
    assert services.available_transitions(other, writer) == []
    assert services.available_transitions(own, writer) == ["submit"]
    services.article_submit_for_review(article=own, by=writer)

    review = ArticleFactory(status=S.REVIEW, published_at=None)
    with pytest.raises(services.WorkflowError, match="propres articles"):
        services.article_return_to_draft(article=review, by=writer)

    client.force_login(writer)
    response = client.post(change_url(other), form_data(other, _transition="submit"))
    assert response.status_code == 403
    assert Article.objects.get(pk=other.pk).status == S.DRAFT
    assert Article.objects.get(pk=own.pk).status == S.REVIEW
    assert not LogEntry.objects.filter(object_id=str(other.pk)).exists()


def test_a_writer_cannot_restore_a_revision_of_another_writers_draft(client, writer, chief):
    article = draft()
    services.article_submit_for_review(article=article, by=chief)
    services.article_return_to_draft(article=article, by=chief)
    version = Version.objects.get_for_object(article).last()
    with pytest.raises(services.WorkflowError, match="propres articles"):
        services.article_restore_revision(article=article, version=version, by=writer)
    client.force_login(writer)
    url = f"/admin/blog/article/{article.pk}/revisions/{version.pk}/restaurer/"
    assert client.post(url).status_code == 403
    assert Version.objects.get_for_object(article).count() == 2
    newer, older = Version.objects.get_for_object(article)
    compare = f"/admin/blog/article/{article.pk}/revisions/comparer/?a={older.pk}&b={newer.pk}"
    history = f"/admin/blog/article/{article.pk}/history/"
    assert "Restaurer la version" not in client.get(compare).content.decode()
    assert "Restaurer…" not in client.get(history).content.decode()
    client.force_login(chief)
    assert "Restaurer la version" in client.get(compare).content.decode()
    assert "Restaurer…" in client.get(history).content.decode()


def test_bulk_changes_skip_other_writers_articles_and_say_so(client, writer):
    own = draft(created_by=writer, tags=["Titres"])
    authored = draft(authors=[ContributorFactory(user=writer)], tags=["Titres"])
    others = [draft(tags=["Titres"]) for _ in range(2)]
    published = ArticleFactory(status=S.PUBLISHED, created_by=writer, tags=["Titres"])
    selection = [own, authored, *others, published]

    result = services.articles_add_tag(articles=selection, tag="Ajoutée", by=writer)

    assert (result.changed, result.skipped_live, result.skipped_others) == (2, 1, 2)
    assert {a.pk for a in Article.objects.filter(tags__name="Ajoutée")} == {own.pk, authored.pk}

    client.force_login(writer)
    category = CategoryFactory(name="Méthode")
    response = client.post(
        "/admin/blog/article/",
        {
            "action": "set_category",
            "_selected_action": [a.pk for a in selection],
            "category": category.pk,
        },
        follow=True,
    )
    notices = [str(m) for m in response.context["messages"]]
    assert "Catégorie « Méthode » appliquée." in notices
    assert (
        "2 articles d’autres auteurs n’ont pas été modifiés : sans le droit de publier, "
        "on ne modifie que ses propres articles." in notices
    )
    assert any(notice.startswith("1 article publié ou programmé") for notice in notices)
    assert set(Article.objects.filter(category=category).values_list("pk", flat=True)) == {
        own.pk,
        authored.pk,
    }


def test_the_article_list_filters_my_articles(client, writer):
    own = draft(created_by=writer, title="Écrit par moi")
    authored = draft(authors=[ContributorFactory(user=writer)], title="Signé par moi")
    draft(title="Écrit par une autre")
    client.force_login(writer)
    response = client.get("/admin/blog/article/?mes-articles=oui")
    listed = set(response.context["cl"].queryset.values_list("pk", flat=True))
    assert listed == {own.pk, authored.pk}
    assert "Mes articles" in response.content.decode()


def test_the_migration_fills_the_creator_from_the_first_revision_made_at_creation(
    client, writer, chief
):
    fill_created_by = import_module("blog.migrations.0012_article_created_by").fill_created_by
    client.force_login(writer)
    client.post(
        "/admin/blog/article/add/",
        form_data(
            Article(title="Mon article", slug="mon-article"), authors=[ContributorFactory().pk]
        ),
    )
    created_in_the_admin = Article.objects.get(slug="mon-article")
    # An accepted submission: created without a revision, first changed an hour later.
    accepted = draft()
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        services.article_submit_for_review(article=accepted, by=chief)
    Article.objects.update(created_by=None)

    fill_created_by(apps, None)

    assert Article.objects.get(pk=created_in_the_admin.pk).created_by == writer
    assert Article.objects.get(pk=accepted.pk).created_by is None
