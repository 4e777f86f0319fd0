"""The page an old or broken commenter's link leads to says what is true of that link."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from blog.comments import tokens
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

RESEND = "vous pouvez l’envoyer à nouveau"
FROM_EMAIL = "copié en entier depuis l’e-mail reçu"


def later(**delta):
    return time_machine.travel(timezone.now() + timedelta(**delta))


def test_an_expired_confirmation_link_says_the_comment_can_be_sent_again(article, client):
    comment = CommentFactory(article=article, state="unconfirmed")
    path = f"/commentaires/confirmer/{tokens.make(tokens.CONFIRM, comment.pk)}/"

    with later(hours=49):
        response = client.get(path)

    assert response.status_code == 410
    page = response.content.decode()
    assert "Ce lien de confirmation n’est plus valable" in page
    assert RESEND in page
    assert f'href="{article.get_absolute_url()}"' in page


def test_an_expired_mute_link_points_to_the_latest_follow_up_email(article, client):
    comment = CommentFactory(article=article, followup=True)
    path = f"/commentaires/suivi/arreter/{tokens.make(tokens.MUTE, comment.pk)}/"

    with later(days=366):
        for method in (client.get, client.post):
            response = method(path)
            assert response.status_code == 410
            page = response.content.decode()
            assert "Ce lien d’arrêt du suivi n’est plus valable" in page
            assert "utilisez celui du dernier e-mail reçu" in page
            assert RESEND not in page


def test_the_sent_page_reloaded_after_an_hour_says_the_comment_is_safe(
    article, post_comment, client
):
    response = post_comment(article)
    assert client.get(response["Location"]).status_code == 200

    with later(minutes=61):
        response = client.get(response["Location"])

    assert response.status_code == 410
    page = response.content.decode()
    assert "Page expirée" in page
    assert "Votre commentaire, lui, n’est pas perdu" in page
    assert "Lien invalide" not in page and FROM_EMAIL not in page and RESEND not in page
    assert f'href="{article.get_absolute_url()}"' in page


def test_a_mangled_sent_page_address_does_not_speak_of_an_email(article, post_comment, client):
    location = post_comment(article)["Location"]

    response = client.get(location[:-3] + "xx/")

    assert response.status_code == 400
    page = response.content.decode()
    assert "Page introuvable" in page
    assert "ne correspond à aucun commentaire envoyé" in page
    assert FROM_EMAIL not in page


def test_a_mangled_email_link_still_says_to_copy_it_whole(client, db):
    response = client.get("/commentaires/suivi/arreter/abimé/")
    assert response.status_code == 400
    assert FROM_EMAIL in response.content.decode()
