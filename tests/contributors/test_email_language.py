"""Applicants get their e-mails in the language they applied in; editors theirs in French."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from contributors import services
from contributors.models import Submission
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def confirm_path(message) -> str:
    return re.search(r"https?://[^/\s]+(/devenez-chroniqueur/confirmer/\S+)", message.body).group(1)


def test_an_english_applicant_gets_english_e_mails_and_the_editors_french_ones(
    client, charter, editor, application_data, django_capture_on_commit_callbacks
):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("contributors:apply"), application_data)
    (confirmation,) = mail.outbox
    assert confirmation.subject == "Confirm your address for “Écrire une newsletter qu’on lit”"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(confirm_path(confirmation))
    by_address = {message.to[0]: message for message in mail.outbox}
    assert by_address["chloe@example.org"].subject.startswith("Submission received:")
    assert by_address["editrice@example.org"].subject.startswith("Nouvelle proposition :")

    mail.outbox.clear()
    submission = Submission.objects.get()
    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        services.submission_decline(submission=submission, editor=editor)
    (decision,) = mail.outbox
    assert decision.body.startswith("Hello Chloé Martin,")
    assert "we will not take it for the blog" in decision.body


def test_a_french_applicant_stays_in_french(
    client, charter, application_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("contributors:apply"), application_data)
    (confirmation,) = mail.outbox
    assert (
        confirmation.subject == "Confirmez votre adresse pour « Écrire une newsletter qu’on lit »"
    )


def test_status_links_follow_the_language_they_are_asked_in(django_capture_on_commit_callbacks):
    SubmissionFactory(email="chloe@example.org", status="new")
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.submission_links_resend(email="chloe@example.org")
    (links,) = mail.outbox
    assert links.subject == "Your status links"
    assert "Here are the follow-up links of your submissions:" in links.body
