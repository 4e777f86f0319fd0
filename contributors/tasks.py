"""E-mails of the submission workflow, sent by background tasks.

Thin: each task takes keys, loads the rows, has contributors.emails build the message and sends
it. A row deleted in the meantime (an erased applicant) sends nothing.
"""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django_tasks import task

from contributors import emails
from contributors.models import Submission, SubmissionMessage


def _submission(submission_id: int) -> Submission | None:
    return Submission.objects.filter(pk=submission_id).first()


def _message(message_id: int) -> SubmissionMessage | None:
    return SubmissionMessage.objects.select_related("submission").filter(pk=message_id).first()


def _send(message: EmailMultiAlternatives | None) -> None:
    if message is not None:
        message.send()


@task()
def send_confirmation(submission_id: int) -> None:
    if submission := _submission(submission_id):
        _send(emails.confirmation_message(submission))


@task()
def send_received(submission_id: int) -> None:
    if submission := _submission(submission_id):
        _send(emails.received_message(submission))


@task()
def send_applicant_message(message_id: int) -> None:
    if message := _message(message_id):
        _send(emails.applicant_message(message))


@task()
def send_published(submission_id: int) -> None:
    if submission := _submission(submission_id):
        _send(emails.published_message(submission))


@task()
def send_status_links(submission_id: int, language: str | None = None) -> None:
    """`language`: the one the links were asked for in (else that of the submission)."""
    if submission := _submission(submission_id):
        _send(emails.status_links_message(submission, language=language))


@task()
def send_too_many_open(submission_id: int, language: str | None = None) -> None:
    """`language`: the one the application was made in (else that of the submission)."""
    if submission := _submission(submission_id):
        _send(emails.too_many_open_message(submission, language=language))


@task()
def notify_editors_new(submission_id: int) -> None:
    if submission := _submission(submission_id):
        _send(emails.editors_new_message(submission))


@task()
def notify_editors_reply(message_id: int) -> None:
    if message := _message(message_id):
        _send(emails.editors_reply_message(message))
