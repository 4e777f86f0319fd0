"""Moderation state kept beside each django-comments-xtd comment (xtd itself is not changed)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_comments_xtd.models import XtdComment


class CommentModeration(models.Model):
    """Where a comment stands: waiting for its e-mail confirmation, held, public, spam, rejected.

    `XtdComment.is_public` stays the flag the reading pages filter on; this row says why.
    """

    class State(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Non confirmé")
        HELD = "held", _("En attente de modération")
        PUBLIC = "public", _("Publié")
        SPAM = "spam", _("Indésirable")
        REJECTED = "rejected", _("Refusé")

    comment = models.OneToOneField(
        XtdComment,
        verbose_name=_("commentaire"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="moderation",
    )
    state = models.CharField(
        _("état"), max_length=12, choices=State.choices, default=State.UNCONFIRMED, db_index=True
    )
    reasons = models.CharField(
        _("motifs"),
        max_length=255,
        blank=True,
        help_text=_("Règles de modération déclenchées à l’envoi."),
    )
    fingerprint = models.CharField(
        _("empreinte"),
        max_length=64,
        db_index=True,
        editable=False,
        help_text=_("Reconnaît un double envoi du même commentaire."),
    )
    confirmation_sent_at = models.DateTimeField(_("confirmation envoyée le"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    decided_at = models.DateTimeField(_("modéré le"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("modéré par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    language = models.CharField(
        _("langue des e-mails"), max_length=10, default=settings.LANGUAGE_CODE, editable=False
    )

    class Meta:
        verbose_name = _("modération de commentaire")
        verbose_name_plural = _("modérations de commentaires")

    def __str__(self) -> str:
        return f"{self.comment_id} · {self.get_state_display()}"
