"""Editions in the admin: choosing when to send, sending now, who may preview or delete."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.utils import timezone

from epw.roles import EDITOR_IN_CHIEF, MODERATOR, WRITER
from newsletter import services
from newsletter.models import Delivery, Edition
from tests.factories import ArticleFactory, EditionFactory, StaffUserFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("redaction", "redaction@example.org", "x")
    client.force_login(user)
    return client


@pytest.fixture
def edition(db):
    edition = EditionFactory(subject="Lettre de juin")
    edition.items.create(article=ArticleFactory(), position=1)
    return edition


def send_page(edition) -> str:
    return f"/admin/newsletter/edition/{edition.pk}/envoi/"


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def test_the_send_time_starts_empty_and_a_past_time_is_refused(
    admin_client, edition, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    page = admin_client.get(send_page(edition)).content.decode()
    field = page[page.index('name="at"') :].split(">", 1)[0]
    assert "value=" not in field

    yesterday = timezone.now() - timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            send_page(edition), {"action": "schedule", "at": local(yesterday)}
        )
    assert response.status_code == 200
    assert "Cette heure est déjà passée" in response.content.decode()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT
    assert mail.outbox == []


def test_the_service_refuses_a_time_past_the_grace_minutes(edition):
    editor = User.objects.create_superuser("chef", "chef@example.org", "x")
    with pytest.raises(services.NewsletterError, match="déjà passée"):
        services.edition_schedule(
            edition=edition, at=timezone.now() - timedelta(minutes=30), by=editor
        )
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT


def test_sending_now_is_confirmed_first_and_names_the_number_of_recipients(
    admin_client, edition, django_capture_on_commit_callbacks
):
    for _ in range(3):
        SubscriberFactory()
    SubscriberFactory(status="pending")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(send_page(edition), {"action": "send_now"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "partira tout de suite vers 3 abonnés confirmés" in body
    assert 'value="send_now_confirmed"' in body
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            send_page(edition), {"action": "send_now_confirmed"}, follow=True
        )
    assert "Envoi lancé vers 3 abonnés." in response.content.decode()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert len(mail.outbox) == 3


def test_scheduling_the_current_minute_asks_for_the_same_confirmation(
    admin_client, edition, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            send_page(edition), {"action": "schedule", "at": local(timezone.now())}
        )
    assert "partira tout de suite vers 1 abonné confirmé." in response.content.decode()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.DRAFT
    assert mail.outbox == []


def test_a_future_time_is_scheduled_without_sending(admin_client, edition):
    SubscriberFactory()
    later = timezone.now() + timedelta(hours=3)
    response = admin_client.post(
        send_page(edition), {"action": "schedule", "at": local(later)}, follow=True
    )
    assert "Envoi programmé le" in response.content.decode()
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SCHEDULED
    assert mail.outbox == []


@pytest.mark.parametrize("role", [MODERATOR, WRITER])
def test_the_preview_is_for_those_who_may_see_editions(client, edition, role):
    client.force_login(StaffUserFactory(role=role))
    assert client.get(f"/admin/newsletter/edition/{edition.pk}/apercu/").status_code == 403
    client.force_login(StaffUserFactory(role=EDITOR_IN_CHIEF))
    assert client.get(f"/admin/newsletter/edition/{edition.pk}/apercu/").status_code == 200


def sent_edition() -> Edition:
    edition = EditionFactory(subject="Lettre partie", status=Edition.Status.SENT)
    Delivery.objects.create(edition=edition, subscriber=SubscriberFactory(), status="sent")
    return edition


def test_a_sent_edition_offers_no_delete_and_refuses_one(admin_client):
    edition = sent_edition()
    page = admin_client.get(f"/admin/newsletter/edition/{edition.pk}/change/")
    assert page.status_code == 200
    assert "deletelink" not in page.content.decode()
    assert admin_client.get(f"/admin/newsletter/edition/{edition.pk}/delete/").status_code == 403
    deleting = admin_client.post(f"/admin/newsletter/edition/{edition.pk}/delete/", {"post": "yes"})
    assert deleting.status_code == 403
    assert Edition.objects.filter(pk=edition.pk).exists()
    assert Delivery.objects.filter(edition=edition).count() == 1


def test_the_bulk_delete_keeps_editions_that_went_out(admin_client):
    edition = sent_edition()
    draft = EditionFactory(subject="Brouillon")
    response = admin_client.post(
        "/admin/newsletter/edition/",
        {"action": "delete_selected", "_selected_action": [edition.pk, draft.pk], "post": "yes"},
        follow=True,
    )
    body = response.content.decode()
    assert "Suppression refusée : « Lettre partie » est partie" in body
    assert Edition.objects.count() == 2
    assert Delivery.objects.filter(edition=edition).count() == 1

    admin_client.post(
        "/admin/newsletter/edition/",
        {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"},
    )
    assert list(Edition.objects.all()) == [edition]
