"""Signup e-mails are in the language the reader used on the site when signing up."""

import re

import pytest
from django.conf import settings
from django.core import mail

from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db


def confirm_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/lettre/confirmation/[^/\s]+/)", message.body).group(1)


def test_an_english_signup_gets_its_confirmation_and_welcome_in_english(
    client, post_signup, django_capture_on_commit_callbacks
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    post_signup()
    (confirmation,) = mail.outbox
    assert confirmation.subject.startswith("Confirm your subscription to the")

    # The link is often opened elsewhere (another browser, no language chosen).
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_path(confirmation))
    welcome = mail.outbox[-1]
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    assert welcome.subject.startswith("Welcome to the")


def test_a_french_signup_stays_in_french(post_signup):
    post_signup()
    (confirmation,) = mail.outbox
    assert confirmation.subject.startswith("Confirmez votre inscription à la newsletter")


def test_signing_up_again_in_english_answers_in_english(client, post_signup):
    post_signup()
    Subscriber.objects.update(status=Subscriber.Status.CONFIRMED)
    mail.outbox.clear()

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    post_signup()

    (reminder,) = mail.outbox
    assert reminder.subject.startswith("You are already subscribed to the")
    assert Subscriber.objects.get().language == "en"


def html_part(message) -> str:
    return next(body for body, mimetype in message.alternatives if mimetype == "text/html")


def test_each_message_says_the_language_it_is_written_in(client, post_signup):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    post_signup("reader@example.org")
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    post_signup("lectrice@example.org")
    english, french = mail.outbox
    assert '<html lang="en">' in html_part(english)
    assert '<html lang="fr">' in html_part(french)
