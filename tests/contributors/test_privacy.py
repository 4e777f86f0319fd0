"""Purge of expired submissions and their files; applicants' data export and erasure."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from contributors.models import Submission, SubmissionMessage, SubmissionVersion
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


def with_files(submission: Submission) -> list[str]:
    submission.photo.save("photo.jpg", ContentFile(b"jpeg"), save=False)
    submission.save(update_fields=["photo"])
    version = submission.versions.get()
    version.source_file.save("brouillon.docx", ContentFile(b"docx"), save=True)
    return [submission.photo.name, version.source_file.name]


def aged(days: int, **kwargs) -> Submission:
    submission = SubmissionFactory(**kwargs)
    Submission.objects.filter(pk=submission.pk).update(
        status_changed_at=timezone.now() - timedelta(days=days)
    )
    return submission


def test_purge_deletes_expired_declined_submissions_and_their_files_nothing_else(
    settings, django_capture_on_commit_callbacks
):
    settings.EPW_SUBMISSION_DECLINED_RETENTION_DAYS = 30
    settings.EPW_SUBMISSION_ABANDONED_DAYS = 60
    settings.EPW_SUBMISSION_UNCONFIRMED_RETENTION_DAYS = 7
    expired = aged(31, status="declined")
    expired_files = with_files(expired)
    kept = {
        "recent declined": aged(29, status="declined"),
        "old accepted": aged(400, status="accepted"),
        "old published": aged(400, status="published"),
        "old in review": aged(400, status="review"),
        "old new": aged(400, status="new"),
        "recent changes": aged(59, status="changes"),
        "recent unconfirmed": aged(6, status="unconfirmed"),
    }
    kept_files = with_files(kept["recent declined"]) + with_files(kept["old accepted"])
    abandoned = [aged(61, status="changes"), aged(8, status="unconfirmed")]
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_submissions", stdout=out)
    assert "3 submission(s) deleted." in out.getvalue()
    remaining = set(Submission.objects.values_list("pk", flat=True))
    assert remaining == {item.pk for item in kept.values()}
    assert expired.pk not in remaining and not {a.pk for a in abandoned} & remaining
    assert not SubmissionVersion.objects.filter(submission_id=expired.pk).exists()
    for name in expired_files:
        assert not default_storage.exists(name)
    for name in kept_files:
        assert default_storage.exists(name)


def test_export_lists_an_applicants_data_without_internal_notes():
    submission = SubmissionFactory(email="alice@example.org", title="Mon titre")
    submission.messages.create(kind=SubmissionMessage.Kind.TO_APPLICANT, body="Bonjour Alice")
    submission.messages.create(kind=SubmissionMessage.Kind.NOTE, body="Note interne")
    SubmissionFactory(email="bob@example.org", title="Titre de Bob")
    out = StringIO()
    call_command("personal_data", "export", "ALICE@example.org", stdout=out)
    data = json.loads(out.getvalue())
    assert [item["title"] for item in data["submissions"]] == ["Mon titre"]
    assert data["submissions"][0]["versions"][0]["body"] == "<p>Premier jet du texte.</p>"
    assert [m["body"] for m in data["submissions"][0]["messages"]] == ["Bonjour Alice"]
    assert "Titre de Bob" not in out.getvalue()


def test_erase_deletes_an_applicants_submissions_and_files_only(
    django_capture_on_commit_callbacks,
):
    alice = SubmissionFactory(email="alice@example.org")
    files = with_files(alice)
    bob = SubmissionFactory(email="bob@example.org")
    bob_files = with_files(bob)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("personal_data", "erase", "alice@example.org", "--yes", stdout=StringIO())
    assert list(Submission.objects.all()) == [bob]
    assert not any(default_storage.exists(name) for name in files)
    assert all(default_storage.exists(name) for name in bob_files)


def test_erase_removes_the_task_results_that_mention_the_address():
    from django_tasks_db.models import DBTaskResult

    def result(args_kwargs: dict, traceback: str = "") -> DBTaskResult:
        return DBTaskResult.objects.create(
            args_kwargs=args_kwargs,
            task_path="contributors.tasks.send_status_links",
            backend_name="default",
            run_after=timezone.now(),
            exception_class_path="",
            traceback=traceback,
        )

    by_address = result({"args": [], "kwargs": {"email": "Alice@Example.org"}})
    in_traceback = result(
        {"args": [], "kwargs": {"submission_id": 1}},
        traceback="SMTPRecipientsRefused: {'alice@example.org': (550, b'No such user')}",
    )
    alice = SubmissionFactory(email="alice@example.org")
    bob = SubmissionFactory(email="bob@example.org")
    about_alice = result({"args": [], "kwargs": {"submission_id": alice.pk}})
    others = [
        result({"args": [], "kwargs": {"email": "bob@example.org"}}),
        result({"args": [], "kwargs": {"submission_id": bob.pk}}),
    ]
    out = StringIO()
    call_command("personal_data", "erase", "alice@example.org", "--yes", stdout=out)
    assert "1 proposition supprimée" in out.getvalue()
    assert "3 tâches de fond supprimées" in out.getvalue()
    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert remaining == {item.pk for item in others}
    assert not {by_address.pk, in_traceback.pk, about_alice.pk} & remaining
