"""E-mails of the submission workflow, sent by background tasks (thin: they take keys)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse
from django_tasks import task

from epw.mail import send_email


def _site(path: str) -> str:
    return settings.EPW_SITE_URL.rstrip("/") + path


def _submission(submission_id: int):
    from contributors.models import Submission

    return Submission.objects.filter(pk=submission_id).first()


def _editor_addresses(extra=None) -> list[str]:
    """Active staff allowed to review submissions (superusers included)."""
    codename = "review_submission"
    editors = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(user_permissions__codename=codename)
            | Q(groups__permissions__codename=codename)
        )
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    addresses = sorted(set(editors) | ({extra.email} if extra and extra.email else set()))
    return addresses


def _admin_url(submission) -> str:
    return _site(reverse("admin:contributors_submission_change", args=[submission.pk]))


@task()
def send_confirmation(submission_id: int) -> None:
    from contributors.links import confirm_url

    submission = _submission(submission_id)
    if submission is None:
        return
    send_email(
        "contributors/email/confirm",
        {"submission": submission, "confirm_url": confirm_url(submission)},
        to=[submission.email],
    )


@task()
def send_received(submission_id: int) -> None:
    from contributors.links import status_url

    submission = _submission(submission_id)
    if submission is None:
        return
    send_email(
        "contributors/email/received",
        {"submission": submission, "status_url": status_url(submission)},
        to=[submission.email],
    )


@task()
def send_applicant_message(message_id: int) -> None:
    from contributors.links import status_url
    from contributors.models import SubmissionMessage

    message = SubmissionMessage.objects.select_related("submission").filter(pk=message_id).first()
    if message is None:
        return
    submission = message.submission
    send_email(
        "contributors/email/applicant_message",
        {"submission": submission, "message": message, "status_url": status_url(submission)},
        to=[submission.email],
    )


@task()
def send_published(submission_id: int) -> None:
    submission = _submission(submission_id)
    if submission is None or submission.article is None:
        return
    send_email(
        "contributors/email/published",
        {
            "submission": submission,
            "article_url": _site(submission.article.get_absolute_url()),
            "author_url": _site(submission.contributor.get_absolute_url())
            if submission.contributor
            else "",
        },
        to=[submission.email],
    )


@task()
def send_status_links(email: str) -> None:
    from contributors.links import status_url
    from contributors.models import Submission

    submissions = list(Submission.objects.for_address(email).open().exclude(status="unconfirmed"))
    if not submissions:
        return
    send_email(
        "contributors/email/status_links",
        {"links": [(item, status_url(item)) for item in submissions]},
        to=[submissions[0].email],
    )


@task()
def send_too_many_open(email: str) -> None:
    from contributors.links import status_url
    from contributors.models import Submission

    submissions = list(Submission.objects.for_address(email).open())
    if not submissions:
        return
    send_email(
        "contributors/email/too_many_open",
        {
            "links": [
                (item, status_url(item)) for item in submissions if item.status != "unconfirmed"
            ],
            "max_open": settings.EPW_SUBMISSION_MAX_OPEN,
        },
        to=[submissions[0].email],
    )


@task()
def notify_editors_new(submission_id: int) -> None:
    submission = _submission(submission_id)
    if submission is None:
        return
    to = _editor_addresses()
    if to:
        send_email(
            "contributors/email/editors_new",
            {"submission": submission, "admin_url": _admin_url(submission)},
            to=to,
        )


@task()
def notify_editors_reply(message_id: int) -> None:
    from contributors.models import SubmissionMessage

    message = SubmissionMessage.objects.select_related("submission").filter(pk=message_id).first()
    if message is None:
        return
    submission = message.submission
    to = _editor_addresses(extra=submission.assigned_to)
    if to:
        send_email(
            "contributors/email/editors_reply",
            {"submission": submission, "message": message, "admin_url": _admin_url(submission)},
            to=to,
        )
