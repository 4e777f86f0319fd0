"""What the blog knows of the fediverse.

Local actors are the blog itself (« rédaction ») and each author with a published article; each
has its own RSA key pair. Remote actors are cached copies of the documents other servers publish.
An activity the blog sends is stored once (`OutgoingActivity`) and handed to each inbox by one
`Delivery` row, unique per (activity, inbox): that uniqueness is what makes a delivery happen
exactly once across crashes, as for the newsletter. Activities received are remembered by id
(`IncomingActivity`) so a replay is refused.
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class LocalActor(models.Model):
    """The blog or one of its authors, as the fediverse sees them."""

    class Kind(models.TextChoices):
        SITE = "site", _("Le blog")
        AUTHOR = "author", _("Auteur")

    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, db_index=True)
    contributor = models.OneToOneField(
        "contributors.Contributor",
        verbose_name=_("auteur"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="fediverse_actor",
    )
    private_key_pem = models.TextField(editable=False)
    public_key_pem = models.TextField(editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    class Meta:
        verbose_name = _("compte du blog sur le fédivers")
        verbose_name_plural = _("comptes du blog sur le fédivers")
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(kind="site"),
                name="fediverse_one_site_actor",
            ),
            models.CheckConstraint(
                condition=models.Q(kind="site", contributor__isnull=True)
                | models.Q(kind="author", contributor__isnull=False),
                name="fediverse_author_actor_has_contributor",
            ),
        ]

    def __str__(self) -> str:
        return str(self.contributor) if self.contributor_id else str(_("Le blog"))


class RemoteActor(models.Model):
    """A person or service on another server, as its actor document last described it."""

    uri = models.URLField(_("adresse de l’acteur"), max_length=500, unique=True)
    domain = models.CharField(_("serveur"), max_length=255, db_index=True)
    username = models.CharField(_("identifiant"), max_length=255, blank=True)
    name = models.CharField(_("nom"), max_length=255, blank=True)
    url = models.URLField(_("profil"), max_length=500, blank=True)
    inbox = models.URLField(_("boîte de réception"), max_length=500)
    shared_inbox = models.URLField(_("boîte de réception partagée"), max_length=500, blank=True)
    key_id = models.CharField(_("identifiant de clé"), max_length=500, db_index=True)
    public_key_pem = models.TextField(_("clé publique"))
    fetched_at = models.DateTimeField(_("lu le"))

    class Meta:
        verbose_name = _("compte distant")
        verbose_name_plural = _("comptes distants")

    def __str__(self) -> str:
        return self.handle

    @property
    def handle(self) -> str:
        return f"@{self.username}@{self.domain}" if self.username else self.uri

    @property
    def delivery_inbox(self) -> str:
        return self.shared_inbox or self.inbox


class Follower(models.Model):
    """A remote actor following one of the local actors."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente d’approbation")
        ACCEPTED = "accepted", _("Accepté")

    actor = models.ForeignKey(
        LocalActor,
        verbose_name=_("compte suivi"),
        on_delete=models.CASCADE,
        related_name="followers",
    )
    remote = models.ForeignKey(
        RemoteActor,
        verbose_name=_("abonné"),
        on_delete=models.CASCADE,
        related_name="follows",
    )
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    follow_id = models.URLField(_("identifiant de la demande"), max_length=500)
    created_at = models.DateTimeField(_("depuis le"), auto_now_add=True)

    class Meta:
        verbose_name = _("abonné du fédivers")
        verbose_name_plural = _("abonnés du fédivers")
        constraints = [
            models.UniqueConstraint(fields=["actor", "remote"], name="fediverse_follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.remote} → {self.actor}"


class Block(models.Model):
    """A server or an account whose activities are ignored."""

    domain = models.CharField(_("serveur"), max_length=255, blank=True, db_index=True)
    actor_uri = models.URLField(_("compte"), max_length=500, blank=True, db_index=True)
    reason = models.CharField(_("motif"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("bloqué le"), auto_now_add=True)

    class Meta:
        verbose_name = _("blocage")
        verbose_name_plural = _("blocages")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(domain="", actor_uri=""), name="fediverse_block_names_something"
            )
        ]

    def __str__(self) -> str:
        return self.domain or self.actor_uri


class OutgoingActivity(models.Model):
    """An activity a local actor published, kept for its outbox and its deliveries."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    actor = models.ForeignKey(
        LocalActor, verbose_name=_("compte"), on_delete=models.CASCADE, related_name="activities"
    )
    type = models.CharField(_("type"), max_length=20, db_index=True)
    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="fediverse_activities",
    )
    payload = models.JSONField(_("contenu"))
    public = models.BooleanField(_("dans la boîte d’envoi publique"), default=False)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("activité envoyée")
        verbose_name_plural = _("activités envoyées")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.type} {self.uuid}"


class Delivery(models.Model):
    """One activity handed to one inbox: created once, sent at most once successfully."""

    class Status(models.TextChoices):
        PENDING = "pending", _("À envoyer")
        SENT = "sent", _("Envoyée")
        GIVEN_UP = "given_up", _("Abandonnée")

    activity = models.ForeignKey(
        OutgoingActivity,
        verbose_name=_("activité"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    inbox = models.URLField(_("boîte de réception"), max_length=500)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("essais"), default=0)
    next_attempt_at = models.DateTimeField(_("prochain essai"), null=True, blank=True)
    claimed_until = models.DateTimeField(null=True, blank=True, editable=False)
    last_error = models.CharField(_("dernière erreur"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("envoi")
        verbose_name_plural = _("envois")
        constraints = [
            models.UniqueConstraint(fields=["activity", "inbox"], name="fediverse_deliver_once")
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="fediverse_delivery_due"),
        ]

    def __str__(self) -> str:
        return f"{self.activity} → {self.inbox}"


class IncomingActivity(models.Model):
    """An activity posted to one of the blog's inboxes, kept until checked and applied.

    Its id is unique, so the same activity sent again is refused rather than applied twice.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", _("Reçue")
        APPLIED = "applied", _("Appliquée")
        REFUSED = "refused", _("Refusée")

    activity_id = models.URLField(max_length=500, unique=True)
    actor_uri = models.URLField(max_length=500)
    type = models.CharField(max_length=20)
    payload = models.JSONField(default=dict)
    # The request's method, path and signed headers, to check the signature in the worker.
    signature = models.JSONField(default=dict)
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    error = models.CharField(max_length=300, blank=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("activité reçue")
        verbose_name_plural = _("activités reçues")

    def __str__(self) -> str:
        return f"{self.type} {self.activity_id}"


class Reaction(models.Model):
    """A like or a boost of an article by a remote actor."""

    class Kind(models.TextChoices):
        LIKE = "like", _("J’aime")
        BOOST = "boost", _("Partage")

    article = models.ForeignKey(
        "blog.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="fediverse_reactions",
    )
    remote = models.ForeignKey(
        RemoteActor, verbose_name=_("compte"), on_delete=models.CASCADE, related_name="reactions"
    )
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    activity_id = models.URLField(max_length=500, unique=True)
    created_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        verbose_name = _("réaction du fédivers")
        verbose_name_plural = _("réactions du fédivers")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "remote", "kind"], name="fediverse_react_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.remote}"


class RemoteComment(models.Model):
    """The fediverse post a comment came from."""

    comment = models.OneToOneField(
        "django_comments_xtd.XtdComment",
        verbose_name=_("commentaire"),
        on_delete=models.CASCADE,
        related_name="fediverse_post",
    )
    note_uri = models.URLField(_("publication d’origine"), max_length=500, unique=True)
    url = models.URLField(_("adresse de la publication"), max_length=500, blank=True)
    remote = models.ForeignKey(
        RemoteActor, verbose_name=_("auteur"), on_delete=models.CASCADE, related_name="comments"
    )

    class Meta:
        verbose_name = _("commentaire venu du fédivers")
        verbose_name_plural = _("commentaires venus du fédivers")

    def __str__(self) -> str:
        return self.note_uri
