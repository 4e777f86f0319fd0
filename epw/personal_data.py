"""Personal data requests: everything EPW holds about one e-mail address, exported or erased.

Each app exports and erases its own rows (comments, newsletter, submissions); this module
adds what no app owns — the admin's history, article revisions, background-task rows and
staff accounts — so that the command and the admin page answer a request in one go.

Erasure keeps the newsroom's records but not the person: comments stay anonymised (texts
stay, identity goes), admin history entries and revisions keep who did what and when with the
address replaced by `PLACEHOLDER`, staff accounts lose only their address. Subscribers,
deliveries, submissions with their files, and task rows about the person are deleted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Model, Q, QuerySet, TextField
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_comments_xtd.models import XtdComment
from django_tasks_db.models import DBTaskResult
from reversion.models import Revision, Version

from blog.comments.services import commenter_erase, commenter_export
from contributors.models import Contributor, Submission, SubmissionMessage
from contributors.privacy import applicant_data_erase, applicant_data_export, applicant_files
from epw.core.mail import normalise_address
from epw.core.personal_data_access import can_handle_personal_data
from epw.core.privacy import hashed
from newsletter.models import Subscriber
from newsletter.services import subscriber_erase, subscriber_export

PLACEHOLDER = "[adresse effacée]"


class InvalidAddress(ValueError):
    """Not an e-mail address; the message is for people."""


def address(value: str) -> str:
    """`value` normalised like every stored address (see `normalise_address`), or InvalidAddress."""
    email = normalise_address(value)
    try:
        validate_email(email)
    except ValidationError:
        email = ""
    if not email or len(email) > Subscriber._meta.get_field("email").max_length:
        raise InvalidAddress(_("Saisissez une adresse e-mail valide."))
    return email


# Export ----------------------------------------------------------------------------------


def personal_data_export(*, email: str) -> dict:
    """Everything stored about `email`, as JSON-ready data (right of access)."""
    email = address(email)
    submissions = applicant_data_export(email=email)["submissions"]
    return {
        "email": email,
        "exported_at": timezone.now().isoformat(),
        "comments": commenter_export(email=email),
        "newsletter": subscriber_export(email=email),
        "submissions": submissions,
        "files": [file.name for file in applicant_files(email=email)],
        "contributor_profiles": [_contributor(c) for c in _contributors(email)],
        "accounts": [_account(user) for user in _accounts(email)],
        "admin_history": [_log_entry(entry) for entry in _log_entries(email)],
        "revisions": [_version(version) for version in _versions(email)],
        "tasks": [_task(row) for row in _task_results(email)],
    }


def personal_data_files(*, email: str) -> list[FieldFile]:
    """The files the person sent (applicants' photos and drafts), for a copy with the export."""
    return applicant_files(email=address(email))


def _contributors(email: str) -> QuerySet[Contributor]:
    return Contributor.objects.filter(
        Q(submissions__in=Submission.objects.for_address(email)) | Q(user__email__iexact=email)
    ).distinct()


def _contributor(contributor: Contributor) -> dict:
    return {
        "display_name": contributor.display_name,
        "slug": contributor.slug,
        "kind": contributor.kind,
        "bio": contributor.bio,
        "photo": contributor.photo.name,
        "website": contributor.website,
        "mastodon": contributor.mastodon,
        "linkedin": contributor.linkedin,
        "created_at": contributor.created_at.isoformat(),
    }


def _accounts(email: str) -> QuerySet:
    return get_user_model().objects.filter(email__iexact=email).prefetch_related("groups")


def _account(user) -> dict:
    return {
        "username": user.get_username(),
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_staff": user.is_staff,
        "groups": [group.name for group in user.groups.all()],
        "date_joined": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
        "admin_history": [
            _log_entry(entry)
            for entry in LogEntry.objects.filter(user=user).select_related("content_type")
        ],
    }


def _about_the_person(email: str) -> Q:
    """Admin history entries about the person's rows, whatever their text says."""
    rows: list[tuple[type[Model], QuerySet]] = [
        (Subscriber, Subscriber.objects.filter(email__iexact=email)),
        (Submission, Submission.objects.for_address(email)),
        (SubmissionMessage, SubmissionMessage.objects.filter(submission__email__iexact=email)),
        (XtdComment, XtdComment.norel_objects.filter(user_email__iexact=email)),
    ]
    about = Q(pk__in=[])
    for model, queryset in rows:
        keys = [str(pk) for pk in queryset.values_list("pk", flat=True)]
        if keys:
            content_type = ContentType.objects.get_for_model(model)
            about |= Q(content_type=content_type, object_id__in=keys)
    return about


def _log_entries(email: str) -> QuerySet[LogEntry]:
    mentions = Q(object_repr__icontains=email) | Q(change_message__icontains=email)
    entries = LogEntry.objects.filter(mentions | _about_the_person(email))
    return entries.select_related("content_type", "user").order_by("action_time", "pk")


def _log_entry(entry: LogEntry) -> dict:
    return {
        "action_time": entry.action_time.isoformat(),
        "by": entry.user.get_username() if entry.user_id else None,
        "action": entry.get_action_flag_display(),
        "object_type": entry.content_type.model if entry.content_type else None,
        "object": entry.object_repr,
        "change": entry.get_change_message(),
    }


def _versions(email: str) -> QuerySet[Version]:
    mentions = (
        Q(serialized_data__icontains=email)
        | Q(object_repr__icontains=email)
        | Q(revision__comment__icontains=email)
    )
    return Version.objects.filter(mentions).select_related("revision").order_by("pk")


def _version(version: Version) -> dict:
    return {
        "object": version.object_repr,
        "date": version.revision.date_created.isoformat(),
        "comment": version.revision.comment,
        "data": version.serialized_data,
    }


# Task rows whose arguments name one of the person's rows, by task module and argument.
TASK_ARGUMENTS = (
    ("newsletter.tasks.", "subscriber_id", Subscriber, "email"),
    ("contributors.tasks.", "submission_id", Submission, "email"),
    ("contributors.tasks.", "message_id", SubmissionMessage, "submission__email"),
    ("blog.comments.tasks.", "comment_id", XtdComment, "user_email"),
)


def _task_results(email: str) -> QuerySet[DBTaskResult]:
    """Task rows naming the address (arguments, result, error) or one of the person's rows."""
    texts = DBTaskResult.objects.annotate(
        arguments=Cast("args_kwargs", output_field=TextField()),
        result=Cast("return_value", output_field=TextField()),
    )
    about = (
        Q(arguments__icontains=email)
        | Q(result__icontains=email)
        | Q(traceback__icontains=email)
        | Q(exception_class_path__icontains=email)
    )
    for prefix, argument, model, field in TASK_ARGUMENTS:
        keys = list(model._default_manager.filter(**{f"{field}__iexact": email}).values("pk"))
        if keys:
            about |= Q(
                task_path__startswith=prefix,
                **{f"args_kwargs__kwargs__{argument}__in": [key["pk"] for key in keys]},
            )
    return DBTaskResult.objects.filter(pk__in=texts.filter(about).values("pk")).order_by(
        "enqueued_at"
    )


def _task(row: DBTaskResult) -> dict:
    return {
        "task": row.task_path,
        "status": row.status,
        "enqueued_at": row.enqueued_at.isoformat(),
        "finished_at": row.finished_at.isoformat() if row.finished_at else None,
        "arguments": row.args_kwargs,
        "result": row.return_value,
        "error": row.traceback,
    }


# Erasure ---------------------------------------------------------------------------------


@dataclass
class Erasure:
    """How many rows of each kind an erasure changed (all zero when run again)."""

    comments: int = 0
    subscribers: int = 0
    deliveries: int = 0
    submissions: int = 0
    files: int = 0
    accounts: int = 0
    admin_history: int = 0
    revisions: int = 0
    tasks: int = 0

    @property
    def total(self) -> int:
        return sum(getattr(self, field.name) for field in fields(self))

    def lines(self) -> list[str]:
        """One translated line per kind, in the active language."""
        return [
            ngettext(
                "%(count)d commentaire anonymisé",
                "%(count)d commentaires anonymisés",
                self.comments,
            )
            % {"count": self.comments},
            ngettext(
                "%(count)d abonnement supprimé", "%(count)d abonnements supprimés", self.subscribers
            )
            % {"count": self.subscribers},
            ngettext(
                "%(count)d envoi de lettre supprimé",
                "%(count)d envois de lettre supprimés",
                self.deliveries,
            )
            % {"count": self.deliveries},
            ngettext(
                "%(count)d proposition supprimée",
                "%(count)d propositions supprimées",
                self.submissions,
            )
            % {"count": self.submissions},
            ngettext("%(count)d fichier supprimé", "%(count)d fichiers supprimés", self.files)
            % {"count": self.files},
            ngettext(
                "%(count)d compte sans adresse désormais",
                "%(count)d comptes sans adresse désormais",
                self.accounts,
            )
            % {"count": self.accounts},
            ngettext(
                "%(count)d entrée d’historique de l’admin anonymisée",
                "%(count)d entrées d’historique de l’admin anonymisées",
                self.admin_history,
            )
            % {"count": self.admin_history},
            ngettext(
                "%(count)d version d’article anonymisée",
                "%(count)d versions d’article anonymisées",
                self.revisions,
            )
            % {"count": self.revisions},
            ngettext(
                "%(count)d tâche de fond supprimée",
                "%(count)d tâches de fond supprimées",
                self.tasks,
            )
            % {"count": self.tasks},
        ]


def personal_data_erase(*, email: str, by: AbstractBaseUser | None = None) -> Erasure:
    """Erase or anonymise everything stored about `email`; running it again changes nothing.

    `by` is the editor answering the request from the admin (None from the server's command
    line): they need `can_handle_personal_data`, and the erasure is written to the admin's
    history under their name, with a keyed digest of the address (enough to check
    later whether a given address was erased, not to read it back).
    """
    if by is not None and not can_handle_personal_data(by):
        raise PermissionDenied
    email = address(email)
    erasure = Erasure()
    quoted = re.compile(re.escape(email), re.IGNORECASE)
    with transaction.atomic():
        # Before the rows go: the history entries about them are found through their keys.
        history = list(_log_entries(email))
        about = set(LogEntry.objects.filter(_about_the_person(email)).values_list("pk", flat=True))
        tasks = list(_task_results(email).values_list("pk", flat=True))
        erasure.files = len(applicant_files(email=email))
        erasure.comments = commenter_erase(email=email, placeholder=PLACEHOLDER)
        erasure.subscribers, erasure.deliveries = subscriber_erase(email=email)
        erasure.submissions = applicant_data_erase(email=email)
        erasure.accounts = _accounts(email).update(email="")
        erasure.tasks = DBTaskResult.objects.filter(pk__in=tasks).delete()[0]
        for entry in history:
            # An entry about the person's own row names them (a subscriber is their address,
            # a submission their name): it goes whole; elsewhere only the address goes.
            if entry.pk in about:
                entry.object_repr = PLACEHOLDER
            else:
                entry.object_repr = quoted.sub(PLACEHOLDER, entry.object_repr)
            entry.change_message = quoted.sub(PLACEHOLDER, entry.change_message)
            entry.save(update_fields=["object_repr", "change_message"])
        erasure.admin_history = len(history)
        erasure.revisions = _revisions_anonymise(email, quoted)
        if by is not None and erasure.total:
            LogEntry.objects.create(
                user_id=by.pk,
                action_flag=DELETION,
                object_repr=_("Données personnelles effacées (empreinte %(digest)s)")
                % {"digest": hashed(email, salt="personal-data")[:16]},
                change_message="; ".join(erasure.lines()),
            )
    return erasure


def _revisions_anonymise(email: str, quoted: re.Pattern) -> int:
    versions = list(_versions(email))
    for version in versions:
        version.serialized_data = quoted.sub(PLACEHOLDER, version.serialized_data)
        version.object_repr = quoted.sub(PLACEHOLDER, version.object_repr)
        version.save(update_fields=["serialized_data", "object_repr"])
    for revision in Revision.objects.filter(comment__icontains=email):
        revision.comment = quoted.sub(PLACEHOLDER, revision.comment)
        revision.save(update_fields=["comment"])
    return len(versions)
