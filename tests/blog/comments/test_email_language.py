"""Commenters get their e-mails in the language they used on the site; moderators in French."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.utils import translation
from django_comments_xtd.models import XtdComment

from blog.comments import services
from blog.models import CommentModeration
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user(
        "modo", "modo@example.org", "x", is_staff=True, is_superuser=True
    )


def confirm_path(message) -> str:
    url = re.search(r"https?://\S+/commentaires/confirmer/\S+/", message.body).group(0)
    return "/" + url.split("/", 3)[3]


def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_an_english_commenter_is_asked_to_confirm_then_told_of_publication_in_english(
    article, post_comment, client, moderator, django_capture_on_commit_callbacks
):
    english(client)
    post_comment(article)

    (confirmation,) = mail.outbox
    assert confirmation.subject == "Confirm your comment on “Écrire pour le web”"
    assert "You left a comment" in confirmation.body

    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_path(confirmation))
    held = mail.outbox[-1]
    assert held.to == ["modo@example.org"]
    assert held.subject.startswith("Commentaire à modérer sur « Écrire pour le web »")

    comment = XtdComment.norel_objects.get()
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment_id=comment.pk, by=moderator)
    approval = mail.outbox[-1]
    assert approval.to == ["camille@example.org"]
    assert approval.subject == "Your comment on “Écrire pour le web” is published"
    assert "has just been published" in approval.body


def test_a_french_commenter_stays_in_french(article, post_comment, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    post_comment(article)

    (confirmation,) = mail.outbox
    assert confirmation.subject == "Confirmez votre commentaire sur « Écrire pour le web »"
    assert "Vous avez laissé un commentaire" in confirmation.body


def test_each_follower_hears_of_a_reply_in_their_own_language(
    moderator, django_capture_on_commit_callbacks
):
    parent = CommentFactory(user_email="reader@example.org", user_name="Sam", followup=True)
    CommentModeration.objects.filter(comment=parent).update(language="en")
    french = CommentFactory(
        article=parent.content_object,
        parent=parent,
        user_email="lectrice@example.org",
        followup=True,
    )
    held = CommentFactory(article=parent.content_object, parent=french, state="held")

    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment_id=held.pk, by=moderator)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address["reader@example.org"].subject.startswith("New reply on")
    assert "Stop receiving these e-mails" in by_address["reader@example.org"].body
    assert by_address["lectrice@example.org"].subject.startswith("Nouvelle réponse sur")
    assert by_address[held.user_email].subject.startswith("Votre commentaire sur")
