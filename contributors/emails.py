"""The e-mails of the submission workflow, built here and sent by the tasks.

Applicants read theirs in the language stored on the submission (or the one a request was
made in); editors read theirs in the site's language. Every link is absolute, on the site's
public address: the messages are built by a task worker, which serves no request.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse

from contributors import links
from contributors.models import Submission, SubmissionMessage
from contributors.permissions import reviewers
from epw.core.mail import normalise_address, render_email
from epw.core.site import site_url


def confirmation_message(submission: Submission) -> EmailMultiAlternatives:
    """The link that proves the applicant owns the address."""
    return render_email(
        "contributors/email/confirm",
        {"submission": submission, "confirm_url": links.confirm_url(submission)},
        to=[submission.email],
        language=submission.language,
    )


def received_message(submission: Submission) -> EmailMultiAlternatives:
    """The submission reached the editors: the link to follow it."""
    return render_email(
        "contributors/email/received",
        {"submission": submission, "status_url": links.status_url(submission)},
        to=[submission.email],
        language=submission.language,
    )


def applicant_message(message: SubmissionMessage) -> EmailMultiAlternatives:
    """An editor's message to the applicant, with the link to the thread."""
    submission = message.submission
    return render_email(
        "contributors/email/applicant_message",
        {"submission": submission, "message": message, "status_url": links.status_url(submission)},
        to=[submission.email],
        language=submission.language,
    )


def published_message(submission: Submission) -> EmailMultiAlternatives | None:
    """The article the submission became is out: its address (None if it has none any more)."""
    if submission.article is None:
        return None
    contributor = submission.contributor
    return render_email(
        "contributors/email/published",
        {
            "submission": submission,
            "article_url": site_url(submission.article.get_absolute_url()),
            "author_url": site_url(contributor.get_absolute_url()) if contributor else "",
        },
        to=[submission.email],
        language=submission.language,
    )


def status_links_message(
    submission: Submission, *, language: str | None = None
) -> EmailMultiAlternatives | None:
    """The links every submission of the address still needs: status, or a new confirmation
    (None if none needs one).

    `language`: the one the links were asked for in (else that of the submission).
    """
    submissions = Submission.objects.for_address(submission.email).awaiting_link()
    to_confirm, to_follow = [], []
    for item in submissions.order_by("created_at"):
        if item.status == Submission.Status.UNCONFIRMED:
            to_confirm.append((item, links.confirm_url(item)))
        else:
            to_follow.append((item, links.status_url(item)))
    if not (to_confirm or to_follow):
        return None
    return render_email(
        "contributors/email/status_links",
        {"links": to_follow, "confirm_links": to_confirm},
        to=[submission.email],
        language=language or submission.language,
    )


def too_many_open_message(
    submission: Submission, *, language: str | None = None
) -> EmailMultiAlternatives:
    """Why a new application of an address at its quota was not recorded, with the links of
    the submissions it has with the editors.

    `language`: the one the application was made in (else that of the submission).
    """
    submissions = Submission.objects.for_address(submission.email).open()
    confirmed = submissions.exclude(status=Submission.Status.UNCONFIRMED)
    return render_email(
        "contributors/email/too_many_open",
        {
            "links": [(item, links.status_url(item)) for item in confirmed],
            "max_open": settings.EPW_SUBMISSION_MAX_OPEN,
        },
        to=[submission.email],
        language=language or submission.language,
    )


def editors_new_message(submission: Submission) -> EmailMultiAlternatives | None:
    """A confirmed submission waits in the queue (None if no editor has an address)."""
    to = _editor_addresses()
    if not to:
        return None
    return render_email(
        "contributors/email/editors_new",
        {"submission": submission, "admin_url": _admin_url(submission)},
        to=to,
    )


def editors_reply_message(message: SubmissionMessage) -> EmailMultiAlternatives | None:
    """The applicant answered a change request (None if no editor has an address)."""
    submission = message.submission
    to = _editor_addresses(also=submission.assigned_to)
    if not to:
        return None
    return render_email(
        "contributors/email/editors_reply",
        {"submission": submission, "message": message, "admin_url": _admin_url(submission)},
        to=to,
    )


def _editor_addresses(also: AbstractUser | None = None) -> list[str]:
    """Active staff allowed to review submissions (superusers included), and `also`."""
    addresses = list(reviewers().exclude(email="").values_list("email", flat=True))
    if also is not None and also.email:
        addresses.append(also.email)
    return sorted({normalise_address(address) for address in addresses})


def _admin_url(submission: Submission) -> str:
    return site_url(reverse("admin:contributors_submission_change", args=[submission.pk]))
