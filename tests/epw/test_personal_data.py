"""Personal data requests: one command and one admin page export or erase everything the site
holds about an address, the admin's history, revisions and task rows included."""

import json
from io import StringIO

import pytest
import reversion
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import CharField, JSONField, TextField
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment
from django_tasks_db.models import DBTaskResult

from blog.comments import tasks as comment_tasks
from contributors import tasks as submission_tasks
from contributors.models import SubmissionMessage
from epw.roles import EDITOR_IN_CHIEF, WRITER
from newsletter import services as newsletter
from newsletter.models import Delivery, Subscriber
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    EditionFactory,
    StaffUserFactory,
    SubmissionFactory,
    SubscriberFactory,
)

pytestmark = pytest.mark.django_db

ADDRESS = "camille.martin@example.org"
PAGE = "/admin/donnees-personnelles/"


def mentions(needle: str) -> set[str]:
    """Every model column, then every raw table, where `needle` appears (any case)."""
    needle = needle.lower()
    found = set()
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if not isinstance(field, CharField | TextField | JSONField):
                continue
            rows = model._base_manager.annotate(_text=Cast(field.column, TextField()))
            if rows.filter(_text__icontains=needle).exists():
                found.add(f"{model._meta.label}.{field.name}")
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("utf-8", "replace")
                    if needle in str(value).lower():
                        found.add(table)
    return found


@pytest.fixture
def editor(client):
    user = StaffUserFactory(role=EDITOR_IN_CHIEF, email="redaction@example.org")
    client.force_login(user)
    return user


@pytest.fixture
def footprint(settings, client, editor, django_capture_on_commit_callbacks):
    """An address that commented, subscribed, applied, was edited in the admin, has a staff
    account and a mention in an article's history, with the task rows all that queued."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "newsletter"],
        }
    }
    article = ArticleFactory(title="Écrire pour le Web")
    approved = CommentFactory(
        article=article, user_email="Camille.Martin@example.org", comment="Très utile."
    )
    held = CommentFactory(
        article=article,
        user_email=ADDRESS,
        user_url="https://camille.example.org/",
        comment=f"Écrivez-moi à {ADDRESS.upper()} pour en parler.",
        state="held",
    )
    with django_capture_on_commit_callbacks(execute=True):
        newsletter.subscriber_signup(
            email=f" {ADDRESS.upper()} ",
            source="page",
            consent_text="J’accepte de recevoir la lettre.",
            consent_version="2026-01",
        )
        comment_tasks.send_confirmation.enqueue(comment_id=held.pk)
    subscriber = Subscriber.objects.get(email=ADDRESS)
    subscriber.status = Subscriber.Status.CONFIRMED
    subscriber.confirmed_at = timezone.now()
    subscriber.save()
    edition = EditionFactory(subject="Lettre de mars", status="sent", sent_at=timezone.now())
    Delivery.objects.create(
        edition=edition, subscriber=subscriber, status="sent", sent_at=timezone.now()
    )

    submission = SubmissionFactory(email="CAMILLE.martin@example.org", title="Le lien parfait")
    submission.photo.save("portrait.jpg", ContentFile(b"jpeg"), save=True)
    submission.versions.create(
        number=2, body="<p>Deuxième jet.</p>", source_file=ContentFile(b"docx", name="v2.docx")
    )
    submission.messages.create(kind=SubmissionMessage.Kind.TO_APPLICANT, body="Bonjour Camille")
    submission.messages.create(kind=SubmissionMessage.Kind.NOTE, body="Note interne")
    submission_tasks.send_confirmation.enqueue(submission_id=submission.pk)
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {"submission_id": 0}},
        task_path="contributors.tasks.send_status_links",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="smtplib.SMTPRecipientsRefused",
        traceback=f"SMTPRecipientsRefused: {{'{ADDRESS}': (550, b'No such user')}}",
    )

    response = client.post(
        f"/admin/newsletter/subscriber/{subscriber.pk}/change/",
        {"email": ADDRESS, "status": "confirmed", "source": "salon du livre"},
    )
    assert response.status_code == 302

    account = StaffUserFactory(username="cmartin", email="Camille.Martin@Example.org")
    with reversion.create_revision():
        article.body = f"<p>Contact : {ADDRESS}</p>"
        article.save()
        reversion.set_comment(f"Signalé par {ADDRESS}")
    article.body = "<p>Contact : voir la page À propos.</p>"
    article.save()

    others = {
        "comment": CommentFactory(article=article, user_email="autre@example.org"),
        "subscriber": SubscriberFactory(email="autre@example.org"),
        "submission": SubmissionFactory(email="autre@example.org"),
    }
    files = [submission.photo.name, submission.versions.get(number=2).source_file.name]
    return {
        "comments": [approved, held],
        "files": files,
        "account": account,
        "others": others,
    }


def export(*args: str) -> dict:
    out = StringIO()
    call_command("personal_data", "export", *args, stdout=out)
    return json.loads(out.getvalue())


def test_export_gathers_everything_held_about_the_address(footprint):
    data = export(ADDRESS.upper())

    assert data["email"] == ADDRESS
    assert [(c["text"][:11], c["moderation"], c["article"]) for c in data["comments"]] == [
        ("Très utile.", "public", "Écrire pour le Web"),
        ("Écrivez-moi", "held", "Écrire pour le Web"),
    ]
    letter = data["newsletter"]
    assert (letter["status"], letter["consent_version"], letter["source"]) == (
        "confirmed",
        "2026-01",
        "salon du livre",
    )
    assert letter["consent_text"] == "J’accepte de recevoir la lettre."
    assert [d["edition"] for d in data["newsletter"]["deliveries"]] == ["Lettre de mars"]
    [submission] = data["submissions"]
    assert submission["title"] == "Le lien parfait" and submission["charter_version"]
    assert [v["body"] for v in submission["versions"]] == [
        "<p>Premier jet du texte.</p>",
        "<p>Deuxième jet.</p>",
    ]
    assert [m["body"] for m in submission["messages"]] == ["Bonjour Camille"]
    assert sorted(data["files"]) == sorted(footprint["files"])
    assert [a["username"] for a in data["accounts"]] == ["cmartin"]
    assert [e["object"] for e in data["admin_history"]] == [ADDRESS]
    assert [r["comment"] for r in data["revisions"]] == [f"Signalé par {ADDRESS}"]
    tasks = sorted(t["task"] for t in data["tasks"])
    assert tasks == [
        "blog.comments.tasks.send_confirmation",
        "contributors.tasks.send_confirmation",
        "contributors.tasks.send_status_links",
        "newsletter.tasks.send_subscriber_email",
    ]
    assert "autre@example.org" not in json.dumps(data)


def test_export_writes_a_file_and_copies_the_sent_files(footprint, tmp_path):
    call_command(
        "personal_data",
        "export",
        ADDRESS,
        "--output",
        str(tmp_path / "export.json"),
        "--with-files",
        str(tmp_path / "fichiers"),
        stdout=StringIO(),
    )
    data = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    assert data["email"] == ADDRESS
    copied = sorted(path.read_bytes() for path in (tmp_path / "fichiers").iterdir())
    assert copied == [b"docx", b"jpeg"]


def test_erase_leaves_the_address_nowhere_and_removes_the_files(
    footprint, django_capture_on_commit_callbacks
):
    assert mentions(ADDRESS)  # the scan does find it before
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("personal_data", "erase", ADDRESS.title(), "--yes", stdout=out)

    assert mentions(ADDRESS) == set()
    assert not any(default_storage.exists(name) for name in footprint["files"])
    report = out.getvalue()
    for line in (
        "2 commentaires anonymisés",
        "1 abonnement supprimé",
        "1 envoi de lettre supprimé",
        "1 proposition supprimée",
        "2 fichiers supprimés",
        "1 compte sans adresse désormais",
        "1 entrée d’historique de l’admin anonymisée",
        "1 version d’article anonymisée",
        "4 tâches de fond supprimées",
    ):
        assert line in report
    # Texts and the newsroom's records stay, without the person.
    approved, held = (XtdComment.norel_objects.get(pk=c.pk) for c in footprint["comments"])
    assert (approved.comment, approved.user_name, approved.user_url) == (
        "Très utile.",
        "Anonyme",
        "",
    )
    assert held.comment == "Écrivez-moi à [adresse effacée] pour en parler."
    assert LogEntry.objects.filter(object_repr="[adresse effacée]").count() == 1
    footprint["account"].refresh_from_db()
    assert footprint["account"].email == ""
    for other in footprint["others"].values():
        other.refresh_from_db()
    assert mentions("autre@example.org")


def test_erase_twice_changes_nothing_the_second_time(footprint, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("personal_data", "erase", ADDRESS, "--yes", stdout=StringIO())
    out = StringIO()
    call_command("personal_data", "erase", ADDRESS, "--yes", stdout=out)
    assert "Rien à effacer" in out.getvalue()
    assert export(ADDRESS)["newsletter"] is None


def test_erase_asks_before_acting(footprint, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: "non")
    with pytest.raises(CommandError, match="Rien n’a été effacé"):
        call_command("personal_data", "erase", ADDRESS, stdout=StringIO())
    assert Subscriber.objects.filter(email=ADDRESS).exists()


@pytest.mark.parametrize("value", ["", "pas une adresse", "a@b@c", "x" * 300 + "@example.org"])
def test_a_malformed_address_is_refused_clearly(db, value):
    with pytest.raises(CommandError, match="Saisissez une adresse e-mail valide"):
        call_command("personal_data", "export", value, stdout=StringIO())


def test_the_admin_page_shows_downloads_and_erases_after_confirmation(
    client, footprint, django_capture_on_commit_callbacks
):
    page = client.get(PAGE)
    assert page.status_code == 200 and "Données personnelles" in page.content.decode()

    shown = client.post(PAGE, {"email": ADDRESS.upper(), "step": "show"}).content.decode()
    assert f"Données conservées pour {ADDRESS}" in shown
    assert "Le lien parfait" in shown

    download = client.post(PAGE, {"email": ADDRESS, "step": "download"})
    assert download["Content-Disposition"] == 'attachment; filename="donnees-personnelles.json"'
    assert json.loads(download.content)["submissions"][0]["title"] == "Le lien parfait"

    refused = client.post(PAGE, {"email": ADDRESS, "step": "erase"})
    assert "Cochez la case pour confirmer" in refused.content.decode()
    assert Subscriber.objects.filter(email=ADDRESS).exists()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(PAGE, {"email": ADDRESS, "step": "erase", "confirm": "on"}, follow=True)
    assert "1 abonnement supprimé" in done.content.decode()
    assert mentions(ADDRESS) == set()
    entry = LogEntry.objects.latest("pk")
    assert entry.object_repr.startswith("Données personnelles effacées (empreinte ")
    assert "1 proposition supprimée" in entry.change_message


def test_the_admin_page_refuses_a_bad_address_without_error(client, editor):
    response = client.post(PAGE, {"email": "<script>@", "step": "show"})
    assert response.status_code == 200
    assert "Saisissez une adresse e-mail valide." in response.content.decode()


def test_only_editors_in_chief_may_use_it(client, footprint):
    writer = StaffUserFactory(role=WRITER)
    client.force_login(writer)
    assert client.get(PAGE).status_code == 403
    assert (
        client.post(PAGE, {"email": ADDRESS, "step": "erase", "confirm": "on"}).status_code == 403
    )
    assert Subscriber.objects.filter(email=ADDRESS).exists()
    client.logout()
    assert client.get(PAGE).status_code == 302  # to the admin's login page


@pytest.mark.parametrize(
    ("changelist", "row"),
    [
        ("/admin/newsletter/subscriber/", lambda f: Subscriber.objects.get(email=ADDRESS)),
        ("/admin/django_comments_xtd/xtdcomment/", lambda f: f["comments"][1]),
    ],
)
def test_changelists_open_the_page_for_the_selected_address(client, footprint, changelist, row):
    selected = {"action": "personal_data", "_selected_action": [row(footprint).pk]}
    response = client.post(changelist, selected)
    assert response.status_code == 302 and response["Location"] == reverse("personal_data")
    assert ADDRESS not in response["Location"]
    page = client.get(PAGE).content.decode()
    assert f"Données conservées pour {ADDRESS}" in page
    # The address was handed over once; the page starts empty afterwards.
    assert "Données conservées pour" not in client.get(PAGE).content.decode()


def test_submissions_changelist_offers_it_too(client, footprint):
    submission = footprint["others"]["submission"]
    selected = {"action": "personal_data", "_selected_action": [submission.pk]}
    client.post("/admin/contributors/submission/", selected)
    assert "Données conservées pour autre@example.org" in client.get(PAGE).content.decode()


def test_selecting_two_addresses_asks_for_one(client, footprint):
    rows = [footprint["comments"][0].pk, footprint["others"]["comment"].pk]
    response = client.post(
        "/admin/django_comments_xtd/xtdcomment/",
        {"action": "personal_data", "_selected_action": rows},
        follow=True,
    )
    assert "Choisissez des lignes d’une seule et même adresse." in response.content.decode()


def test_history_entries_about_other_rows_lose_only_the_address(editor):
    article = ArticleFactory(title="Courrier des lecteurs")
    entry = LogEntry.objects.create(
        user=editor,
        content_type=ContentType.objects.get_for_model(article),
        object_id=str(article.pk),
        object_repr=article.title,
        action_flag=CHANGE,
        change_message=f"Réponse à {ADDRESS.upper()} ajoutée",
    )
    call_command("personal_data", "erase", ADDRESS, "--yes", stdout=StringIO())
    entry.refresh_from_db()
    assert entry.object_repr == "Courrier des lecteurs"
    assert entry.change_message == "Réponse à [adresse effacée] ajoutée"


def test_a_file_missing_from_storage_is_reported_and_the_others_copied(footprint, tmp_path):
    default_storage.delete(footprint["files"][0])
    err = StringIO()
    call_command(
        "personal_data",
        "export",
        ADDRESS,
        "--with-files",
        str(tmp_path),
        stdout=StringIO(),
        stderr=err,
    )
    assert f"Fichier introuvable : {footprint['files'][0]}" in err.getvalue()
    assert [path.read_bytes() for path in tmp_path.iterdir()] == [b"docx"]
