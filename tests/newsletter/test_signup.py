"""Signing up: double opt-in, answers that reveal nothing, hostile input, rate limits."""

import math
import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from newsletter import tasks
from newsletter.models import Subscriber
from tests.factories import SubscriberFactory

pytestmark = pytest.mark.django_db


def confirm_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/lettre/confirmation/[^/\s]+/)", message.body).group(1)


def test_signup_records_consent_and_sends_a_confirmation_link_after_commit(post_signup):
    response = post_signup(" Lectrice@Example.ORG ")
    assert response.status_code == 302
    assert response["Location"] == "/lettre/merci/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "lectrice@example.org"
    assert subscriber.status == Subscriber.Status.PENDING
    assert subscriber.source == "sidebar"
    assert subscriber.consent_version and "newsletter" in subscriber.consent_text
    assert subscriber.consented_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lectrice@example.org"]
    assert "/lettre/confirmation/" in mail.outbox[0].body


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        ("confirm", Subscriber.Status.CONFIRMED),
        ("confirm", Subscriber.Status.UNSUBSCRIBED),
        ("welcome", Subscriber.Status.UNSUBSCRIBED),
        ("already_subscribed", Subscriber.Status.BOUNCED),
    ],
)
def test_a_queued_message_is_dropped_when_the_subscriber_has_moved_on(kind, status):
    subscriber = SubscriberFactory(status=status)
    tasks.send_subscriber_email.enqueue(subscriber_id=subscriber.pk, kind=kind)
    tasks.send_subscriber_email.enqueue(subscriber_id=subscriber.pk + 1, kind=kind)
    assert mail.outbox == []


def test_no_email_leaves_before_the_transaction_commits(client):
    client.post("/lettre/", {"email": "a@example.org", "consent": "on"})
    assert Subscriber.objects.filter(email="a@example.org").exists()
    assert mail.outbox == []


def test_confirmation_link_get_shows_a_button_and_post_confirms(client, post_signup):
    post_signup()
    path = confirm_path(mail.outbox[0])
    page = client.get(path)
    assert page.status_code == 200
    assert "Je confirme mon inscription" in page.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    mail.outbox.clear()
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(path)
    assert response.status_code == 200
    subscriber = Subscriber.objects.get()
    assert subscriber.status == Subscriber.Status.CONFIRMED
    assert subscriber.confirmed_at is not None
    assert [m.subject for m in mail.outbox] == [
        "Bienvenue dans la newsletter « Écrire pour le web »"
    ]
    assert mail.outbox[0].extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    again = client.post(path)
    assert again.status_code == 200
    assert "Inscription confirmée" in again.content.decode()


def test_expired_tampered_and_reused_confirmation_links_are_refused(client, post_signup):
    post_signup()
    path = confirm_path(mail.outbox[0])
    assert client.post(path[:-3] + "xx/").status_code == 400
    assert client.get(path.replace("confirmation/", "confirmation/9")).status_code == 400
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        expired = client.post(path)
    assert expired.status_code == 400
    assert "expiré" in expired.content.decode()
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    client.post(path)
    subscriber = Subscriber.objects.get()
    subscriber.status = Subscriber.Status.UNSUBSCRIBED
    subscriber.save()
    reused = client.post(path)
    assert reused.status_code == 400
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_a_new_signup_makes_the_previous_link_useless(client, post_signup):
    post_signup()
    first = confirm_path(mail.outbox[0])
    post_signup()
    second = confirm_path(mail.outbox[1])
    assert first != second
    assert client.post(first).status_code == 400
    assert client.post(second).status_code == 200


@pytest.mark.parametrize(
    "status", ["new", "pending", "confirmed", "unsubscribed", "bounced", "complained"]
)
def test_the_answer_is_the_same_whoever_the_address_belongs_to(post_signup, client, status):
    if status != "new":
        SubscriberFactory(email="lectrice@example.org", status=status)
    response = post_signup()
    assert response.status_code == 302
    assert response["Location"] == "/lettre/merci/"
    done = client.get(response["Location"])
    assert "Vérifiez votre boîte de réception" in done.content.decode()
    subscriber = Subscriber.objects.get()
    expected = {
        "new": Subscriber.Status.PENDING,
        "pending": Subscriber.Status.PENDING,
        "confirmed": Subscriber.Status.CONFIRMED,
        "unsubscribed": Subscriber.Status.PENDING,
        "bounced": Subscriber.Status.BOUNCED,
        "complained": Subscriber.Status.COMPLAINED,
    }[status]
    assert subscriber.status == expected
    if status == "confirmed":
        assert "déjà abonné" in mail.outbox[0].subject
    elif status in {"bounced", "complained"}:
        assert mail.outbox == []
    else:
        assert "/lettre/confirmation/" in mail.outbox[0].body


def test_responses_for_known_and_unknown_addresses_are_byte_identical(post_signup):
    SubscriberFactory(email="connue@example.org")
    known = post_signup("connue@example.org")
    unknown = post_signup("inconnue@example.org")
    assert known.status_code == unknown.status_code
    assert known["Location"] == unknown["Location"]
    assert known.content == unknown.content
    assert sorted(known.headers) == sorted(unknown.headers)


@pytest.mark.parametrize(
    "email",
    [
        "a@example.org\r\nBcc: victim@example.org",
        "a@exa\x00mple.org",
        "<script>alert(1)</script>@example.org",
        "x" * 5000 + "@example.org",
        "a@@example.org",
        "",
    ],
)
def test_hostile_input_is_refused_with_the_form_kept(client, email):
    response = client.post("/lettre/", {"email": email, "consent": "on"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "field-error" in body
    assert "<script>alert" not in body
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_invisible_characters_are_removed_from_a_valid_address(post_signup):
    post_signup("\u202elec\u200btrice@example.org\ufeff")
    assert Subscriber.objects.get().email == "lectrice@example.org"


def test_consent_is_required_and_the_address_is_kept(client):
    response = client.post("/lettre/", {"email": "garde@example.org"})
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="garde@example.org"' in body
    assert "Cochez la case" in body
    assert 'aria-describedby="nl-page-consent-error"' in body


@override_settings(NEWSLETTER_BLOCKED_DOMAINS=["jetable.example"])
def test_blocked_domains_and_their_subdomains_are_refused(client):
    for email in ["a@jetable.example", "a@mx.jetable.example"]:
        response = client.post("/lettre/", {"email": email, "consent": "on"})
        assert response.status_code == 400
        assert "jetables" in response.content.decode()
    assert Subscriber.objects.count() == 0


def test_honeypot_answers_like_a_success_but_records_nothing(post_signup):
    response = post_signup(honeypot="http://spam.example")
    assert response["Location"] == "/lettre/merci/"
    assert Subscriber.objects.count() == 0
    assert mail.outbox == []


def test_past_the_attempts_per_address_the_answer_is_the_same_and_nothing_is_sent(
    client, settings, django_capture_on_commit_callbacks
):
    settings.EPW_PUBLIC_FORM_LIMITS = {**settings.EPW_PUBLIC_FORM_LIMITS, "address": (2, 3600)}
    responses = []
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for i in range(3):
            traveller.shift(120)
            with django_capture_on_commit_callbacks(execute=True):
                responses.append(
                    client.post(
                        "/lettre/",
                        {"email": "cible@example.org", "consent": "on"},
                        REMOTE_ADDR=f"198.51.100.{i}",
                    )
                )
    assert [r["Location"] for r in responses] == ["/lettre/merci/"] * 3
    assert len(mail.outbox) == 2


def test_the_attempts_per_address_count_one_address_however_it_is_written(
    client, settings, django_capture_on_commit_callbacks
):
    settings.EPW_PUBLIC_FORM_LIMITS = {**settings.EPW_PUBLIC_FORM_LIMITS, "address": (2, 3600)}
    spellings = ["cible@example.org", " CIBLE@Example.org", "ci\u200bble@example.org"]
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for i, email in enumerate(spellings):
            traveller.shift(120)
            with django_capture_on_commit_callbacks(execute=True):
                client.post(
                    "/lettre/", {"email": email, "consent": "on"}, REMOTE_ADDR=f"198.51.100.{i}"
                )
    assert [m.to for m in mail.outbox] == [["cible@example.org"]] * 2


def test_rate_limit_per_client_address_answers_429_with_retry_after_and_keeps_input(
    client, settings
):
    settings.EPW_PUBLIC_FORM_LIMITS = {**settings.EPW_PUBLIC_FORM_LIMITS, "newsletter": (3, 3600)}
    codes = [
        client.post("/lettre/", {"email": f"p{i}@example.org", "consent": "on"}).status_code
        for i in range(3)
    ]
    response = client.post("/lettre/", {"email": "cible@example.org", "consent": "on"})
    assert codes == [302, 302, 302]
    assert response.status_code == 429
    minutes = math.ceil(int(response["Retry-After"]) / 60)
    assert minutes > 0
    page = response.content.decode()
    assert f"réessayez dans {minutes} minutes" in page
    assert 'value="cible@example.org"' in page


def test_the_form_follows_an_article_is_in_the_sidebar_elsewhere_and_on_its_own_page(client):
    from tests.factories import ArticleFactory

    article = ArticleFactory()
    forms = re.compile(r'id="nl-([a-z]+)-email"')
    assert forms.findall(client.get(article.get_absolute_url()).content.decode()) == ["article"]
    assert forms.findall(client.get("/").content.decode()) == ["sidebar"]
    assert forms.findall(client.get("/lettre/").content.decode()) == ["page"]
