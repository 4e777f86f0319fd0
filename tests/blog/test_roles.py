"""The three editorial groups exist after migrating and give exactly the expected powers."""

import pytest
from django.contrib.auth.models import Group

from blog.models import Article
from epw.roles import EDITOR_IN_CHIEF, MODERATOR, WRITER
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


def test_the_groups_are_created_by_the_migrations():
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITOR_IN_CHIEF, WRITER, MODERATOR}


@pytest.mark.parametrize(
    ("role", "allowed", "refused"),
    [
        (
            EDITOR_IN_CHIEF,
            ["blog.publish_article", "blog.delete_article", "blog.change_sitesettings"],
            [],
        ),
        (
            WRITER,
            ["blog.add_article", "blog.change_article", "taggit.add_tag"],
            ["blog.publish_article", "blog.delete_article", "django_comments.can_moderate"],
        ),
        (
            MODERATOR,
            ["django_comments.can_moderate", "django_comments_xtd.change_xtdcomment"],
            ["blog.change_article", "blog.publish_article"],
        ),
    ],
)
def test_each_role_has_its_permissions(role, allowed, refused):
    user = StaffUserFactory(role=role)
    assert all(user.has_perm(perm) for perm in allowed)
    assert not any(user.has_perm(perm) for perm in refused)


def test_a_moderator_cannot_open_the_articles_in_the_admin(client):
    article = ArticleFactory()
    client.force_login(StaffUserFactory(role=MODERATOR))
    assert client.get("/admin/blog/article/").status_code == 403
    assert client.get(f"/admin/blog/article/{article.pk}/change/").status_code == 403


def test_a_moderator_reaches_the_comments(client):
    client.force_login(StaffUserFactory(role=MODERATOR))
    assert client.get("/admin/django_comments_xtd/xtdcomment/").status_code == 200


def test_a_writer_can_create_an_article_as_a_draft(client):
    client.force_login(StaffUserFactory(role=WRITER))
    author = ArticleFactory().authors.get()
    response = client.post(
        "/admin/blog/article/add/",
        {
            "title": "Mon brouillon",
            "slug": "mon-brouillon",
            "body": "<p>Texte</p>",
            "authors": [author.pk],
            "tags": "Titres, Chapô",
            "comments_open": "on",
            "_transition": "submit",
        },
    )
    assert response.status_code == 302
    article = Article.objects.get(slug="mon-brouillon")
    assert article.status == Article.Status.REVIEW
    assert set(article.tags.names()) == {"Titres", "Chapô"}


def test_sync_roles_command_is_idempotent():
    from django.core.management import call_command

    call_command("sync_roles", verbosity=0)
    call_command("sync_roles", verbosity=0)
    assert Group.objects.filter(name=WRITER).count() == 1
