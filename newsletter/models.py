from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from epw.core.mail import normalise_address
from epw.core.versioning import VersionedModel


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self) -> "SubscriberQuerySet":
        return self.filter(status=Subscriber.Status.CONFIRMED)


class Subscriber(models.Model):
    """One newsletter address and the history of its consent."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de confirmation")
        CONFIRMED = "confirmed", _("Confirmé")
        UNSUBSCRIBED = "unsubscribed", _("Désabonné")
        BOUNCED = "bounced", _("Adresse en échec")
        COMPLAINED = "complained", _("Plainte pour spam")

    email = models.EmailField(_("adresse e-mail"), max_length=254)
    status = models.CharField(
        _("statut"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    source = models.CharField(
        _("provenance"), max_length=50, blank=True, help_text=_("Formulaire ou import d’origine.")
    )
    consent_text = models.TextField(_("texte du consentement"), blank=True)
    consent_version = models.CharField(_("version du consentement"), max_length=20, blank=True)
    consented_at = models.DateTimeField(_("consentement donné le"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("désabonné le"), null=True, blank=True)
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    language = models.CharField(
        _("langue des e-mails"), max_length=10, default=settings.LANGUAGE_CODE, editable=False
    )

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("abonné")
        verbose_name_plural = _("abonnés")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="subscriber_email_unique_ci"),
        ]

    def __str__(self) -> str:
        return self.email

    def save(self, *args, **kwargs) -> None:
        self.email = normalise_address(self.email)
        super().save(*args, **kwargs)


class Edition(VersionedModel):
    """One issue of the newsletter: an introduction and a selection of articles."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        SCHEDULED = "scheduled", _("Programmée")
        SENDING = "sending", _("En cours d’envoi")
        SENT = "sent", _("Envoyée")

    subject = models.CharField(_("objet"), max_length=150)
    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Texte brut ; une ligne vide sépare les paragraphes."),
    )
    articles = models.ManyToManyField(
        "blog.Article",
        through="EditionArticle",
        verbose_name=_("articles"),
        related_name="newsletter_editions",
        blank=True,
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    scheduled_at = models.DateTimeField(_("envoi prévu le"), null=True, blank=True)
    started_at = models.DateTimeField(_("envoi commencé le"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(
        _("dernier signe de vie de l’envoi"), null=True, blank=True, editable=False
    )
    recipients_count = models.PositiveIntegerField(_("destinataires"), default=0, editable=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("édition")
        verbose_name_plural = _("éditions")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject

    @property
    def has_started(self) -> bool:
        """Sending or sent: the edition is frozen, its delivery records are history."""
        return self.status in {self.Status.SENDING, self.Status.SENT}


class EditionArticle(models.Model):
    """An article placed in an edition, at a position chosen by the editor."""

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="items", verbose_name=_("édition")
    )
    article = models.ForeignKey(
        "blog.Article", on_delete=models.CASCADE, related_name="+", verbose_name=_("article")
    )
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("article de l’édition")
        verbose_name_plural = _("articles de l’édition")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "article"], name="edition_article_unique"),
        ]

    def __str__(self) -> str:
        return str(self.article)


class Delivery(models.Model):
    """One edition for one subscriber: the unique row that makes a send exactly-once."""

    class Status(models.TextChoices):
        PENDING = "pending", _("À envoyer")
        SENDING = "sending", _("En cours")
        SENT = "sent", _("Envoyé")
        FAILED = "failed", _("Échec")
        SKIPPED = "skipped", _("Annulé (abonné parti)")

    edition = models.ForeignKey(
        Edition, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("édition")
    )
    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("abonné")
    )
    status = models.CharField(
        _("statut"), max_length=8, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("tentatives"), default=0)
    next_attempt_at = models.DateTimeField(_("prochaine tentative"), null=True, blank=True)
    claimed_by = models.CharField(_("pris par"), max_length=32, blank=True)
    claimed_at = models.DateTimeField(_("pris le"), null=True, blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    last_error = models.TextField(_("dernière erreur"), blank=True)

    class Meta:
        verbose_name = _("envoi")
        verbose_name_plural = _("envois")
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "subscriber"], name="delivery_edition_subscriber_unique"
            ),
        ]
        indexes = [models.Index(fields=["edition", "status"], name="delivery_edition_status")]

    def __str__(self) -> str:
        return f"{self.edition} → {self.subscriber}"
