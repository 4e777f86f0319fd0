"""The address confirmation link: signed, expiring, GET-safe, harmless when reused."""

import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from blog.comments import tokens
from blog.models import CommentModeration

pytestmark = pytest.mark.django_db
State = CommentModeration.State


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user(
        "modo", "modo@example.org", "x", is_staff=True, is_superuser=True
    )


def confirm_link(message) -> str:
    return re.search(r"https?://\S+/commentaires/confirmer/\S+/", message.body).group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_link_carries_only_the_comment_id(article, post_comment):
    post_comment(article)
    token = path_of(confirm_link(mail.outbox[0])).split("/")[-2]
    comment = XtdComment.norel_objects.get()
    assert token.split(":")[0] == str(comment.pk)
    assert "camille" not in token


def test_get_shows_a_button_and_changes_nothing(article, post_comment, client, moderator):
    post_comment(article)
    response = client.get(path_of(confirm_link(mail.outbox[0])))

    assert response.status_code == 200
    assert "Confirmer mon commentaire" in response.content.decode()
    assert XtdComment.norel_objects.get().moderation.state == State.UNCONFIRMED
    assert len(mail.outbox) == 1


def test_post_confirms_then_the_comment_waits_for_a_moderator(
    article, post_comment, client, moderator, django_capture_on_commit_callbacks
):
    post_comment(article)
    path = path_of(confirm_link(mail.outbox[0]))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(path)

    assert "en attente de modération" in response.content.decode()
    comment = XtdComment.norel_objects.get()
    assert comment.moderation.state == State.HELD
    assert comment.moderation.confirmed_at is not None
    assert not comment.is_public
    assert mail.outbox[1].to == ["modo@example.org"]
    assert f"/admin/django_comments_xtd/xtdcomment/{comment.pk}/approuver/" in mail.outbox[1].body


def test_confirming_twice_is_harmless(
    article, post_comment, client, moderator, django_capture_on_commit_callbacks
):
    post_comment(article)
    path = path_of(confirm_link(mail.outbox[0]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(path)
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(path)

    assert again.status_code == 200
    assert "Ce lien avait déjà servi" in again.content.decode()
    assert len(mail.outbox) == 2  # confirmation + one moderator notice
    assert XtdComment.norel_objects.get().moderation.state == State.HELD


def test_reused_link_after_approval_says_so(article, post_comment, client, moderator):
    from blog.comments.services import comment_approve

    post_comment(article)
    path = path_of(confirm_link(mail.outbox[0]))
    client.post(path)
    comment_approve(comment_id=XtdComment.norel_objects.get().pk, by=moderator)

    response = client.get(path)
    assert response.status_code == 200
    assert "Commentaire publié" in response.content.decode()


def test_expired_link_gives_a_clear_page(article, post_comment, client):
    post_comment(article)
    path = path_of(confirm_link(mail.outbox[0]))

    with time_machine.travel(timezone.now() + timezone.timedelta(hours=49)):
        response = client.post(path)

    assert response.status_code == 410
    assert "Lien expiré" in response.content.decode()
    assert XtdComment.norel_objects.get().moderation.state == State.UNCONFIRMED


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
        lambda t: "999999:" + t.split(":", 1)[1],
        lambda t: "n'importe-quoi",
        lambda t: "%00%0d%0a",
        lambda t: "x" * 5000,
    ],
    ids=["signature", "id", "garbage", "control", "huge"],
)
def test_tampered_links_give_a_clear_page(article, post_comment, client, mangle):
    post_comment(article)
    token = path_of(confirm_link(mail.outbox[0])).split("/")[-2]

    for method in (client.get, client.post):
        response = method(f"/commentaires/confirmer/{mangle(token)}/")
        assert response.status_code in (400, 404)
        assert "Lien invalide" in response.content.decode()
    assert XtdComment.norel_objects.get().moderation.state == State.UNCONFIRMED


def test_link_of_a_purged_comment_is_invalid(client, db):
    response = client.get(f"/commentaires/confirmer/{tokens.make(tokens.CONFIRM, 424242)}/")
    assert response.status_code == 404
    assert "Lien invalide" in response.content.decode()


def test_purge_deletes_old_unconfirmed_comments_only(article, post_comment):
    from django.core.management import call_command

    from tests.factories import CommentFactory

    post_comment(article)
    kept = CommentFactory(article=article, state="held")
    XtdComment.norel_objects.filter(user_email="camille@example.org").update(
        submit_date=timezone.now() - timezone.timedelta(days=8)
    )
    recent_unconfirmed = CommentFactory(article=article, state="unconfirmed")

    call_command("purge_unconfirmed_comments", days=7)

    assert set(XtdComment.norel_objects.values_list("pk", flat=True)) == {
        kept.pk,
        recent_unconfirmed.pk,
    }
