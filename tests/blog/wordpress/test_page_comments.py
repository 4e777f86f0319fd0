"""Imported comments on pages go through the same moderation queue as those on articles."""

import pytest
from django.core import mail
from django_comments_xtd.models import XtdComment

from blog.models import Article, Page
from tests.blog.wordpress.test_import_formats import WORDPRESS_COM
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/django_comments_xtd/xtdcomment/"
HELD = "Une offre en attente de modération."


@pytest.fixture
def page(run_import):
    run_import(WORDPRESS_COM, media=None)
    page = Page.objects.get(slug="contact")
    if not Article.objects.filter(pk=page.pk).exists():
        ArticleFactory(pk=page.pk)  # an article with the same id must not be mistaken for it
    return page


def test_a_held_page_comment_approved_in_the_admin_shows_on_the_page(
    page, client, admin_client, django_capture_on_commit_callbacks
):
    held = XtdComment.objects.get(comment=HELD)
    queue = admin_client.get(f"{CHANGELIST}?etat=held").content.decode()
    assert HELD in queue
    assert Article.objects.get(pk=page.pk).title not in queue
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(CHANGELIST, {"action": "approve", "_selected_action": [held.pk]})
    assert HELD in client.get(page.get_absolute_url()).content.decode()
    assert mail.outbox == []  # no e-mail speaks of an article the comment is not on


def test_the_admin_opens_a_page_comment_on_its_page(page, admin_client):
    comment = XtdComment.objects.get(comment__startswith="« Après que »")
    response = admin_client.get(f"{CHANGELIST}{comment.pk}/change/")
    assert f'href="{page.get_absolute_url()}#c{comment.pk}"' in response.content.decode()


def test_the_public_filter_lists_the_comments_readers_see_on_pages(page, admin_client):
    queue = admin_client.get(f"{CHANGELIST}?etat=public").content.decode()
    assert "Oui : l’action est accomplie, donc indicatif." in queue
    assert HELD not in queue
