"""Editions: suggestions, rendering, scheduling and sending through the task backend."""

from datetime import timedelta
from unittest import mock
from urllib.parse import urlsplit

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser, User
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from newsletter import sending, services
from newsletter.emails import EditionMessages
from newsletter.models import Delivery, Edition
from tests.factories import ArticleFactory, EditionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("redaction", "redaction@example.org", "x")


@pytest.fixture
def edition(db):
    edition = EditionFactory()
    edition.items.create(article=ArticleFactory(title="Écrire court"), position=2)
    edition.items.create(article=ArticleFactory(title="Titrer juste"), position=1)
    return edition


def test_suggestions_are_the_articles_published_since_the_last_sent_edition():
    now = timezone.now()
    ArticleFactory(title="Ancien", published_at=now - timedelta(days=40))
    EditionFactory(status=Edition.Status.SENT, sent_at=now - timedelta(days=30))
    recent = [
        ArticleFactory(title=f"Récent {i}", published_at=now - timedelta(days=10 - i))
        for i in range(3)
    ]
    ArticleFactory(title="Brouillon", status="draft", published_at=now - timedelta(days=2))
    ArticleFactory(title="Futur", status="scheduled", published_at=now + timedelta(days=2))
    assert services.edition_suggested_articles() == recent


def test_the_html_part_is_responsive_with_inline_css_and_a_text_part(edition):
    message = EditionMessages(edition).for_address("a@example.org", "https://u/", {})
    html = message.alternatives[0][0]
    assert 'name="viewport"' in html and 'style="' in html and "<link" not in html
    assert html.index("Titrer juste") < html.index("Écrire court")
    assert message.body.index("Titrer juste") < message.body.index("Écrire court")
    assert "https://u/" in message.body and "https://u/" in html
    assert "<" not in message.body.replace("<http", "")


def schedule_now(edition, editor, run_on_commit):
    return run_on_commit(services.edition_schedule, edition=edition, at=timezone.now(), by=editor)


def test_sending_reaches_each_confirmed_subscriber_once_and_nobody_else(
    edition, editor, run_on_commit
):
    confirmed = [SubscriberFactory() for _ in range(5)]
    for status in ["pending", "unsubscribed", "bounced", "complained"]:
        SubscriberFactory(status=status)
    schedule_now(edition, editor, run_on_commit)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert edition.recipients_count == 5
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in confirmed)
    assert sending.edition_progress(edition) == {"total": 5, "sent": 5, "failed": 0, "skipped": 0}

    assert not sending.edition_start_sending(edition_id=edition.pk)
    assert sending.edition_send_pending(edition_id=edition.pk) == "idle"
    assert len(mail.outbox) == 5


def test_a_scheduled_edition_waits_for_its_time(edition, editor, run_on_commit):
    SubscriberFactory()
    later = timezone.now() + timedelta(hours=2)
    run_on_commit(services.edition_schedule, edition=edition, at=later, by=editor)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SCHEDULED
    assert mail.outbox == []
    call_command("newsletter_send_due", stdout=mock.MagicMock())
    assert mail.outbox == []
    with time_machine.travel(later + timedelta(minutes=1)):
        call_command("newsletter_send_due", stdout=mock.MagicMock())
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert len(mail.outbox) == 1


def test_unscheduling_and_illegal_moves(edition, editor, run_on_commit):
    run_on_commit(
        services.edition_schedule,
        edition=edition,
        at=timezone.now() + timedelta(days=1),
        by=editor,
    )
    services.edition_unschedule(edition=edition, by=editor)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT
    with pytest.raises(services.NewsletterError):
        services.edition_unschedule(edition=edition, by=editor)
    with pytest.raises(services.NewsletterError):
        services.edition_schedule(edition=edition, at=timezone.now(), by=AnonymousUser())
    with pytest.raises(services.NewsletterError):
        services.edition_schedule(edition=EditionFactory(), at=timezone.now(), by=editor)
    schedule_now(edition, editor, run_on_commit)
    with pytest.raises(services.NewsletterError):
        services.edition_schedule(edition=edition, at=timezone.now(), by=editor)


def test_failures_are_recorded_and_retried_with_back_off(edition, editor, run_on_commit):
    SubscriberFactory(email="ok@example.org")
    SubscriberFactory(email="flaky@example.org")
    real_send = mail.EmailMultiAlternatives.send

    def flaky(message, *args, **kwargs):
        if message.to == ["flaky@example.org"]:
            raise OSError("Connection refused")
        return real_send(message, *args, **kwargs)

    with mock.patch.object(mail.EmailMultiAlternatives, "send", flaky):
        schedule_now(edition, editor, run_on_commit)
    failed = Delivery.objects.get(subscriber__email="flaky@example.org")
    assert failed.status == Delivery.Status.PENDING
    assert failed.attempts == 1
    assert "Connection refused" in failed.last_error
    assert failed.next_attempt_at > timezone.now() + timedelta(seconds=50)
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENDING
    assert sending.edition_send_pending(edition_id=edition.pk) == "waiting"
    with time_machine.travel(failed.next_attempt_at + timedelta(seconds=1)):
        assert sending.edition_send_pending(edition_id=edition.pk) == "sent"
    assert sorted(m.to[0] for m in mail.outbox) == ["flaky@example.org", "ok@example.org"]


def test_a_delivery_that_keeps_failing_ends_as_failed(edition, editor, run_on_commit, settings):
    settings.NEWSLETTER_MAX_ATTEMPTS = 2
    SubscriberFactory(email="dead@example.org")
    with mock.patch.object(mail.EmailMultiAlternatives, "send", side_effect=OSError("boom")):
        schedule_now(edition, editor, run_on_commit)
        with time_machine.travel(timezone.now() + timedelta(hours=1)):
            assert sending.edition_send_pending(edition_id=edition.pk) == "sent"
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.FAILED, 2)
    assert sending.edition_progress(edition)["failed"] == 1


def started(edition):
    edition.status = Edition.Status.SCHEDULED
    edition.scheduled_at = timezone.now()
    edition.save()
    assert sending.edition_start_sending(edition_id=edition.pk)


def test_two_workers_never_claim_the_same_rows(edition):
    for _ in range(7):
        SubscriberFactory()
    started(edition)
    first = sending._claim(edition.pk, "worker-a", 4)
    second = sending._claim(edition.pk, "worker-b", 4)
    assert len(first) == 4 and len(second) == 3
    assert not {d.pk for d in first} & {d.pk for d in second}
    assert sending._claim(edition.pk, "worker-c", 4) == []


def test_rows_of_a_silent_worker_are_given_back_after_the_lease(edition, settings):
    settings.NEWSLETTER_LEASE_SECONDS = 60
    SubscriberFactory()
    started(edition)
    assert len(sending._claim(edition.pk, "dead-worker", 10)) == 1
    assert sending.edition_send_pending(edition_id=edition.pk) == "waiting"
    assert mail.outbox == []
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert sending.edition_send_pending(edition_id=edition.pk) == "sent"
    assert len(mail.outbox) == 1


def test_someone_who_leaves_during_a_send_is_skipped(edition):
    gone = SubscriberFactory()
    SubscriberFactory()
    started(edition)
    services.subscriber_unsubscribe(subscriber=gone)
    assert sending.edition_send_pending(edition_id=edition.pk) == "sent"
    assert [m.to[0] for m in mail.outbox] != [gone.email]
    assert len(mail.outbox) == 1
    assert Delivery.objects.get(subscriber=gone).status == Delivery.Status.SKIPPED


def test_the_test_send_goes_to_the_editor_only(edition, editor, run_on_commit):
    SubscriberFactory()
    run_on_commit(services.edition_send_test, edition=edition, to=editor.email, by=editor)
    assert [m.to for m in mail.outbox] == [["redaction@example.org"]]


def test_the_test_send_says_so_and_its_unsubscribe_link_harms_nobody(
    client, edition, editor, run_on_commit
):
    run_on_commit(services.edition_send_test, edition=edition, to=editor.email, by=editor)
    message = mail.outbox[0]
    html = message.alternatives[0][0]
    assert message.subject == f"[TEST] {edition.subject}"
    assert "Ceci est un e-mail de test, envoyé à vous seul" in message.body
    assert "Ceci est un e-mail de test, envoyé à vous seul" in html
    assert "/lettre/desabonnement/" not in message.body + html
    headers = message.message()
    assert headers["List-Unsubscribe-Post"] is None
    page = headers["List-Unsubscribe"].strip("<>")
    assert page in message.body and f'href="{page}"' in html
    assert client.get(urlsplit(page).path).status_code == 200
    assert mail.outbox[0].subject.startswith("[TEST]")
    assert Delivery.objects.count() == 0


def test_the_cron_command_resumes_a_send_whose_worker_died(edition, settings):
    settings.NEWSLETTER_LEASE_SECONDS = 60
    SubscriberFactory()
    started(edition)
    sending._claim(edition.pk, "dead-worker", 10)
    later = timezone.now() + timedelta(seconds=61)
    with time_machine.travel(later):
        call_command("newsletter_send_due", stdout=mock.MagicMock())
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert len(mail.outbox) == 1
