import html
import math
from datetime import datetime

import reversion
from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager
from taggit.models import TaggedItemBase

from blog.images import validate_image
from blog.validators import validate_link
from epw.core.html import sanitize_html
from epw.core.uploads import RandomName
from epw.core.versioning import VersionedModel

WORDS_PER_MINUTE = 230


class Category(models.Model):
    """A section of the magazine, shown in the navigation."""

    name = models.CharField(_("nom"), max_length=100, unique=True)
    slug = models.SlugField(_("identifiant d’URL"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("catégorie parente"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Ordre dans la navigation (croissant).")
    )

    class Meta:
        verbose_name = _("catégorie")
        verbose_name_plural = _("catégories")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("blog:category_detail", kwargs={"slug": self.slug})


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """The only articles the public may ever see: published or scheduled, date passed."""
        return self.filter(
            status__in=[Article.Status.PUBLISHED, Article.Status.SCHEDULED],
            published_at__lte=timezone.now(),
        )

    def for_listing(self) -> "ArticleQuerySet":
        """Everything a listing card shows, in a fixed number of queries."""
        return (
            self.select_related("category")
            .prefetch_related("authors", "tags")
            .defer("body")
            .order_by("-published_at", "-pk")
        )


# Each revision of an article also holds its tag links, each with its tag's name (its natural
# key): Django's serialiser leaves taggit's links out of the article itself. blog.revisions reads
# them back.
@reversion.register(follow=["tagged_items"])
class Article(VersionedModel):
    """A magazine article, written by one or more contributors."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        REVIEW = "review", _("En relecture")
        SCHEDULED = "scheduled", _("Programmé")
        PUBLISHED = "published", _("Publié")
        UNPUBLISHED = "unpublished", _("Dépublié")

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(
        _("identifiant d’URL"),
        max_length=200,
        unique=True,
        help_text=_(
            "Fixe l’adresse de l’article ; l’ancienne adresse redirige si vous la changez."
        ),
    )
    standfirst = models.TextField(
        _("chapô"), blank=True, help_text=_("Le paragraphe d’accroche, sous le titre.")
    )
    body = models.TextField(_("corps"), blank=True)
    excerpt = models.TextField(
        _("extrait"), blank=True, help_text=_("Résumé des listes ; à défaut, le chapô.")
    )
    cover = models.ImageField(
        _("image de couverture"),
        upload_to=RandomName("covers/%Y/%m/"),
        blank=True,
        width_field="cover_width",
        height_field="cover_height",
        validators=[validate_image],
    )
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_alt = models.CharField(
        _("texte alternatif de la couverture"),
        max_length=250,
        blank=True,
        help_text=_("Décrit l’image pour les personnes qui ne la voient pas."),
    )
    cover_credit = models.CharField(_("crédit de la couverture"), max_length=200, blank=True)
    authors = models.ManyToManyField(
        "contributors.Contributor", verbose_name=_("auteurs"), related_name="articles"
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("catégorie"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    tags = TaggableManager(_("étiquettes"), through="TaggedArticle", blank=True)
    status = models.CharField(
        _("statut"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    published_at = models.DateTimeField(
        _("date de publication"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Dans le futur, l’article paraît de lui-même à cette date."),
    )
    updated_at = models.DateTimeField(
        _("dernière mise à jour"),
        null=True,
        blank=True,
        help_text=_("À renseigner pour une mise à jour significative du contenu."),
    )
    featured = models.BooleanField(_("à la une"), default=False)
    comments_open = models.BooleanField(_("commentaires ouverts"), default=True)
    comments_close_after_days = models.PositiveSmallIntegerField(
        _("fermeture des commentaires (jours)"),
        null=True,
        blank=True,
        help_text=_("Vide : délai du site ; 0 : jamais fermés automatiquement."),
    )
    seo_title = models.CharField(_("titre SEO"), max_length=70, blank=True)
    seo_description = models.CharField(_("description SEO"), max_length=160, blank=True)
    reading_time = models.PositiveSmallIntegerField(
        _("temps de lecture (min)"), default=1, editable=False
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    modified_at = models.DateTimeField(_("modifié le"), auto_now=True)
    # Derived by blog.search.index: category, author and tag names, searched with the standfirst.
    search_terms = models.TextField(_("termes de recherche"), blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="articles_created",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_public_idx"),
            # A category's listing and the home page's featured article, by index alone.
            models.Index(
                fields=["category", "status", "-published_at"], name="article_category_idx"
            ),
            models.Index(
                fields=["featured", "status", "-published_at"], name="article_featured_idx"
            ),
        ]
        permissions = [("publish_article", _("Peut publier, programmer et dépublier un article"))]

    # The slug and status as stored (set when loaded and when saved): blog.services.article_save
    # compares the slug, and blog.freshness tells readers' pages when a live article changes.
    stored_slug: str | None = None
    stored_status: str | None = None

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = slugify(self.title)[:200]
        self.body = sanitize_html(self.body)
        words = len(strip_tags(f"{self.standfirst} {self.body}").split())
        self.reading_time = max(1, math.ceil(words / WORDS_PER_MINUTE))
        super().save(*args, **kwargs)
        self.stored_slug = self.slug
        self.stored_status = self.status

    def get_absolute_url(self) -> str:
        return reverse("blog:article_detail", kwargs={"slug": self.slug})

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.stored_slug = instance.__dict__.get("slug")
        instance.stored_status = instance.__dict__.get("status")
        return instance

    @property
    def is_public(self) -> bool:
        return (
            self.status in {self.Status.PUBLISHED, self.Status.SCHEDULED}
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def summary(self) -> str:
        if self.excerpt:
            return self.excerpt
        if self.standfirst:
            return self.standfirst
        # Plain text: the sanitised body's entities (&amp;, &nbsp;) become the characters again,
        # after cutting, which would turn a non-breaking space into a plain one.
        return html.unescape(Truncator(strip_tags(self.body)).words(40))

    @property
    def last_modified(self):
        return max(filter(None, [self.published_at, self.updated_at]), default=self.modified_at)


@reversion.register(fields=["tag", "content_object"], use_natural_foreign_keys=True)
class TaggedArticle(TaggedItemBase):
    """The tag ↔ article link, with a real foreign key so tag pages join on integers."""

    content_object = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="tagged_items"
    )

    class Meta:
        verbose_name = _("étiquette d’article")
        verbose_name_plural = _("étiquettes d’articles")
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="tagged_article_unique")
        ]


class Page(VersionedModel):
    """A static page: À propos, the editorial charter, the legal notice…"""

    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("identifiant d’URL"), max_length=120, unique=True)
    body = models.TextField(_("corps"), blank=True)
    seo_description = models.CharField(_("description SEO"), max_length=160, blank=True)
    is_published = models.BooleanField(_("publiée"), default=True, db_index=True)
    in_footer = models.BooleanField(
        _("lien dans le pied de page"),
        default=True,
        help_text=_(
            "Pris en compte tant que le menu du pied de page (Blog → Menus) n’a aucun lien."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    modified_at = models.DateTimeField(_("modifiée le"), auto_now=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["position", "title"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("blog:page_detail", kwargs={"slug": self.slug})


class AnnouncementQuerySet(models.QuerySet):
    def not_over(self, now: datetime) -> "AnnouncementQuerySet":
        """Showing now or later: what a cache kept for a while must hold (see `is_showing`)."""
        return self.filter(is_active=True).exclude(ends_at__lte=now)


class Announcement(models.Model):
    """A dated block shown in one slot of the layout."""

    class Placement(models.TextChoices):
        AFTER_ARTICLE = "after_article", _("Après l’article")
        SIDEBAR = "sidebar", _("Barre latérale")
        TOP = "top", _("Haut de page")

    title = models.CharField(_("titre"), max_length=200)
    body = models.TextField(_("texte"), blank=True)
    link_url = models.CharField(
        _("lien"),
        max_length=200,
        blank=True,
        validators=[validate_link],
        help_text=_("Une page du site (/a-propos/) ou une adresse web (https://…)."),
    )
    link_label = models.CharField(_("libellé du lien"), max_length=80, blank=True)
    placement = models.CharField(
        _("emplacement"),
        max_length=20,
        choices=Placement.choices,
        default=Placement.AFTER_ARTICLE,
        db_index=True,
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    starts_at = models.DateTimeField(_("début"), default=timezone.now)
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        verbose_name = _("annonce")
        verbose_name_plural = _("annonces")
        ordering = ["placement", "position", "-starts_at"]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs) -> None:
        self.body = sanitize_html(self.body)
        super().save(*args, **kwargs)

    def is_showing(self, now: datetime | None = None) -> bool:
        """Whether the announcement is on the site at `now`: active, started and not over."""
        now = now or timezone.now()
        return (
            self.is_active
            and self.starts_at <= now
            and (self.ends_at is None or self.ends_at > now)
        )


class SiteSettings(models.Model):
    """The one row of editable site-wide settings. Blank texts fall back to translated defaults."""

    tagline = models.CharField(_("slogan"), max_length=200, blank=True)
    about_blurb = models.TextField(_("texte « À propos »"), blank=True)
    founded_year = models.PositiveSmallIntegerField(_("année de création"), null=True, blank=True)
    sessions_per_month = models.PositiveIntegerField(
        _("sessions par mois"),
        null=True,
        blank=True,
        help_text=_("Laisser vide pour afficher la mesure d’audience."),
    )
    pageviews_per_month = models.PositiveIntegerField(
        _("pages vues par mois"),
        null=True,
        blank=True,
        help_text=_("Laisser vide pour afficher la mesure d’audience."),
    )
    subscribers_count = models.PositiveIntegerField(
        _("abonnés à la newsletter"),
        null=True,
        blank=True,
        help_text=_("Laisser vide pour afficher le nombre réel d’abonnés confirmés."),
    )
    extra_figure = models.CharField(
        _("autre chiffre clé"),
        max_length=200,
        blank=True,
        help_text=_("Une ligne de plus dans l’encadré « À propos »."),
    )
    hashtag = models.CharField(_("mot-dièse"), max_length=50, blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    bluesky_url = models.URLField(_("Bluesky"), blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    twitter_url = models.URLField(_("X (Twitter)"), blank=True)
    columnist_call_text = models.TextField(_("appel aux chroniqueurs"), blank=True)
    newsletter_call_text = models.TextField(_("appel à la newsletter"), blank=True)
    require_second_factor = models.BooleanField(
        _("double authentification obligatoire"),
        default=False,
        help_text=_(
            "Chaque membre de la rédaction devra enregistrer une application d’authentification "
            "(page « Double authentification ») avant de pouvoir utiliser l’administration."
        ),
    )
    fediverse_username = models.CharField(
        _("identifiant sur le fédivers"),
        max_length=60,
        default="redaction",
        blank=True,
        validators=[
            RegexValidator(
                r"^[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?$",
                _(
                    "Lettres minuscules sans accent, chiffres, « _ », « - » et « . » "
                    "(ni au début ni à la fin)."
                ),
            )
        ],
        help_text=_(
            "Les lecteurs suivent le blog depuis Mastodon sous le nom @identifiant@adresse-du-site "
            "(« redaction » si vide)."
        ),
    )
    fediverse_approve_followers = models.BooleanField(
        _("approuver chaque abonné du fédivers"),
        default=False,
        help_text=_(
            "Sinon, toute demande d’abonnement venue du fédivers est acceptée automatiquement."
        ),
    )

    class Meta:
        verbose_name = _("réglages du site")
        verbose_name_plural = _("réglages du site")

    def __str__(self) -> str:
        return str(_("Réglages du site"))

    def save(self, *args, **kwargs) -> None:
        self.pk = 1
        super().save(*args, **kwargs)

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = [
            ("Mastodon", self.mastodon_url),
            ("Bluesky", self.bluesky_url),
            ("LinkedIn", self.linkedin_url),
            ("Facebook", self.facebook_url),
            ("X", self.twitter_url),
        ]
        return [(name, url) for name, url in links if url]


class WordPressItem(models.Model):
    """What a WordPress import made of one item of the export, keyed by its WordPress id.

    Re-running an import finds its earlier work here (and updates it only when the item's
    content hash changed); the old permalinks recorded here keep answering with a 301. Authors,
    categories and tags that an export gives without an id (older exports, some plugins) are
    keyed by their login or slug instead. ``object_hash`` is a digest of what the import wrote
    into the article or page: when it no longer matches, an editor has changed it since.
    """

    class Kind(models.TextChoices):
        AUTHOR = "author", _("Auteur")
        CATEGORY = "category", _("Catégorie")
        TAG = "tag", _("Étiquette")
        POST = "post", _("Article")
        PAGE = "page", _("Page")
        ATTACHMENT = "attachment", _("Fichier joint")
        COMMENT = "comment", _("Commentaire")

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices)
    wp_id = models.BigIntegerField(_("identifiant WordPress"), null=True, blank=True)
    wp_key = models.CharField(
        _("identifiant WordPress sans numéro"),
        max_length=200,
        blank=True,
        help_text=_("Identifiant de connexion ou slug, quand l’export ne donne pas de numéro."),
    )
    content_type = models.ForeignKey(
        "contenttypes.ContentType", on_delete=models.CASCADE, null=True, blank=True
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    wp_slug = models.CharField(_("identifiant WordPress d’URL"), max_length=200, blank=True)
    old_path = models.CharField(_("ancienne adresse"), max_length=500, blank=True)
    parent_wp_id = models.BigIntegerField(_("parent WordPress"), null=True, blank=True)
    media_path = models.CharField(_("fichier importé"), max_length=300, blank=True)
    content_hash = models.CharField(_("empreinte du contenu"), max_length=64, blank=True)
    object_hash = models.CharField(_("empreinte de l’élément importé"), max_length=64, blank=True)
    imported_at = models.DateTimeField(_("importé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("élément importé de WordPress")
        verbose_name_plural = _("éléments importés de WordPress")
        constraints = [
            models.UniqueConstraint(fields=["kind", "wp_id"], name="wordpress_item_unique"),
            models.UniqueConstraint(
                fields=["kind", "wp_key"],
                condition=~models.Q(wp_key=""),
                name="wordpress_item_key_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["old_path"], name="wordpress_item_path_idx"),
            models.Index(fields=["kind", "wp_slug"], name="wordpress_item_slug_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.wp_id or self.wp_key}"


class TagDescription(models.Model):
    """The text that introduces a tag's page (tags themselves are django-taggit's)."""

    tag = models.OneToOneField(
        "taggit.Tag",
        verbose_name=_("étiquette"),
        on_delete=models.CASCADE,
        related_name="epw_description",
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("description d’étiquette")
        verbose_name_plural = _("descriptions d’étiquettes")

    def __str__(self) -> str:
        return self.description[:50]


# Comment moderation states, audience figures, the image library and the menus live in their own
# modules; imported here so that Django registers them with the blog app.
from blog.audience.models import (  # noqa: E402, F401
    ArticleAudienceDay,
    AudienceCursor,
    AudienceDay,
    AudienceVisitor,
)
from blog.comments.models import CommentModeration  # noqa: E402, F401
from blog.library.models import LibraryImage  # noqa: E402, F401
from blog.menus.models import Menu, MenuItem  # noqa: E402, F401
from blog.search.models import SearchQueue, SearchWord  # noqa: E402, F401


class Autosave(models.Model):
    """An editor's unsaved changes to an article's form (article empty: a new article), kept
    between real saves so that nothing typed is lost. A scratch copy for its author only: not a
    revision, never shown to readers or to other editors."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rédacteur"),
        on_delete=models.CASCADE,
        related_name="article_autosaves",
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
    )
    data = models.JSONField(_("contenu du formulaire"), default=dict)
    saved_at = models.DateTimeField(_("enregistré le"))

    class Meta:
        verbose_name = _("sauvegarde automatique")
        verbose_name_plural = _("sauvegardes automatiques")
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="autosave_unique"),
            # NULLs are distinct in a unique constraint: one "new article" copy per editor.
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="autosave_unique_new"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.article or _('nouvel article')}"
