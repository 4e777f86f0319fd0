"""The editors' side: subscribers (counts, CSV import/export, bounces), editions."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from newsletter.models import Delivery, Edition, Subscriber
from tests.factories import ArticleFactory, EditionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = User.objects.create_superuser("redaction", "redaction@example.org", "x")
    client.force_login(user)
    return client


def test_subscriber_list_shows_counts_by_status_and_month_and_filters(admin_client):
    SubscriberFactory(email="un@example.org")
    SubscriberFactory(email="deux@example.org", status="pending")
    response = admin_client.get("/admin/newsletter/subscriber/?status__exact=pending&q=deux")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Abonnés par statut" in body and "Inscriptions par mois" in body
    assert "deux@example.org" in body and "un@example.org" not in body


CSV = (
    "email,consented_at\n"
    "Alice@Example.org,2025-01-02T10:00:00\n"
    "alice@example.org,\n"
    "pas-une-adresse,\n"
    '"bob@example.org\r\nBcc: x@example.org",\n'
    "a@b@example.org,\n"
    "deja@example.org,\n"
    "=cmd|calc@example.org,\n"
    "jetable@mailinator.com,\n"
    ",\n"
    "carla@example.org,\n"
)


def test_csv_import_merges_duplicates_records_source_and_reports_broken_rows(admin_client):
    SubscriberFactory(email="deja@example.org", status="unsubscribed")
    upload = SimpleUploadedFile("abonnes.csv", CSV.encode(), content_type="text/csv")
    response = admin_client.post(
        "/admin/newsletter/subscriber/import/", {"file": upload, "source": "Salon 2025"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count('class="invalid-row"') == 4
    alice = Subscriber.objects.get(email="alice@example.org")
    assert alice.status == Subscriber.Status.CONFIRMED
    assert alice.source == "Salon 2025" and "Salon 2025" in alice.consent_text
    assert alice.consented_at.year == 2025
    assert Subscriber.objects.get(email="deja@example.org").status == "unsubscribed"
    assert set(Subscriber.objects.values_list("email", flat=True)) == {
        "alice@example.org",
        "deja@example.org",
        "carla@example.org",
        "=cmd|calc@example.org",
    }
    assert mail.outbox == []


def test_csv_export_streams_every_subscriber_without_formulas(admin_client):
    SubscriberFactory(email="a@example.org", source="=HYPERLINK()")
    response = admin_client.get("/admin/newsletter/subscriber/export/")
    content = b"".join(response.streaming_content).decode()
    assert content.splitlines()[0].startswith("email,status")
    assert "a@example.org" in content and "'=HYPERLINK()" in content


def test_bounce_and_complaint_by_admin_action_and_by_command(admin_client):
    one = SubscriberFactory(email="one@example.org")
    two = SubscriberFactory(email="two@example.org")
    admin_client.post(
        "/admin/newsletter/subscriber/",
        {"action": "mark_bounced", "_selected_action": [one.pk]},
    )
    one.refresh_from_db()
    assert one.status == Subscriber.Status.BOUNCED
    call_command("newsletter_bounce", "TWO@example.org", "--complaint", stdout=StringIO())
    two.refresh_from_db()
    assert two.status == Subscriber.Status.COMPLAINED
    with pytest.raises(CommandError):
        call_command("newsletter_bounce", "inconnu@example.org", stdout=StringIO())


def test_new_edition_form_offers_the_suggested_articles_and_saves_them(admin_client):
    first = ArticleFactory(published_at=timezone.now() - timedelta(days=2))
    second = ArticleFactory(published_at=timezone.now() - timedelta(days=1))
    response = admin_client.get("/admin/newsletter/edition/add/")
    body = response.content.decode()
    assert f'name="items-0-article" value="{first.pk}"' in body
    assert f'name="items-1-article" value="{second.pk}"' in body
    data = {
        "subject": "Lettre d’avril",
        "intro": "Bonjour.",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-article": str(first.pk),
        "items-0-position": "2",
        "items-1-article": str(second.pk),
        "items-1-position": "1",
        "_save": "Enregistrer",
    }
    response = admin_client.post("/admin/newsletter/edition/add/", data)
    assert response.status_code == 302
    edition = Edition.objects.get()
    assert [item.article for item in edition.items.all()] == [second, first]


def test_send_page_previews_sends_a_test_and_schedules(
    admin_client, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    edition = EditionFactory(subject="Lettre de mars")
    edition.items.create(article=ArticleFactory(title="Un bon article"), position=1)
    page = admin_client.get(f"/admin/newsletter/edition/{edition.pk}/envoi/")
    assert page.status_code == 200
    preview = admin_client.get(f"/admin/newsletter/edition/{edition.pk}/apercu/")
    assert "Un bon article" in preview.content.decode()
    assert preview["X-Frame-Options"] == "SAMEORIGIN"

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(f"/admin/newsletter/edition/{edition.pk}/envoi/", {"action": "test"})
    assert [m.to for m in mail.outbox] == [["redaction@example.org"]]

    later = timezone.localtime() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/newsletter/edition/{edition.pk}/envoi/",
            {"action": "schedule", "at": later.strftime("%Y-%m-%dT%H:%M")},
        )
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SCHEDULED
    assert len(mail.outbox) == 1

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/newsletter/edition/{edition.pk}/envoi/", {"action": "send_now_confirmed"}
        )
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    listing = admin_client.get("/admin/newsletter/edition/").content.decode()
    assert "1 / 1 / 0" in listing
    assert Delivery.objects.filter(status="sent").count() == 1


def test_privacy_export_erase_and_purge_commands():
    subscriber = SubscriberFactory(email="moi@example.org", consent_version="2026-01")
    out = StringIO()
    call_command("personal_data", "export", "MOI@example.org", stdout=out)
    data = json.loads(out.getvalue())["newsletter"]
    assert data["email"] == "moi@example.org" and data["consent_version"] == "2026-01"
    call_command("personal_data", "erase", "moi@example.org", "--yes", stdout=StringIO())
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()
    out = StringIO()
    call_command("personal_data", "export", "moi@example.org", stdout=out)
    assert json.loads(out.getvalue())["newsletter"] is None

    old = SubscriberFactory(status="pending")
    Subscriber.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=40))
    fresh = SubscriberFactory(status="pending")
    kept = SubscriberFactory()
    Subscriber.objects.filter(pk=kept.pk).update(created_at=timezone.now() - timedelta(days=400))
    call_command("purge_unconfirmed_subscribers", stdout=StringIO())
    assert set(Subscriber.objects.values_list("pk", flat=True)) == {fresh.pk, kept.pk}


def test_about_box_counts_confirmed_subscribers_live(
    client, about_page, django_capture_on_commit_callbacks
):
    from newsletter import services
    from newsletter.tokens import confirm_token

    SubscriberFactory()
    assert "<strong>1</strong> abonné à la newsletter" in client.get("/").content.decode()
    pending = SubscriberFactory(status="pending", consented_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        services.subscriber_confirm(token=confirm_token(pending))
    assert "<strong>2</strong> abonnés à la newsletter" in client.get("/").content.decode()
