"""Import a WordPress export into EPW, item by item, safe to run again.

The file is first read through without writing anything, so that a malformed or truncated
export is refused before the import starts. It is then read twice as a stream: first authors,
categories, tags and attachments (so a post finds its featured image and gallery whatever their
order in the file), then posts and pages with their comments. Each item is written in its own
transaction and recorded as a ``WordPressItem`` keyed by its WordPress id (an author's login
or a term's slug when the export gives no id) with a hash of its content: a re-run updates what
changed and leaves the rest alone. An article or page that an editor changed in EPW since the
import is never overwritten: when its WordPress item changed too, the re-run reports the
conflict instead. A dry run does everything inside one transaction rolled back at the end, and
copies no file.
"""

import hashlib
import logging
from collections.abc import Callable
from dataclasses import astuple, replace
from datetime import datetime
from pathlib import Path
from typing import TextIO
from urllib.parse import unquote, urlsplit

from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _
from taggit.models import Tag

from blog.models import (
    Article,
    Category,
    Page,
    TagDescription,
    TaggedArticle,
    WordPressItem,
)
from blog.renditions import get_renditions
from blog.wordpress.comments import CommentImporter
from blog.wordpress.convert import convert_content, plain_text
from blog.wordpress.media import MediaLibrary
from blog.wordpress.menus import MenuImporter, is_menu_link
from blog.wordpress.parser import Author, Item, Term, WXRError, WXRReader, wp_date
from blog.wordpress.report import Progress, Report
from blog.wordpress.shortcodes import Attachment
from blog.wordpress.slugs import unique_slug, wp_slug
from epw.core.chrome_cache import site_changed

logger = logging.getLogger(__name__)

CONVERSION_VERSION = "3"  # part of every hash: bump it to convert every item anew
IMPORTED_ARTICLE_FIELDS = [
    "title",
    "slug",
    "body",
    "standfirst",
    "status",
    "published_at",
    "featured",
    "comments_open",
    "category_id",
    "cover",
    "cover_alt",
]
IMPORTED_PAGE_FIELDS = ["title", "slug", "body", "is_published"]
Kind = WordPressItem.Kind
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.SCHEDULED,
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.DRAFT,
    "private": Article.Status.UNPUBLISHED,
}


class _DryRunRollback(Exception):
    pass


def import_wordpress(
    path: Path,
    *,
    media_dir: Path | None = None,
    dry_run: bool = False,
    keep_spam: bool = False,
    progress_stream: TextIO | None = None,
) -> Report:
    """Import the export at ``path``.

    On a malformed or foreign file, raises WXRError carrying the report so far (``.report``)
    before anything is written (``.partial`` is False). Should the file become unreadable
    between two passes, the items imported before the error stay (``.partial`` is True).
    """
    report = Report()
    report.dry_run = dry_run
    importer = Importer(
        path, media_dir=media_dir, dry_run=dry_run, keep_spam=keep_spam, report=report
    )
    if progress_stream is not None:
        importer.progress = Progress(progress_stream, total_bytes=path.stat().st_size)
    try:
        importer.validate()
    except WXRError as error:
        report.error = str(error)
        error.report, error.partial = report, False
        raise
    try:
        if not dry_run:
            try:
                importer.run()
            finally:
                site_changed()  # categories, pages and archives shown in the layout
            return report
        with transaction.atomic():
            importer.run()
            raise _DryRunRollback
    except _DryRunRollback:
        return report
    except WXRError as error:
        report.error = str(error)
        error.report, error.partial = report, not dry_run
        raise


class Importer:
    def __init__(
        self,
        path: Path,
        *,
        media_dir: Path | None,
        dry_run: bool,
        keep_spam: bool,
        report: Report,
    ):
        self.path = path
        self.dry_run = dry_run
        self.report = report
        self.media = MediaLibrary(media_dir, dry_run=dry_run, report=report)
        self.comments = CommentImporter(keep_spam=keep_spam, report=report)
        self.menus = MenuImporter(report)
        self.progress: Progress | None = None
        self.authors: dict[str, int] = {}  # login → contributor id
        self.listed_authors = False  # WXR 1.0 lists none: items name them by login only
        # Author profiles belong to an app above the blog: reached through the relation.
        self.profile_model = Article.authors.rel.model
        self.categories: dict[str, int] = {}  # nicename → category id
        self.tags: dict[str, int] = {}  # slug → tag id
        self.alts: dict[int, str] = {}  # attachment id → its alt text
        self.alts_by_file: dict[str, str] = {}  # upload path → its attachment's alt text
        self.labels: dict[int, str] = {}  # attachment id → its caption, else its title

    def validate(self) -> None:
        """Reads the whole file, writing nothing: raises WXRError if it is not a sound export."""
        self._pass(_("Vérification du fichier"), lambda entry: None)

    def run(self) -> None:
        self._pass(_("Auteurs, termes et fichiers"), self._first_pass)
        self._pass(_("Articles, pages et commentaires"), self._second_pass)
        self.menus.save()  # once every link's target exists

    def _pass(self, label: str, handle: Callable[[Author | Term | Item], None]) -> None:
        if self.progress:
            self.progress.start(label)
        with self.path.open("rb") as stream:
            reader = WXRReader(stream)
            for entry in reader:
                handle(entry)
                if self.progress:
                    self.progress.step(reader.position)
        if self.progress:
            self.progress.finish()

    def _first_pass(self, entry: Author | Term | Item) -> None:
        if isinstance(entry, Author):
            self.listed_authors = True
            self._guarded(Kind.AUTHOR, entry.wp_id or entry.login, lambda: self._author(entry))
        elif isinstance(entry, Term):
            self._guarded(entry.kind, entry.wp_id or entry.slug, lambda: self._term(entry))
        elif entry.post_type == "attachment":
            self._guarded(Kind.ATTACHMENT, entry.wp_id, lambda: self._attachment(entry))
        elif (
            not self.listed_authors
            and entry.post_type in {"post", "page"}
            and entry.creator
            and entry.creator not in self.authors
        ):
            author = Author(wp_id=0, login=entry.creator, email="", display_name=entry.creator)
            self._guarded(Kind.AUTHOR, author.login, lambda: self._author(author))

    def _second_pass(self, entry: Author | Term | Item) -> None:
        if not isinstance(entry, Item) or entry.post_type == "attachment":
            return
        if is_menu_link(entry):
            self.menus.collect(entry)
        elif entry.post_type not in {"post", "page"}:
            self.report.count("other", "skipped")
        elif entry.status not in STATUSES:
            self.report.count(entry.post_type, "skipped")
        elif entry.post_type == "post":
            self._guarded(Kind.POST, entry.wp_id, lambda: self._post(entry))
        else:
            self._guarded(Kind.PAGE, entry.wp_id, lambda: self._page(entry))

    def _guarded(self, kind: str, wp_id: int | str, work: Callable[[], str]) -> None:
        """One item, one transaction: a failure is reported and the import goes on."""
        try:
            with transaction.atomic():
                outcome = work()
        except WXRError:
            raise
        except Exception as error:  # noqa: BLE001 - any bad item is skipped, never fatal
            logger.warning("WordPress item %s %s skipped.", kind, wp_id, exc_info=True)
            self.report.count(kind, "skipped")
            self.report.warn(
                _("{kind} {wp_id} ignoré : {error}").format(kind=kind, wp_id=wp_id, error=error)
            )
            return
        self.report.count(kind, outcome)

    # Records ----------------------------------------------------------------------------

    def _record(self, kind: str, wp_id: int, key: str = "") -> WordPressItem | None:
        """An item's record: by its WordPress id, else by its login or slug (``key``)."""
        if wp_id:
            return WordPressItem.objects.filter(kind=kind, wp_id=wp_id).first()
        if key:
            return WordPressItem.objects.filter(kind=kind, wp_key=key[:200]).first()
        return None

    def _save_record(
        self,
        record: WordPressItem | None,
        kind: str,
        wp_id: int,
        obj: models.Model | None,
        key: str = "",
        **fields,
    ) -> None:
        record = record or WordPressItem(
            kind=kind, wp_id=wp_id or None, wp_key="" if wp_id else key[:200]
        )
        if obj is not None:
            record.content_type = ContentType.objects.get_for_model(obj)
            record.object_id = obj.pk
        for name, value in fields.items():
            setattr(record, name, value)
        record.save()

    @staticmethod
    def _target(record: WordPressItem | None, model: type[models.Model]):
        if record is None or record.object_id is None:
            return None
        return model._default_manager.filter(pk=record.object_id).first()

    # Authors, terms, attachments ----------------------------------------------------------

    def _author(self, author: Author) -> str:
        record = self._record(Kind.AUTHOR, author.wp_id, author.login)
        contributor = self._target(record, self.profile_model)
        digest = _digest(author)
        nicename = wp_slug(author.login)
        if contributor and record.content_hash == digest:
            self.authors[author.login] = contributor.pk
            return "unchanged"
        name = plain_text(author.display_name) or plain_text(
            " ".join(part for part in (author.first_name, author.last_name) if part)
        )
        outcome = "updated" if contributor else "created"
        if contributor is None:
            contributor = self._matching_contributor(author)
            if contributor is not None:
                outcome = "unchanged"  # an existing profile is linked, never overwritten
        if contributor is None:
            contributor = self.profile_model(
                slug=unique_slug(self.profile_model, nicename or name, fallback="auteur")
            )
        if outcome != "unchanged":
            contributor.display_name = (name or author.login)[:120]
            contributor.save()
        self._save_record(
            record,
            Kind.AUTHOR,
            author.wp_id,
            contributor,
            key=author.login,
            wp_slug=nicename,
            content_hash=digest,
        )
        self.authors[author.login] = contributor.pk
        return outcome

    def _matching_contributor(self, author: Author) -> models.Model | None:
        if author.email:
            match = self.profile_model.objects.filter(user__email__iexact=author.email).first()
            if match:
                return match
        return self.profile_model.objects.filter(user__username=author.login).first()

    def _term(self, term: Term) -> str:
        kind = Kind.CATEGORY if term.kind == "category" else Kind.TAG
        record = self._record(kind, term.wp_id, term.slug)
        model = Category if kind == Kind.CATEGORY else Tag
        obj = self._target(record, model)
        digest = _digest(term)
        nicename = wp_slug(term.slug)
        mapping = self.categories if kind == Kind.CATEGORY else self.tags
        if obj and record.content_hash == digest:
            mapping[nicename] = obj.pk
            return "unchanged"
        outcome = "updated" if obj else "created"
        name = plain_text(term.name) or nicename
        if obj is None:
            obj = model._default_manager.filter(slug=nicename).first()
            outcome = "unchanged" if obj else outcome
        if obj is None:
            obj = model(slug=unique_slug(model, nicename or name, fallback=term.kind))
        if outcome != "unchanged":
            obj.name = _unique_name(model, name, obj.pk)
            if kind == Kind.CATEGORY:
                obj.description = plain_text(term.description)
                obj.parent_id = self.categories.get(wp_slug(term.parent_slug))
            obj.save()
            if kind == Kind.TAG:
                TagDescription.objects.update_or_create(
                    tag=obj, defaults={"description": plain_text(term.description)}
                )
        self._save_record(
            record, kind, term.wp_id, obj, key=term.slug, wp_slug=nicename, content_hash=digest
        )
        mapping[nicename] = obj.pk
        return outcome

    def _attachment(self, item: Item) -> str:
        relative = self.media.relative_path(
            item.meta.get("_wp_attached_file") or item.attachment_url
        )
        alt = plain_text(item.meta.get("_wp_attachment_image_alt", ""))
        self.alts[item.wp_id] = alt
        if relative:
            self.alts_by_file[relative] = alt
        self.labels[item.wp_id] = plain_text(item.excerpt) or plain_text(item.title)
        record = self._record(Kind.ATTACHMENT, item.wp_id)
        digest = _digest(item, with_media=self.media.media_dir is not None)
        same = record is not None and record.content_hash == digest
        if same and record.media_path:
            return "unchanged"
        stored = self.media.store(relative) or ""
        if same and not stored:
            return "unchanged"  # still missing from the media folder
        self._save_record(
            record,
            Kind.ATTACHMENT,
            item.wp_id,
            None,
            wp_slug=wp_slug(item.slug),
            old_path=_path(item.link),
            parent_wp_id=item.parent or None,
            media_path=stored,
            content_hash=digest,
        )
        return "updated" if record else "created"

    # Posts and pages ------------------------------------------------------------------------

    def _post(self, item: Item) -> str:
        record = self._record(Kind.POST, item.wp_id)
        article = self._target(record, Article)
        digest = _digest(item, with_media=self.media.media_dir is not None)
        outcome = "unchanged"
        if article is not None and record.content_hash != digest and self._edited(record, article):
            outcome = "conflict"
        elif article is None or record.content_hash != digest:
            outcome = "updated" if article else "created"
            article = article or Article()
            self._fill_article(article, item)
            self._save_record(
                record,
                Kind.POST,
                item.wp_id,
                article,
                wp_slug=wp_slug(item.slug),
                old_path=_path(item.link),
                content_hash=digest,
                object_hash=_object_digest(article),
            )
        self.comments.import_for(item, article)
        return outcome

    def _edited(self, record: WordPressItem, obj: Article | Page) -> bool:
        """Whether an editor changed what the import wrote; if so, the conflict is reported."""
        if not record.object_hash or record.object_hash == _object_digest(obj):
            return False  # imported before digests were kept, or untouched since
        message = _("{kind} {wp_id} « {title} » : modifié dans EPW depuis l’import, non remplacé.")
        self.report.warn(
            message.format(kind=record.get_kind_display(), wp_id=record.wp_id, title=obj.title)
        )
        return True

    def _fill_article(self, article: Article, item: Item) -> None:
        title = plain_text(item.title) or _("Sans titre")
        article.title = title[:200]
        article.slug = self._slug(Article, item, article.pk)
        article.body = self._body(item)
        article.standfirst = plain_text(item.excerpt)
        article.status = STATUSES[item.status]
        article.published_at = wp_date(item.date_gmt, item.date)
        article.featured = item.sticky
        article.comments_open = item.comment_status != "closed"
        article.category_id = self._category(item)
        self._cover(article, item)
        is_new = article.pk is None
        article.save()
        if not self.dry_run and article.cover:
            get_renditions(article.cover)
        authors = [self.authors[item.creator]] if item.creator in self.authors else []
        if not authors and item.creator:
            self.report.warn(
                _("Auteur « {login} » inconnu pour l’article {wp_id}.").format(
                    login=item.creator, wp_id=item.wp_id
                )
            )
        article.authors.set(authors)
        self._set_tags(article, set(self._tags(item)), new=is_new)

    @staticmethod
    def _set_tags(article: Article, wanted: set[int], *, new: bool) -> None:
        """What ``tags.set()`` does, in two queries instead of a few per tag."""
        links = TaggedArticle.objects.filter(content_object=article)
        current = set() if new else set(links.values_list("tag_id", flat=True))
        if current - wanted:
            links.exclude(tag_id__in=wanted).delete()
        TaggedArticle.objects.bulk_create(
            [TaggedArticle(content_object=article, tag_id=tag_id) for tag_id in wanted - current]
        )

    def _page(self, item: Item) -> str:
        record = self._record(Kind.PAGE, item.wp_id)
        page = self._target(record, Page)
        digest = _digest(item, with_media=self.media.media_dir is not None)
        outcome = "unchanged"
        if page is not None and record.content_hash != digest and self._edited(record, page):
            outcome = "conflict"
        elif page is None or record.content_hash != digest:
            outcome = "updated" if page else "created"
            page = page or Page(in_footer=False)
            page.title = (plain_text(item.title) or _("Sans titre"))[:200]
            page.slug = self._slug(Page, item, page.pk)
            page.body = self._body(item)
            page.is_published = item.status == "publish"
            page.save()
            self._save_record(
                record,
                Kind.PAGE,
                item.wp_id,
                page,
                wp_slug=wp_slug(item.slug),
                old_path=_path(item.link),
                content_hash=digest,
                object_hash=_object_digest(page),
            )
        self.comments.import_for(item, page)
        return outcome

    def _slug(self, model: type[models.Model], item: Item, pk: int | None) -> str:
        wanted = wp_slug(item.slug) or wp_slug(plain_text(item.title))
        slug = unique_slug(model, wanted, fallback=f"{item.post_type}-{item.wp_id}", exclude=pk)
        if not wanted or slug == wanted[: len(slug)]:
            return slug
        old = _path(item.link)
        if model is Page and old.strip("/") == wanted:
            # Old addresses are only redirected when EPW answers 404, which it no longer does.
            message = _(
                "Adresse « {wanted} » déjà prise : la page {wp_id} est importée sous « {slug} », "
                "et son ancienne adresse {old} continue d’afficher la page existante (tant "
                "qu’elle est publiée), sans rediriger vers la page importée."
            )
        else:
            message = _("Adresse « {wanted} » déjà prise : « {slug} » pour l’élément {wp_id}.")
        self.report.warn(message.format(wanted=wanted, slug=slug, wp_id=item.wp_id, old=old))
        return slug

    def _body(self, item: Item) -> str:
        conversion = convert_content(
            item.content,
            rewrite_url=self.media.rewrite,
            attachments=self._gallery,
            attached=lambda: list(
                WordPressItem.objects.filter(kind=Kind.ATTACHMENT, parent_wp_id=item.wp_id)
                .order_by("wp_id")
                .values_list("wp_id", flat=True)
            ),
            image_alt=self._image_alt,
        )
        for name in dict.fromkeys(conversion.unknown_shortcodes):
            self.report.warn(
                _("Code court inconnu [{name}] retiré de l’élément {wp_id}.").format(
                    name=name, wp_id=item.wp_id
                )
            )
        for name, file_id in dict.fromkeys(conversion.missing_media):
            self.report.warn(
                _("Fichier {id} du code court [{name}] introuvable dans l’élément {wp_id}.").format(
                    id=file_id, name=name, wp_id=item.wp_id
                )
            )
        for name in dict.fromkeys(conversion.empty_shortcodes):
            self.report.warn(
                _("Code court [{name}] sans rien à montrer retiré de l’élément {wp_id}.").format(
                    name=name, wp_id=item.wp_id
                )
            )
        for address in dict.fromkeys(conversion.unknown_embeds):
            self.report.warn(
                _(
                    "Contenu intégré non reconnu, gardé comme lien dans l’élément {wp_id} : {url}"
                ).format(url=address, wp_id=item.wp_id)
            )
        return conversion.html

    def _gallery(self, ids: list[int]) -> dict[int, Attachment]:
        """The imported files among ``ids``, for a gallery or a playlist."""
        records = WordPressItem.objects.filter(kind=Kind.ATTACHMENT, wp_id__in=ids)
        return {
            record.wp_id: Attachment(
                url=_media_url(record.media_path),
                alt=self.alts.get(record.wp_id, ""),
                label=self.labels.get(record.wp_id, ""),
            )
            for record in records
            if record.media_path
        }

    def _image_alt(self, wp_id: int | None, src: str) -> str:
        if wp_id in self.alts:
            return self.alts[wp_id]
        return self.alts_by_file.get(self.media.relative_path(src), "") if src else ""

    def _cover(self, article: Article, item: Item) -> None:
        thumbnail = item.meta.get("_thumbnail_id", "")
        if not thumbnail.isdigit():
            return
        record = self._record(Kind.ATTACHMENT, int(thumbnail))
        if record is None or not record.media_path:
            self.report.warn(
                _("Image mise en avant {id} introuvable pour l’article {wp_id}.").format(
                    id=thumbnail, wp_id=item.wp_id
                )
            )
            return
        if article.cover.name != record.media_path:
            if self.dry_run:
                article.cover.name = record.media_path
            else:
                article.cover = record.media_path
        alt = self.alts.get(record.wp_id, "")
        if not alt:
            # The admin asks for an alt text with every cover: the caption or title stands in.
            alt = self.labels.get(record.wp_id, "")
            message = (
                _(
                    "Image mise en avant {id} de l’article {wp_id} sans texte alternatif : "
                    "« {alt} » (légende ou titre du fichier) en tient lieu, à vérifier."
                )
                if alt
                else _(
                    "Image mise en avant {id} de l’article {wp_id} sans texte alternatif : "
                    "à écrire dans l’administration."
                )
            )
            self.report.warn(message.format(id=record.wp_id, wp_id=item.wp_id, alt=alt))
        article.cover_alt = alt[:250]

    def _category(self, item: Item) -> int | None:
        for nicename, name in item.categories:
            slug = wp_slug(nicename)
            if slug not in self.categories:
                category = Category.objects.filter(slug=slug).first() or Category.objects.create(
                    name=_unique_name(Category, plain_text(name) or slug, None),
                    slug=unique_slug(Category, slug, fallback="categorie"),
                )
                self.categories[slug] = category.pk
            return self.categories[slug]
        return None

    def _tags(self, item: Item) -> list[int]:
        ids = []
        for nicename, name in item.tags:
            slug = wp_slug(nicename)
            if slug not in self.tags:
                tag = Tag.objects.filter(slug=slug).first() or Tag.objects.create(
                    name=_unique_name(Tag, plain_text(name) or slug, None),
                    slug=unique_slug(Tag, slug, fallback="etiquette"),
                )
                self.tags[slug] = tag.pk
            ids.append(self.tags[slug])
        return ids


def _digest(value: Author | Term | Item, *, with_media: bool = False) -> str:
    """Changes when the item does, or when media files become available for it."""
    if isinstance(value, Item):
        value = replace(value, comments=[])  # comments have their own records and hashes
    key = (CONVERSION_VERSION, with_media, astuple(value))
    return hashlib.sha256(repr(key).encode()).hexdigest()


def _object_digest(obj: Article | Page) -> str:
    """What the import writes into an article or page, as stored: it changes when an editor
    changes any of it (the version would not do: renditions and workflows save too)."""
    if isinstance(obj, Article):
        names = IMPORTED_ARTICLE_FIELDS
        tags = TaggedArticle.objects.filter(content_object=obj).values_list("tag_id", flat=True)
        related = (sorted(obj.authors.values_list("pk", flat=True)), sorted(tags))
    else:
        names, related = IMPORTED_PAGE_FIELDS, ()
    values = [_comparable(getattr(obj, name)) for name in names]
    return hashlib.sha256(repr((values, related)).encode()).hexdigest()


def _comparable(value) -> object:
    """A field's value as it reads back from the database, whatever object it was set as."""
    if isinstance(value, datetime):
        return value.timestamp()
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, str):
        return str(value)  # a status set as its enum member reads back as plain text
    return value


def _path(url: str) -> str:
    parts = urlsplit(url)
    path = unquote(parts.path) or "/"
    return (f"{path}?{parts.query}" if parts.query else path)[:500]


def _media_url(name: str) -> str:
    return default_storage.url(name)


def _unique_name(model: type[models.Model], name: str, pk: int | None) -> str:
    name = name[:90]
    candidate, number = name, 1
    while model._default_manager.filter(name__iexact=candidate).exclude(pk=pk).exists():
        number += 1
        candidate = f"{name} ({number})"
    return candidate
