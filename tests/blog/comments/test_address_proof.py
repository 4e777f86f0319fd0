"""Trust needs proof: an address is only the sender's once they opened the link mailed to it."""

import re

import pytest
from django.core import mail
from django_comments_xtd.models import XtdComment

from blog.comments import proof
from blog.models import CommentModeration
from tests.blog.comments.conftest import prove_address
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db
State = CommentModeration.State


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user(
        "modo", "modo@example.org", "x", is_staff=True, is_superuser=True
    )


def confirm_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/commentaires/confirmer/\S+/)", message.body)[1]


def latest() -> XtdComment:
    return XtdComment.norel_objects.select_related("moderation").latest("pk")


def test_a_stranger_typing_a_trusted_address_is_not_published(article, post_comment, client):
    CommentFactory(article=article, user_email="camille@example.org")

    response = post_comment(article, name="Usurpateur", comment="Je dis n’importe quoi.")

    comment = latest()
    assert not comment.is_public
    assert comment.moderation.state == State.UNCONFIRMED
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]  # the real owner
    assert "/commentaires/confirmer/" in mail.outbox[0].body
    assert "ouvrez le lien" in client.get(response["Location"]).content.decode()
    assert "Usurpateur" not in client.get(article.get_absolute_url()).content.decode()


def test_a_stranger_typing_an_editors_address_is_not_published(
    article, post_comment, django_user_model
):
    django_user_model.objects.create_user("plume", "plume@example.org", "x", is_staff=True)
    CommentFactory(article=article, user_email="plume@example.org")

    post_comment(article, name="La rédaction", email="Plume@example.org")

    assert latest().moderation.state == State.UNCONFIRMED
    assert [m.to for m in mail.outbox] == [["Plume@example.org"]]


def test_the_owner_with_the_proof_cookie_is_published_at_once(article, post_comment, client):
    CommentFactory(article=article, user_email="camille@example.org")
    prove_address(client, "Camille@Example.org")

    response = post_comment(article)

    assert latest().is_public
    assert mail.outbox == []
    assert "Votre commentaire est publié." in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "cookie",
    ["camille@example.org", "faux:jeton:signé"],
    ids=["unsigned", "garbage"],
)
def test_an_unsigned_or_forged_proof_proves_nothing(article, post_comment, client, cookie):
    CommentFactory(article=article, user_email="camille@example.org")
    client.cookies[proof.COOKIE] = cookie

    post_comment(article)

    assert latest().moderation.state == State.UNCONFIRMED


def test_the_proof_of_another_address_proves_nothing(article, post_comment, client):
    CommentFactory(article=article, user_email="camille@example.org")
    prove_address(client, "autre@example.org")

    post_comment(article)

    assert latest().moderation.state == State.UNCONFIRMED


def test_the_owner_confirming_a_trusted_address_publishes_the_comment(
    article, post_comment, client, django_capture_on_commit_callbacks
):
    CommentFactory(article=article, user_email="camille@example.org")
    post_comment(article)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(confirm_path(mail.outbox[0]))

    assert "Commentaire publié" in response.content.decode()
    assert latest().is_public


def test_confirming_sets_a_lasting_signed_httponly_proof_cookie(article, post_comment, client):
    post_comment(article, email="Camille@Example.org")
    assert proof.COOKIE not in client.get(confirm_path(mail.outbox[0])).cookies  # GET: nothing

    response = client.post(confirm_path(mail.outbox[0]))

    cookie = response.cookies[proof.COOKIE]
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 360 * 24 * 3600
    assert not cookie["secure"]  # the test settings serve plain HTTP
    assert "camille" not in cookie.value.casefold()  # signed and encoded, not the address
    post_comment(article, email="camille@example.org", comment="Même adresse, autre casse.")
    assert latest().moderation.state == State.HELD


def test_the_proof_cookie_is_secure_when_the_settings_say_so(
    article, post_comment, client, settings
):
    settings.SESSION_COOKIE_SECURE = True
    post_comment(article)
    assert client.post(confirm_path(mail.outbox[0])).cookies[proof.COOKIE]["secure"]


def test_a_confirmed_commenter_is_remembered_while_the_comment_waits(
    article, post_comment, client, moderator, django_capture_on_commit_callbacks
):
    post_comment(article, comment="Premier commentaire")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_path(mail.outbox[0]))
    assert [m.to for m in mail.outbox] == [["camille@example.org"], ["modo@example.org"]]

    for i in range(4):  # more than the daily cap of confirmation e-mails
        response = post_comment(article, comment=f"Encore une idée, la numéro {i}.")
        assert response.status_code == 302
        page = client.get(response["Location"]).content.decode()
        assert "en attente de modération" in page
        assert response.cookies[proof.COOKIE].value  # posting as a proven commenter renews it

    states = list(CommentModeration.objects.values_list("state", flat=True))
    assert states == [State.HELD] * 5
    sent_to = [m.to for m in mail.outbox]
    assert ["camille@example.org"] not in sent_to[1:]  # no new confirmation e-mail
    assert sent_to[1:] == [["modo@example.org"]] * 5


def test_once_approved_the_proven_commenter_is_published_at_once(
    article, post_comment, client, moderator
):
    from blog.comments.services import comment_approve

    post_comment(article)
    client.post(confirm_path(mail.outbox[0]))
    comment_approve(comment_id=latest().pk, by=moderator)

    post_comment(article, comment="Une suite, publiée sans attendre.")

    assert latest().is_public


def test_signed_in_staff_posting_under_their_own_address_are_unaffected(
    article, post_comment, client, django_user_model
):
    editor = django_user_model.objects.create_user("plume", "plume@example.org", "x", is_staff=True)
    CommentFactory(article=article, user_email="plume@example.org")
    client.force_login(editor)

    post_comment(article, email="plume@example.org", comment="Réponse de la rédaction.")
    assert latest().is_public

    post_comment(article, email="quelquun@example.org", comment="Sous une autre adresse.")
    assert latest().moderation.state == State.UNCONFIRMED
