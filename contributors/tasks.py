"""E-mails of the submission workflow, sent by background tasks (thin: they take keys)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django_tasks import task

from epw.core.mail import send_email


def _site(path: str) -> str:
    return settings.EPW_SITE_URL.rstrip("/") + path


def _submission(submission_id: int):
    from contributors.models import Submission

    return Submission.objects.filter(pk=submission_id).first()


def _editor_addresses(extra=None) -> list[str]:
    """Active staff allowed to review submissions (superusers included)."""
    from contributors.permissions import reviewers

    editors = reviewers().exclude(email="").values_list("email", flat=True)
    return sorted(set(editors) | ({extra.email} if extra and extra.email else set()))


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
        language=submission.language,
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
        language=submission.language,
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
        language=submission.language,
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
        language=submission.language,
    )


@task()
def send_status_links(submission_id: int, language: str | None = None) -> None:
    """The links every submission of the address still needs: status, or a new confirmation.

    `language`: the one the links were asked for in (else that of the submission).
    """
    from contributors.links import confirm_url, status_url
    from contributors.models import Submission

    submission = _submission(submission_id)
    if submission is None:
        return
    submissions = Submission.objects.for_address(submission.email).awaiting_link()
    to_confirm, to_follow = [], []
    for item in submissions.order_by("created_at"):
        if item.status == Submission.Status.UNCONFIRMED:
            to_confirm.append((item, confirm_url(item)))
        else:
            to_follow.append((item, status_url(item)))
    if not (to_confirm or to_follow):
        return
    send_email(
        "contributors/email/status_links",
        {"links": to_follow, "confirm_links": to_confirm},
        to=[submission.email],
        language=language or submission.language,
    )


@task()
def send_too_many_open(submission_id: int, language: str | None = None) -> None:
    """Tell the owner of an address at its quota why a new application was not recorded.

    `language`: the one the application was made in (else that of the submission).
    """
    from contributors.links import status_url
    from contributors.models import Submission

    submission = _submission(submission_id)
    if submission is None:
        return
    submissions = Submission.objects.for_address(submission.email).open()
    send_email(
        "contributors/email/too_many_open",
        {
            "links": [
                (item, status_url(item))
                for item in submissions.exclude(status=Submission.Status.UNCONFIRMED)
            ],
            "max_open": settings.EPW_SUBMISSION_MAX_OPEN,
        },
        to=[submission.email],
        language=language or submission.language,
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
