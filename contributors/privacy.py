"""Applicants' data: export and erasure on request, purge of what is no longer needed."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from contributors.models import Submission, SubmissionVersion


def applicant_data_export(*, email: str) -> dict:
    """Everything stored about the applicant using `email`, as JSON-ready data.

    Editors' internal notes are the newsroom's working papers, not the applicant's data.
    """
    submissions = Submission.objects.for_address(email).select_related("charter", "contributor")
    submissions = submissions.prefetch_related("versions", "messages").order_by("created_at")
    return {
        "submissions": [
            {
                "name": item.name,
                "email": item.email,
                "bio": item.bio,
                "website": item.website,
                "mastodon": item.mastodon,
                "linkedin": item.linkedin,
                "topics": item.topics,
                "title": item.title,
                "standfirst": item.standfirst,
                "status": item.status,
                "photo": item.photo.name,
                "language": item.language,
                "created_at": item.created_at.isoformat(),
                "confirmed_at": _iso(item.confirmed_at),
                "status_changed_at": _iso(item.status_changed_at),
                "charter_version": item.charter.version if item.charter else None,
                "charter_accepted_at": _iso(item.charter_accepted_at),
                "privacy_accepted_at": _iso(item.privacy_accepted_at),
                "contributor": item.contributor.display_name if item.contributor else None,
                "versions": [
                    {
                        "number": version.number,
                        "body": version.body,
                        "file": version.source_file.name,
                        "created_at": version.created_at.isoformat(),
                    }
                    for version in item.versions.all()
                ],
                "messages": [
                    {
                        "kind": message.kind,
                        "body": message.body,
                        "created_at": message.created_at.isoformat(),
                    }
                    for message in item.messages.all()
                    if message.kind != message.Kind.NOTE
                ],
            }
            for item in submissions
        ],
    }


def applicant_files(*, email: str) -> list[FieldFile]:
    """The photo and draft files the applicant using `email` sent."""
    submissions = Submission.objects.for_address(email)
    files = [item.photo for item in submissions if item.photo]
    versions = SubmissionVersion.objects.filter(submission__in=submissions)
    return files + [version.source_file for version in versions if version.source_file]


def applicant_data_erase(*, email: str) -> int:
    """Delete every submission of `email` with its files; returns how many submissions.

    Published articles and public contributor profiles are editorial content: they stay,
    and are edited or removed in the admin like any other article or profile.
    """
    return submissions_delete(submissions=Submission.objects.for_address(email))


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def submissions_purge(*, now=None) -> int:
    """Delete expired declined, never-confirmed and abandoned submissions with their files."""
    now = now or timezone.now()
    days = timedelta(days=1)
    expired = Submission.objects.filter(
        Q(
            status=Submission.Status.DECLINED,
            status_changed_at__lt=now - settings.EPW_SUBMISSION_DECLINED_RETENTION_DAYS * days,
        )
        | Q(
            status=Submission.Status.UNCONFIRMED,
            status_changed_at__lt=now - settings.EPW_SUBMISSION_UNCONFIRMED_RETENTION_DAYS * days,
        )
        | Q(
            status=Submission.Status.CHANGES,
            status_changed_at__lt=now - settings.EPW_SUBMISSION_ABANDONED_DAYS * days,
        )
    )
    return submissions_delete(submissions=expired)


def submissions_delete(*, submissions: QuerySet) -> int:
    """Delete submissions with their versions, then (once committed) every file of theirs.

    Applicants' files are served from the media folder: a row deleted without its files
    would leave the photo and drafts publicly reachable.
    """
    with transaction.atomic():
        # Locked by key: the admin's querysets join nullable relations, which cannot be locked.
        pks = submissions.values("pk")
        submissions = list(Submission.objects.filter(pk__in=pks).select_for_update())
        files = [item.photo for item in submissions if item.photo]
        files += [
            version.source_file
            for version in SubmissionVersion.objects.filter(submission__in=submissions)
            if version.source_file
        ]
        names = [(file.storage, file.name) for file in files]
        for item in submissions:
            item.delete()

        def remove_files() -> None:
            for storage, name in names:
                storage.delete(name)

        transaction.on_commit(remove_files)
    return len(submissions)
