"""Submission workflow: every state change of a columnist application, one function each.

Editors act through the admin, applicants through signed links; both land here. E-mails are
sent by background tasks enqueued once the transaction has committed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied
from django.core.files.base import File
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from blog.models import Article
from contributors import tasks
from contributors.models import (
    CharterVersion,
    Contributor,
    Submission,
    SubmissionMessage,
    SubmissionVersion,
)
from contributors.permissions import can_review
from epw.core.mail import active_language, normalise_address
from epw.core.public_forms import mail_budget_take

Status = Submission.Status


class SubmissionError(Exception):
    """A transition that the submission's current status does not allow."""


class SubmissionLimitReached(SubmissionError):
    """The address already has as many submissions with the editors as one person may."""


def _after_commit(func: Callable[[], object]) -> None:
    transaction.on_commit(func)


def _require_editor(user: AbstractUser | None) -> None:
    if not can_review(user):
        raise PermissionDenied(_("Vous n’avez pas le droit de relire les propositions."))


def _lock(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission.pk)


EDITOR = "editor"  # a user with the review permission, in the admin
APPLICANT = "applicant"  # whoever holds the submission's status link


class Move(NamedTuple):
    """One move of the review workflow, as the services guard it and the admin offers it."""

    starts_from: frozenset[str]
    to: str  # the new status, which the message to the applicant announces
    by: str  # EDITOR or APPLICANT
    refusal: str  # the error when the status does not allow it: a sentence naming %(status)s
    label: str = ""  # the admin's button, for an editor's move
    message_required: bool = False  # the editor must say something to the applicant


MOVES = {
    "start_review": Move(
        frozenset({Status.NEW}),
        Status.REVIEW,
        EDITOR,
        _("Impossible de commencer la relecture d’une proposition au statut « %(status)s »."),
        _("Commencer la relecture"),
    ),
    "request_changes": Move(
        frozenset({Status.NEW, Status.REVIEW}),
        Status.CHANGES,
        EDITOR,
        _("Impossible de demander des modifications sur une proposition au statut « %(status)s »."),
        _("Demander des modifications"),
        message_required=True,
    ),
    "accept": Move(
        frozenset({Status.NEW, Status.REVIEW, Status.CHANGES}),
        Status.ACCEPTED,
        EDITOR,
        _("Impossible d’accepter une proposition au statut « %(status)s »."),
        _("Accepter"),
    ),
    "decline": Move(
        frozenset({Status.NEW, Status.REVIEW, Status.CHANGES}),
        Status.DECLINED,
        EDITOR,
        _("Impossible de refuser une proposition au statut « %(status)s »."),
        _("Refuser"),
    ),
    "resubmit": Move(
        frozenset({Status.CHANGES}),
        Status.REVIEW,
        APPLICANT,
        _("Impossible de renvoyer une proposition au statut « %(status)s »."),
    ),
}


def editor_moves(submission: Submission) -> list[str]:
    """The editors' moves the submission's status allows, in the admin's button order."""
    return [
        name
        for name, move in MOVES.items()
        if move.by == EDITOR and submission.status in move.starts_from
    ]


def _make(submission: Submission, name: str) -> str:
    """Check that the submission's status allows the move `name` and make it: its new status."""
    move = MOVES[name]
    if submission.status not in move.starts_from:
        raise SubmissionError(move.refusal % {"status": submission.get_status_display()})
    _move(submission, move.to)
    return move.to


def _move(submission: Submission, status: str) -> None:
    submission.status = status
    submission.status_changed_at = timezone.now()
    submission.save(update_fields=["status", "status_changed_at"])


def _tell_applicant(
    submission: Submission, *, editor: AbstractUser, status: str, body: str
) -> None:
    """Record an editor message in the thread and e-mail it after commit.

    Every status change reaches the applicant: without a message, the standard one is sent.
    """
    body = (body or "").strip() or default_message(submission, status)
    message = SubmissionMessage.objects.create(
        submission=submission,
        kind=SubmissionMessage.Kind.TO_APPLICANT,
        author=editor,
        status=status,
        body=body,
    )
    _after_commit(lambda: tasks.send_applicant_message.enqueue(message_id=message.pk))


MESSAGE_TEMPLATES = {
    Status.REVIEW: "received",
    Status.CHANGES: "changes",
    Status.ACCEPTED: "accepted",
    Status.DECLINED: "declined",
}


def default_message(submission: Submission, status: str) -> str:
    """The standard message announcing `status`, in the applicant's language, which editors may
    edit before sending."""
    template = f"contributors/messages/{MESSAGE_TEMPLATES[status]}.txt"
    with translation.override(submission.language):
        return render_to_string(template, {"submission": submission}).strip()


def submission_apply(
    *,
    name: str,
    email: str,
    bio: str,
    title: str,
    standfirst: str,
    body: str,
    website: str = "",
    mastodon: str = "",
    linkedin: str = "",
    topics: str = "",
    source_file: File | None = None,
    photo: File | None = None,
) -> Submission | None:
    """Record an application and its first draft, and e-mail the address a confirmation link.

    The caller shows the same answer whatever happens here, so that nobody learns whether an
    address already applied: a repeated submission (same address and title, still open) is not
    duplicated, and an address past its quota of open submissions gets an e-mail instead.
    Every application uses up the address's e-mail budget first: that queues parallel
    applications of one address, and past the budget the address is sent nothing.
    """
    email = normalise_address(email)
    with transaction.atomic():
        may_send = mail_budget_take(email=email)
        open_submissions = Submission.objects.for_address(email).open()
        duplicate = open_submissions.filter(title__iexact=title.strip()).first()
        if duplicate is not None:
            if duplicate.status == Status.UNCONFIRMED and may_send:
                duplicate.language = active_language()
                duplicate.save(update_fields=["language"])
                _after_commit(lambda: tasks.send_confirmation.enqueue(submission_id=duplicate.pk))
            return None
        # Anyone can type an address: unconfirmed submissions do not count here, or a stranger
        # could use up someone else's quota. The owner's confirmation counts them again.
        confirmed = open_submissions.exclude(status=Status.UNCONFIRMED).order_by("pk")
        if confirmed.count() >= settings.EPW_SUBMISSION_MAX_OPEN:
            known = confirmed.first()
            language = active_language()
            if may_send:
                _after_commit(
                    lambda: tasks.send_too_many_open.enqueue(
                        submission_id=known.pk, language=language
                    )
                )
            return None
        now = timezone.now()
        submission = Submission(
            name=name,
            email=email,
            bio=bio,
            website=website,
            mastodon=mastodon,
            linkedin=linkedin,
            topics=topics,
            title=title,
            standfirst=standfirst,
            charter=CharterVersion.current(),
            charter_accepted_at=now,
            privacy_accepted_at=now,
            language=active_language(),
        )
        if photo is not None:
            submission.photo.save(photo.name, photo, save=False)
        submission.save()
        _add_version(submission, body=body, source_file=source_file)
    if may_send:
        _after_commit(lambda: tasks.send_confirmation.enqueue(submission_id=submission.pk))
    return submission


def _add_version(submission: Submission, *, body: str, source_file: File | None) -> None:
    number = submission.versions.count() + 1
    version = SubmissionVersion(submission=submission, number=number, body=body)
    if source_file is not None:
        version.source_file.save(source_file.name, source_file, save=False)
    version.save()


@transaction.atomic
def submission_confirm_email(*, submission: Submission) -> Submission:
    """The applicant proved they own the address: editors now see the submission.

    Confirming twice is harmless. Raises SubmissionLimitReached, leaving the submission
    unconfirmed, when the address already has its quota of submissions with the editors
    (several applications sent before confirming any of them).
    """
    # Every open submission of the address is locked, in one order, so that two confirmations
    # at once count each other without deadlocking.
    open_submissions = list(
        Submission.objects.for_address(submission.email).open().order_by("pk").select_for_update()
    )
    current = next((item for item in open_submissions if item.pk == submission.pk), None)
    if current is None or current.status != Status.UNCONFIRMED:
        return Submission.objects.get(pk=submission.pk)
    submission = current
    confirmed = sum(item.status != Status.UNCONFIRMED for item in open_submissions)
    if confirmed >= settings.EPW_SUBMISSION_MAX_OPEN:
        raise SubmissionLimitReached
    submission.confirmed_at = timezone.now()
    submission.save(update_fields=["confirmed_at"])
    _move(submission, Status.NEW)
    pk = submission.pk
    _after_commit(lambda: tasks.send_received.enqueue(submission_id=pk))
    _after_commit(lambda: tasks.notify_editors_new.enqueue(submission_id=pk))
    return submission


@transaction.atomic
def submission_start_review(
    *, submission: Submission, editor: AbstractUser, message: str = ""
) -> Submission:
    """An editor takes the submission up; the applicant may be told so."""
    _require_editor(editor)
    submission = _lock(submission)
    status = _make(submission, "start_review")
    if submission.assigned_to_id is None:
        submission.assigned_to = editor
        submission.save(update_fields=["assigned_to"])
    _tell_applicant(submission, editor=editor, status=status, body=message)
    return submission


@transaction.atomic
def submission_request_changes(
    *, submission: Submission, editor: AbstractUser, message: str
) -> Submission:
    """Ask the applicant for a revised draft, saying what to change."""
    _require_editor(editor)
    if not (message or "").strip():
        raise SubmissionError(_("Dites au candidat ce qu’il faut modifier."))
    submission = _lock(submission)
    status = _make(submission, "request_changes")
    _tell_applicant(submission, editor=editor, status=status, body=message)
    return submission


@transaction.atomic
def submission_resubmit(
    *, submission: Submission, message: str, body: str, source_file: File | None = None
) -> Submission:
    """The applicant answers a change request with a revised draft (a new version)."""
    submission = _lock(submission)
    status = _make(submission, "resubmit")
    _add_version(submission, body=body, source_file=source_file)
    reply = SubmissionMessage.objects.create(
        submission=submission,
        kind=SubmissionMessage.Kind.FROM_APPLICANT,
        status=status,
        body=(message or "").strip() or _("Nouvelle version envoyée."),
    )
    _after_commit(lambda: tasks.notify_editors_reply.enqueue(message_id=reply.pk))
    return submission


@transaction.atomic
def submission_accept(
    *, submission: Submission, editor: AbstractUser, message: str = ""
) -> Article:
    """Accept the draft: the columnist's guest profile and an article draft crediting them."""
    _require_editor(editor)
    submission = _lock(submission)
    status = _make(submission, "accept")
    contributor = _contributor_for(submission)
    version = submission.latest_version
    article = Article.objects.create(
        title=submission.title,
        slug=_unique_slug(Article, submission.title, 200),
        standfirst=submission.standfirst,
        body=version.body if version else "",
        status=Article.Status.DRAFT,
    )
    article.authors.set([contributor])
    submission.contributor = contributor
    submission.article = article
    submission.save(update_fields=["contributor", "article"])
    _tell_applicant(submission, editor=editor, status=status, body=message)
    return article


def _contributor_for(submission: Submission) -> Contributor:
    """The guest profile earlier accepted submissions from this address created, or a new one."""
    earlier = (
        Submission.objects.for_address(submission.email)
        .exclude(contributor=None)
        .select_related("contributor")
        .order_by("-created_at")
        .first()
    )
    if earlier is not None:
        return earlier.contributor
    contributor = Contributor(
        display_name=submission.name,
        slug=_unique_slug(Contributor, submission.name, 140),
        kind=Contributor.Kind.GUEST,
        bio=submission.bio,
        website=submission.website,
        mastodon=submission.mastodon,
        linkedin=submission.linkedin,
    )
    if submission.photo:
        with submission.photo.open("rb") as photo:
            contributor.photo.save(submission.photo.name.rsplit("/", 1)[-1], photo, save=False)
    contributor.save()
    return contributor


def _unique_slug(model, text: str, max_length: int) -> str:
    base = (slugify(text) or "chronique")[: max_length - 4]
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@transaction.atomic
def submission_decline(
    *, submission: Submission, editor: AbstractUser, message: str = ""
) -> Submission:
    """Decline the submission; its data is purged after the retention period."""
    _require_editor(editor)
    submission = _lock(submission)
    status = _make(submission, "decline")
    _tell_applicant(submission, editor=editor, status=status, body=message)
    return submission


# The editors' moves, as the admin calls them: (submission=, editor=, message=).
TRANSITIONS = {
    "start_review": submission_start_review,
    "request_changes": submission_request_changes,
    "accept": submission_accept,
    "decline": submission_decline,
}


@transaction.atomic
def submission_note_add(
    *, submission: Submission, editor: AbstractUser, body: str
) -> SubmissionMessage:
    """An internal note, never shown to the applicant."""
    _require_editor(editor)
    if not (body or "").strip():
        raise SubmissionError(_("La note est vide."))
    return SubmissionMessage.objects.create(
        submission=submission, kind=SubmissionMessage.Kind.NOTE, author=editor, body=body.strip()
    )


@transaction.atomic
def submission_assign(
    *, submission: Submission, editor: AbstractUser, assignee: AbstractUser | None
) -> Submission:
    """Give the submission to an editor (or to nobody)."""
    _require_editor(editor)
    if assignee is not None:
        _require_editor(assignee)
    submission = _lock(submission)
    submission.assigned_to = assignee
    submission.save(update_fields=["assigned_to"])
    return submission


@transaction.atomic
def submission_mark_published(*, article: Article) -> Submission | None:
    """The article an accepted submission became is public: e-mail its URL, once."""
    submission = Submission.objects.select_for_update().filter(article=article).first()
    if submission is None or submission.published_notified_at is not None:
        return submission
    if not article.is_public:
        return submission
    submission.published_notified_at = timezone.now()
    submission.save(update_fields=["published_notified_at"])
    _move(submission, Status.PUBLISHED)
    pk = submission.pk
    _after_commit(lambda: tasks.send_published.enqueue(submission_id=pk))
    return submission


def submission_links_resend(*, email: str) -> None:
    """E-mail `email` the links its submissions still need (nothing if none).

    The task is given a submission id, never the address: task results are kept a while.
    """
    first = Submission.objects.for_address(email).awaiting_link().order_by("pk").first()
    if first is not None and mail_budget_take(email=email):
        language = active_language()
        _after_commit(
            lambda: tasks.send_status_links.enqueue(submission_id=first.pk, language=language)
        )
