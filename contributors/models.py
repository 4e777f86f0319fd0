import secrets
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from blog.models import Article
from contributors import links
from contributors.drafts import sanitize_draft
from epw.core import signing
from epw.core.html import sanitize_html
from epw.core.mail import normalise_address
from epw.core.uploads import RandomName


class ContributorQuerySet(models.QuerySet):
    def with_published_articles(self) -> "ContributorQuerySet":
        """Contributors credited on at least one public article."""
        return self.filter(articles__in=Article.objects.published()).distinct()


class Contributor(models.Model):
    """A public author profile: staff editor or guest columnist."""

    class Kind(models.TextChoices):
        STAFF = "staff", _("Rédaction")
        GUEST = "guest", _("Chroniqueur invité")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("compte"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributor",
        help_text=_("Compte d’administration lié, le cas échéant."),
    )
    display_name = models.CharField(_("nom affiché"), max_length=120)
    slug = models.SlugField(_("identifiant d’URL"), max_length=140, unique=True)
    kind = models.CharField(
        _("type"), max_length=10, choices=Kind.choices, default=Kind.STAFF, db_index=True
    )
    bio = models.TextField(_("biographie"), blank=True)
    photo = models.ImageField(_("photo"), upload_to=RandomName("contributors/"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    mastodon = models.URLField(_("Mastodon"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)

    objects = ContributorQuerySet.as_manager()

    class Meta:
        verbose_name = _("contributeur")
        verbose_name_plural = _("contributeurs")
        ordering = ["display_name"]

    def __str__(self) -> str:
        return self.display_name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.display_name)[:140]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("contributors:contributor_detail", kwargs={"slug": self.slug})

    @property
    def initials(self) -> str:
        parts = [part for part in self.display_name.split() if part[:1].isalpha()]
        return "".join(part[0] for part in parts[:2]).upper()


class CharterVersion(models.Model):
    """One wording of the editorial charter; applicants accept the latest one."""

    version = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("titre"), max_length=200, default=_("Charte éditoriale"))
    body = models.TextField(_("texte"), help_text=_("HTML nettoyé à l’enregistrement."))
    published_at = models.DateTimeField(_("en vigueur depuis"), auto_now_add=True)

    class Meta:
        verbose_name = _("version de la charte")
        verbose_name_plural = _("versions de la charte")
        ordering = ["-version"]

    def __str__(self) -> str:
        return _("Charte, version %(version)s") % {"version": self.version}

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "CharterVersion | None":
        return cls.objects.order_by("-version").first()


def new_secret() -> str:
    return secrets.token_urlsafe(18)


def private_upload(instance, filename: str) -> str:
    """Applicants' files under unguessable names: the name they chose may identify them."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"submissions/{secrets.token_urlsafe(16)}{suffix}"


class SubmissionQuerySet(models.QuerySet):
    def open(self) -> "SubmissionQuerySet":
        """Submissions still waiting for an outcome (the applicant may follow them)."""
        return self.filter(status__in=Submission.OPEN_STATUSES)

    def for_address(self, email: str) -> "SubmissionQuerySet":
        # Case-insensitive still: rows stored before addresses were normalised kept their case.
        return self.filter(email__iexact=normalise_address(email))

    def awaiting_link(self) -> "SubmissionQuerySet":
        """Submissions whose applicant still needs a link: open, or accepted and not yet out."""
        return self.filter(status__in=(*Submission.OPEN_STATUSES, Submission.Status.ACCEPTED))

    def from_link(self, key: tuple[int, str]) -> "Submission":
        """The submission a signed link names by its (id, secret) key (see contributors.links);
        raises `signing.LinkInvalid` once it is deleted or its secret has changed."""
        pk, secret = key
        submission = self.filter(pk=pk, secret=secret).first()
        if submission is None:
            raise signing.LinkInvalid
        return submission


class Submission(models.Model):
    """A prospective columnist's application and draft article."""

    class Status(models.TextChoices):
        UNCONFIRMED = "unconfirmed", _("Adresse à confirmer")
        NEW = "new", _("Nouvelle")
        REVIEW = "review", _("En relecture")
        CHANGES = "changes", _("Modifications demandées")
        ACCEPTED = "accepted", _("Acceptée")
        DECLINED = "declined", _("Refusée")
        PUBLISHED = "published", _("Publiée")

    OPEN_STATUSES = (Status.UNCONFIRMED, Status.NEW, Status.REVIEW, Status.CHANGES)

    status = models.CharField(
        _("statut"),
        max_length=12,
        choices=Status.choices,
        default=Status.UNCONFIRMED,
        db_index=True,
    )
    name = models.CharField(_("nom"), max_length=120)
    email = models.EmailField(_("e-mail"), db_index=True)
    bio = models.TextField(_("courte biographie"), max_length=1500)
    photo = models.ImageField(_("photo"), upload_to=private_upload, blank=True)
    website = models.URLField(_("site web"), blank=True)
    mastodon = models.URLField(_("Mastodon"), blank=True)
    linkedin = models.URLField(_("LinkedIn"), blank=True)
    topics = models.CharField(_("sujets de prédilection"), max_length=300, blank=True)
    title = models.CharField(_("titre proposé"), max_length=200)
    standfirst = models.TextField(_("chapô"), max_length=1000)
    charter = models.ForeignKey(
        CharterVersion,
        verbose_name=_("charte acceptée"),
        on_delete=models.PROTECT,
        null=True,
        related_name="submissions",
    )
    charter_accepted_at = models.DateTimeField(_("charte acceptée le"))
    privacy_accepted_at = models.DateTimeField(_("consentement donné le"))
    secret = models.CharField(max_length=40, default=new_secret, editable=False)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("éditeur assigné"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_submissions",
    )
    contributor = models.ForeignKey(
        Contributor,
        verbose_name=_("profil de contributeur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
    )
    article = models.OneToOneField(
        "blog.Article",
        verbose_name=_("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submission",
    )
    created_at = models.DateTimeField(_("reçue le"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("statut modifié le"), default=timezone.now)
    published_notified_at = models.DateTimeField(
        _("publication annoncée le"), null=True, blank=True
    )
    language = models.CharField(
        _("langue des e-mails"), max_length=10, default=settings.LANGUAGE_CODE, editable=False
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ["-created_at"]
        permissions = [("review_submission", _("Peut relire les propositions"))]

    def __str__(self) -> str:
        return f"{self.title} ({self.name})"

    def get_absolute_url(self) -> str:
        return links.status_url(self)

    @property
    def latest_version(self) -> "SubmissionVersion | None":
        return self.versions.order_by("-number").first()


class SubmissionVersion(models.Model):
    """One draft of a submission, as sent; every version is kept."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("numéro"))
    body = models.TextField(_("texte (HTML nettoyé)"))
    source_file = models.FileField(_("fichier envoyé"), upload_to=private_upload, blank=True)
    created_at = models.DateTimeField(_("envoyée le"), auto_now_add=True)

    class Meta:
        verbose_name = _("version du texte")
        verbose_name_plural = _("versions du texte")
        ordering = ["submission", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "number"], name="submission_version_unique"
            )
        ]

    def __str__(self) -> str:
        return _("Version %(number)s") % {"number": self.number}

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_draft(self.body)  # shown as HTML to editors and the applicant
        super().save(*args, **kwargs)


class SubmissionMessage(models.Model):
    """The thread of a submission: editor messages, applicant replies, internal notes."""

    class Kind(models.TextChoices):
        TO_APPLICANT = "to_applicant", _("Message au candidat")
        FROM_APPLICANT = "from_applicant", _("Réponse du candidat")
        NOTE = "note", _("Note interne")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("statut annoncé"), max_length=12, choices=Submission.Status.choices, blank=True
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {timezone.localtime(self.created_at):%Y-%m-%d %H:%M}"
