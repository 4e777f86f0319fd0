"""Write the blog as a WordPress export (WXR 1.2) that WordPress, and EPW's own import, read back.

The layout is WordPress's exporter's (``wp-admin/includes/export.php``): the channel, then its
authors, categories and tags, then one ``<item>`` per attachment, post and page, with their
terms, ``<wp:postmeta>`` and ``<wp:comment>``. Text that may hold markup is written as CDATA,
like WordPress does.

Identifiers: WordPress numbers posts, pages and attachments in one sequence, so pages follow the
articles and attachments follow the pages (an article's cover is the attachment numbered from
the article's). Terms likewise: tags follow the categories. Comments keep their own numbers.

Bodies are written as one « Custom HTML » block (``<!-- wp:html -->``): WordPress shows it as
it is, and EPW's import takes it as it is instead of adding automatic paragraphs to it. Links
to the site's media files point to ``/wp-content/uploads/<file name>``, the name the file has in
the archive's ``media/`` folder (what ``import_wordpress --media-dir`` expects); each such file
is an attachment too, so that WordPress's importer fetches it and relinks it.

The document is written as it is read, articles by batches: memory does not grow with the site
(but for the names of the files already written as attachments).
"""

import gc
import html
import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import TextIO

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Max, OuterRef
from django.utils.translation import get_language
from django_comments_xtd.models import XtdComment
from taggit.models import Tag

from blog.models import Article, Category, CommentModeration, Page, TagDescription, TaggedArticle
from blog.wordpress.wxr_values import (
    NAMESPACES,
    STATUSES,
    cdata,
    comment_approval,
    escaped,
    wp_dates,
)
from epw.core.site import site_url

BATCH = 200
UPLOADS = "/wp-content/uploads/"


def wxr_item_count() -> int:
    """How many ``<item>`` the export will hold (for a progress estimate)."""
    covers = Article.objects.exclude(cover="").count()
    return Article.objects.count() + covers + Page.objects.count()


class WXRWriter:
    """Writes the whole blog to a text stream; ``on_item`` is called after each ``<item>``."""

    def __init__(self, stream: TextIO, *, on_item: Callable[[], None] = lambda: None):
        self.stream = stream
        self.on_item = on_item
        self.site = site_url("/").rstrip("/")
        self.media_link = re.compile(
            r"(?P<before>[\"'\s,])(?:" + re.escape(self.site) + r")?"
            + re.escape(settings.MEDIA_URL)
            + r"(?P<name>[^\"'\s<>?#,]+)"
        )  # fmt: skip
        last_article = Article.objects.aggregate(last=Max("pk"))["last"] or 0
        self.page_offset = last_article
        self.attachment_offset = last_article + (
            Page.objects.aggregate(last=Max("pk"))["last"] or 0
        )
        self.tag_offset = Category.objects.aggregate(last=Max("pk"))["last"] or 0
        self.profile_model = Article.authors.rel.model
        # Files linked from bodies get attachments numbered after the covers', once each.
        self.next_file_id = self.attachment_offset + last_article
        self.files_seen: set[str] = set()

    def write(self) -> None:
        self._line('<?xml version="1.0" encoding="UTF-8" ?>')
        namespaces = "".join(f'\n\txmlns:{name}="{uri}"' for name, uri in NAMESPACES.items())
        self._line(f'<rss version="2.0"{namespaces}\n>')
        self._line("<channel>")
        self._channel()
        for batch in self._article_batches():
            ids = [article.pk for article in batch]
            creators, tags, comments = self._creators(ids), self._tags(ids), self._comments(ids)
            for article in batch:
                creator = creators.get(article.pk, "")
                if article.cover:
                    self._cover(article, creator)
                date = article.published_at or article.created_at
                self._body_files(article.body, parent=article.pk, creator=creator, date=date)
            for article in batch:
                self._article(
                    article,
                    creator=creators.get(article.pk, ""),
                    tags=tags.get(article.pk, []),
                    comments=comments.get(article.pk, []),
                )
            # An article holds its cover file, which points back to it: a cycle that only a
            # full pass of the garbage collector frees, and those are rare.
            gc.collect()
        for page in Page.objects.order_by("pk").iterator(chunk_size=BATCH):
            wp_id = self.page_offset + page.pk
            self._body_files(page.body, parent=wp_id, creator="", date=page.modified_at)
            self._page(page)
        self._line("</channel>")
        self._line("</rss>")

    # Channel ------------------------------------------------------------------------------

    def _channel(self) -> None:
        self._element("title", escaped(settings.EPW_SITE_NAME), indent=1)
        self._element("link", self.site, indent=1)
        self._element("description", "", indent=1)
        self._element("pubDate", format_datetime(datetime.now(UTC)), indent=1)
        self._element("language", (get_language() or settings.LANGUAGE_CODE), indent=1)
        self._element("wp:wxr_version", "1.2", indent=1)
        self._element("wp:base_site_url", self.site, indent=1)
        self._element("wp:base_blog_url", self.site, indent=1)
        self._line("")
        profiles = self.profile_model._default_manager.select_related("user").order_by("pk")
        for profile in profiles.iterator(chunk_size=BATCH):
            user = profile.user
            self._compound(
                "wp:author",
                [
                    ("wp:author_id", str(profile.pk)),
                    ("wp:author_login", cdata(profile.slug)),
                    ("wp:author_email", cdata(user.email if user else "")),
                    ("wp:author_display_name", cdata(escaped(profile.display_name))),
                    ("wp:author_first_name", cdata(escaped(user.first_name if user else ""))),
                    ("wp:author_last_name", cdata(escaped(user.last_name if user else ""))),
                ],
            )
        self._line("")
        for category in _parents_first(Category.objects.select_related("parent")):
            self._compound(
                "wp:category",
                [
                    ("wp:term_id", str(category.pk)),
                    ("wp:category_nicename", cdata(category.slug)),
                    ("wp:category_parent", cdata(category.parent.slug if category.parent else "")),
                    ("wp:cat_name", cdata(escaped(category.name))),
                    ("wp:category_description", cdata(escaped(category.description))),
                ],
            )
        descriptions = dict(TagDescription.objects.values_list("tag_id", "description"))
        for tag in Tag.objects.order_by("pk").iterator(chunk_size=BATCH):
            self._compound(
                "wp:tag",
                [
                    ("wp:term_id", str(self.tag_offset + tag.pk)),
                    ("wp:tag_slug", cdata(tag.slug)),
                    ("wp:tag_name", cdata(escaped(tag.name))),
                    ("wp:tag_description", cdata(escaped(descriptions.get(tag.pk, "")))),
                ],
            )
        self._line("")

    # Items --------------------------------------------------------------------------------

    def _article_batches(self) -> Iterator[list[Article]]:
        """Articles by primary key, a batch at a time.

        Authors, tags and comments are read per batch into plain dictionaries rather than
        prefetched: prefetched rows point back to their article, a cycle only the garbage
        collector's rare full passes would free, and memory would grow with the site.
        """
        last = 0
        query = Article.objects.order_by("pk").select_related("category")
        while batch := list(query.filter(pk__gt=last)[:BATCH]):
            yield batch
            last = batch[-1].pk

    @staticmethod
    def _creators(article_ids: list[int]) -> dict[int, str]:
        """WordPress has one author per post: the article's first profile (lowest id)."""
        links = (
            Article.authors.through.objects.filter(article_id__in=article_ids)
            .order_by("contributor_id")
            .values_list("article_id", "contributor__slug")
        )
        creators: dict[int, str] = {}
        for article_id, slug in links:
            creators.setdefault(article_id, slug)
        return creators

    @staticmethod
    def _tags(article_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
        by_article: dict[int, list[tuple[str, str]]] = {}
        links = (
            TaggedArticle.objects.filter(content_object_id__in=article_ids)
            .order_by("tag__name", "tag_id")
            .values_list("content_object_id", "tag__slug", "tag__name")
        )
        for article_id, slug, name in links:
            by_article.setdefault(article_id, []).append((slug, name))
        return by_article

    def _comments(self, article_ids: list[int]) -> dict[int, list[XtdComment]]:
        by_article: dict[int, list[XtdComment]] = {}
        states = CommentModeration.objects.filter(comment_id=OuterRef("pk"))
        comments = (
            XtdComment.norel_objects.filter(
                content_type__app_label="blog",
                content_type__model="article",
                object_pk__in=[str(pk) for pk in article_ids],
            )
            .annotate(state=states.values("state")[:1])
            .order_by("submit_date", "pk")
        )
        for comment in comments:
            by_article.setdefault(int(comment.object_pk), []).append(comment)
        return by_article

    def _cover(self, article: Article, creator: str) -> None:
        self.files_seen.add(article.cover.name)
        self._attachment(
            wp_id=self.attachment_offset + article.pk,
            name=article.cover.name,
            parent=article.pk,
            creator=creator,
            date=article.published_at or article.created_at,
            alt=article.cover_alt,
            caption=article.cover_credit,
        )

    def _body_files(self, body: str, *, parent: int, creator: str, date: datetime) -> None:
        for match in self.media_link.finditer(" " + body):
            name = match.group("name")
            if name not in self.files_seen:
                self.files_seen.add(name)
                self.next_file_id += 1
                self._attachment(
                    wp_id=self.next_file_id, name=name, parent=parent, creator=creator, date=date
                )

    def _attachment(
        self,
        *,
        wp_id: int,
        name: str,
        parent: int,
        creator: str,
        date: datetime,
        alt: str = "",
        caption: str = "",
    ) -> None:
        """A media file. WordPress's importer downloads it from ``attachment_url`` (the file's
        address on this site) and points links to the ``guid`` (its ``/wp-content/uploads/``
        address, the one bodies use) to its copy; EPW's takes it from the archive's ``media/``
        folder by its ``_wp_attached_file`` name."""
        address = site_url(default_storage.url(name))
        self._item(
            wp_id=wp_id,
            title=escaped(name.rsplit("/", 1)[-1].rsplit(".", 1)[0]),
            link=address,
            guid=self._upload_url(name),
            creator=creator,
            content="",
            excerpt=escaped(caption),
            date=date,
            slug="",
            status="inherit",
            parent=parent,
            post_type="attachment",
            attachment_url=address,
            meta=[("_wp_attached_file", name), ("_wp_attachment_image_alt", alt)],
        )

    def _article(
        self,
        article: Article,
        *,
        creator: str,
        tags: list[tuple[str, str]],
        comments: list[XtdComment],
    ) -> None:
        terms = []
        if article.category:
            terms.append(("category", article.category.slug, article.category.name))
        terms += [("post_tag", slug, name) for slug, name in tags]
        meta = []
        if article.cover:
            meta.append(("_thumbnail_id", str(self.attachment_offset + article.pk)))
        self._item(
            wp_id=article.pk,
            title=escaped(article.title),
            link=site_url(article.get_absolute_url()),
            guid=f"{self.site}/?p={article.pk}",
            creator=creator,
            content=self._body(article.body),
            excerpt=escaped(article.standfirst),
            date=article.published_at,
            slug=article.slug,
            status=STATUSES.get(article.status, "draft"),
            comment_status="open" if article.comments_open else "closed",
            sticky=article.featured,
            terms=terms,
            meta=meta,
            comments=comments,
        )

    def _page(self, page: Page) -> None:
        wp_id = self.page_offset + page.pk
        self._item(
            wp_id=wp_id,
            title=escaped(page.title),
            link=site_url(page.get_absolute_url()),
            guid=f"{self.site}/?page_id={wp_id}",
            creator="",
            content=self._body(page.body),
            excerpt="",
            date=page.modified_at,
            slug=page.slug,
            status="publish" if page.is_published else "draft",
            comment_status="closed",
            post_type="page",
            menu_order=page.position,
        )

    def _item(
        self,
        *,
        wp_id: int,
        title: str,
        link: str,
        guid: str,
        creator: str,
        content: str,
        excerpt: str,
        date: datetime | None,
        slug: str,
        status: str,
        parent: int = 0,
        post_type: str = "post",
        comment_status: str = "open",
        sticky: bool = False,
        menu_order: int = 0,
        attachment_url: str = "",
        terms: list[tuple[str, str, str]] = (),
        meta: list[tuple[str, str]] = (),
        comments: list[XtdComment] = (),
    ) -> None:
        local, gmt = wp_dates(date)
        self._line("\t<item>")
        children = [
            ("title", cdata(title)),
            ("link", html.escape(link)),
            ("pubDate", format_datetime(date.astimezone(UTC)) if date else ""),
            ("dc:creator", cdata(creator)),
            ("guid", html.escape(guid)),
            ("description", ""),
            ("content:encoded", cdata(content)),
            ("excerpt:encoded", cdata(excerpt)),
            ("wp:post_id", str(wp_id)),
            ("wp:post_date", cdata(local)),
            ("wp:post_date_gmt", cdata(gmt)),
            ("wp:comment_status", cdata(comment_status)),
            ("wp:ping_status", cdata("closed")),
            ("wp:post_name", cdata(slug)),
            ("wp:status", cdata(status)),
            ("wp:post_parent", str(parent)),
            ("wp:menu_order", str(menu_order)),
            ("wp:post_type", cdata(post_type)),
            ("wp:post_password", cdata("")),
            ("wp:is_sticky", "1" if sticky else "0"),
        ]
        for tag, value in children:
            if tag == "guid":
                self._line(f'\t\t<guid isPermaLink="false">{value}</guid>')
            else:
                self._element(tag, value, indent=2)
        if attachment_url:
            self._element("wp:attachment_url", cdata(attachment_url), indent=2)
        for domain, nicename, name in terms:
            self._line(
                f'\t\t<category domain="{domain}" nicename="{html.escape(nicename)}">'
                f"{cdata(escaped(name))}</category>"
            )
        for key, value in meta:
            self._line(
                f"\t\t<wp:postmeta><wp:meta_key>{cdata(key)}</wp:meta_key>"
                f"<wp:meta_value>{cdata(value)}</wp:meta_value></wp:postmeta>"
            )
        for comment in comments:
            self._comment(comment)
        self._line("\t</item>")
        self.on_item()

    def _comment(self, comment: XtdComment) -> None:
        local, gmt = wp_dates(comment.submit_date)
        self._compound(
            "wp:comment",
            [
                ("wp:comment_id", str(comment.pk)),
                ("wp:comment_author", cdata(escaped(comment.user_name))),
                ("wp:comment_author_email", cdata(comment.user_email)),
                ("wp:comment_author_url", html.escape(comment.user_url)),
                ("wp:comment_author_IP", cdata(comment.ip_address or "")),
                ("wp:comment_date", cdata(local)),
                ("wp:comment_date_gmt", cdata(gmt)),
                ("wp:comment_content", cdata(escaped(comment.comment))),
                ("wp:comment_approved", cdata(comment_approval(comment))),
                ("wp:comment_type", cdata("comment")),
                (
                    "wp:comment_parent",
                    str(0 if comment.parent_id == comment.pk else comment.parent_id),
                ),
                ("wp:comment_user_id", str(comment.user_id or 0)),
            ],
            indent=2,
        )

    # Values -------------------------------------------------------------------------------

    def _upload_url(self, name: str) -> str:
        return self.site + UPLOADS + name

    def _body(self, body: str) -> str:
        body = self.media_link.sub(
            lambda match: match.group("before") + self._upload_url(match.group("name")),
            " " + body,
        )[1:]
        return f"<!-- wp:html -->\n{body}\n<!-- /wp:html -->" if body.strip() else ""

    # Output -------------------------------------------------------------------------------

    def _line(self, text: str) -> None:
        self.stream.write(text + "\n")

    def _element(self, tag: str, value: str, *, indent: int) -> None:
        self._line("\t" * indent + f"<{tag}>{value}</{tag}>")

    def _compound(self, tag: str, children: list[tuple[str, str]], *, indent: int = 1) -> None:
        inner = "".join(f"<{name}>{value}</{name}>" for name, value in children)
        self._line("\t" * indent + f"<{tag}>{inner}</{tag}>")


def _parents_first(categories) -> list[Category]:
    """WordPress's importer finds a category's parent only if it came before."""
    pending = list(categories.order_by("pk"))
    written: set[int] = set()
    ordered: list[Category] = []
    while pending:
        ready = [c for c in pending if c.parent_id is None or c.parent_id in written]
        ready = ready or pending  # a loop of parents: written as they are
        ordered += ready
        written.update(c.pk for c in ready)
        pending = [c for c in pending if c.pk not in written]
    return ordered
