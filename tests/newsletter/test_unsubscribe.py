"""Leaving the list: RFC 8058 headers, one-click POST, per-subscriber tokens, coming back."""

import pytest
from django.core import mail
from django.test import Client

from newsletter import emails
from newsletter.models import Subscriber
from newsletter.tokens import unsubscribe_token
from tests.factories import ArticleFactory, EditionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


def one_click_path(subscriber) -> str:
    return f"/lettre/desabonnement/{unsubscribe_token(subscriber)}/un-clic/"


def test_every_list_message_carries_rfc_8058_headers():
    subscriber = SubscriberFactory()
    edition = EditionFactory()
    edition.items.create(article=ArticleFactory(), position=1)
    messages = [
        emails.EditionMessages(edition).for_subscriber(subscriber),
        emails.list_message("newsletter/email/welcome", subscriber),
        emails.list_message("newsletter/email/already_subscribed", subscriber),
    ]
    for message in messages:
        headers = message.message()
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        target = headers["List-Unsubscribe"]
        assert target.startswith("<http") and target.endswith("/un-clic/>")
        assert unsubscribe_token(subscriber) in target
        html = {m: c for c, m in message.alternatives}["text/html"]
        page = f"/lettre/desabonnement/{unsubscribe_token(subscriber)}/"
        assert page in message.body and page in html


def test_one_click_post_needs_no_csrf_token_and_unsubscribes():
    subscriber = SubscriberFactory()
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        one_click_path(subscriber),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    assert subscriber.unsubscribed_at is not None
    again = client.post(one_click_path(subscriber), {"List-Unsubscribe": "One-Click"})
    assert again.status_code == 200


def test_the_unsubscribe_page_keeps_its_csrf_protection():
    subscriber = SubscriberFactory()
    client = Client(enforce_csrf_checks=True)
    response = client.post(f"/lettre/desabonnement/{unsubscribe_token(subscriber)}/")
    assert response.status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_a_get_on_the_links_changes_nothing(client):
    subscriber = SubscriberFactory()
    page = client.get(f"/lettre/desabonnement/{unsubscribe_token(subscriber)}/")
    assert "Me désabonner" in page.content.decode()
    assert client.get(one_click_path(subscriber)).status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED


def test_a_token_only_unsubscribes_its_own_subscriber(client):
    alice = SubscriberFactory(email="alice@example.org")
    bob = SubscriberFactory(email="bob@example.org")
    token = unsubscribe_token(alice)
    pk, _, rest = token.partition(".")
    forged = f"{bob.pk}.{rest}"
    assert client.post(f"/lettre/desabonnement/{forged}/un-clic/").status_code == 400
    assert client.post(f"/lettre/desabonnement/{forged}/").status_code == 400
    assert client.post("/lettre/desabonnement/nimportequoi/un-clic/").status_code == 400
    bob.refresh_from_db()
    assert bob.status == Subscriber.Status.CONFIRMED
    client.post(f"/lettre/desabonnement/{token}/un-clic/")
    alice.refresh_from_db()
    bob.refresh_from_db()
    assert (alice.status, bob.status) == ("unsubscribed", "confirmed")


def test_an_erased_then_recreated_address_does_not_honour_old_tokens(client):
    old = SubscriberFactory(email="x@example.org")
    token = unsubscribe_token(old)
    old.delete()
    SubscriberFactory(email="x@example.org")
    assert client.post(f"/lettre/desabonnement/{token}/un-clic/").status_code == 400


def test_page_unsubscribes_then_resubscribes(client):
    subscriber = SubscriberFactory()
    path = f"/lettre/desabonnement/{unsubscribe_token(subscriber)}/"
    response = client.post(path, {"action": "unsubscribe"})
    assert "Vous êtes désabonné" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
    response = client.post(path, {"action": "resubscribe"})
    subscriber.refresh_from_db()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    page = response.content.decode()
    assert "Vous êtes de nouveau abonné" in page and "Me désabonner" in page
    assert "Vous êtes de nouveau abonné" not in client.get(path).content.decode()
    assert mail.outbox == []
