"""A post's or page's WordPress comments as threaded django-comments-xtd comments, in bulk.

xtd keeps a thread as ``thread_id`` (the root's pk), ``parent_id`` (a root is its own parent),
``level`` and ``order`` (the position in the thread, depth first, replies by date) plus
``nested_count`` (descendants). Its ``save()`` computes these with several queries per comment;
here the whole tree of a post is computed in memory and written with a few bulk queries.
Replies deeper than ``COMMENTS_XTD_MAX_THREAD_LEVEL`` hang from the deepest allowed ancestor.
"""

import hashlib
from dataclasses import astuple

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import connection, models
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments.models import Comment as DjangoComment
from django_comments_xtd.models import XtdComment, max_thread_level_for_content_type

from blog.models import CommentModeration, WordPressItem
from blog.wordpress.convert import plain_text
from blog.wordpress.parser import Comment, Item, wp_date
from blog.wordpress.report import Report
from epw.core.privacy import truncated_ip

Kind = WordPressItem.Kind
THREAD_FIELDS = ["thread_id", "parent_id", "level", "order", "nested_count"]
CONTENT_FIELDS = [
    "user_name",
    "user_email",
    "user_url",
    "comment",
    "submit_date",
    "ip_address",
    "is_public",
    "is_removed",
]
SPAM = {"spam", "trash", "post-trashed"}


class CommentImporter:
    def __init__(self, *, keep_spam: bool, report: Report):
        self.keep_spam = keep_spam
        self.report = report

    def import_for(self, item: Item, target: models.Model) -> None:
        """Create or update the comments of one post or page (``target``, the article or page
        it became); unchanged ones are not written."""
        wanted = [comment for comment in item.comments if self._wanted(comment)]
        if not wanted:
            return
        records = {
            record.wp_id: record
            for record in WordPressItem.objects.filter(
                kind=Kind.COMMENT, wp_id__in=[comment.wp_id for comment in wanted]
            )
        }
        digests = {comment.wp_id: _digest(comment) for comment in wanted}
        unchanged = [
            comment
            for comment in wanted
            if comment.wp_id in records
            and records[comment.wp_id].content_hash == digests[comment.wp_id]
        ]
        if len(unchanged) == len(wanted):
            self.report.count(Kind.COMMENT, "unchanged", len(wanted))
            return
        existing = XtdComment.norel_objects.order_by().in_bulk(
            [record.object_id for record in records.values() if record.object_id]
        )
        by_wp_id: dict[int, XtdComment] = {}
        created: list[tuple[Comment, XtdComment]] = []
        changed: list[tuple[WordPressItem, XtdComment]] = []
        for comment in wanted:
            digest = digests[comment.wp_id]
            record = records.get(comment.wp_id)
            xtd = existing.get(record.object_id) if record else None
            if xtd is not None and record.content_hash == digest:
                self.report.count(Kind.COMMENT, "unchanged")
            elif xtd is not None:
                record.content_hash = digest
                changed.append((record, self._fill(xtd, comment)))
                self.report.count(Kind.COMMENT, "updated")
            else:
                xtd = self._fill(self._new(target), comment)
                created.append((comment, xtd))
                self.report.count(Kind.COMMENT, "created")
            by_wp_id[comment.wp_id] = xtd
        if not created and not changed:
            return
        if changed:
            XtdComment.objects.bulk_update([xtd for _record, xtd in changed], CONTENT_FIELDS)
            WordPressItem.objects.bulk_update(
                [record for record, _xtd in changed], ["content_hash"]
            )
        new = [xtd for _comment, xtd in created]
        self._insert_bases(new)
        before = {pk: _thread_values(xtd) for pk, xtd in existing.items()}
        self._thread(wanted, by_wp_id, item, ContentType.objects.get_for_model(target))
        self._insert_threads(new)
        self._moderate(created, changed)
        moved = [xtd for pk, xtd in existing.items() if before[pk] != _thread_values(xtd)]
        if moved:
            XtdComment.objects.bulk_update(moved, THREAD_FIELDS)
        comment_type = ContentType.objects.get_for_model(XtdComment)
        WordPressItem.objects.bulk_create(
            [
                WordPressItem(
                    kind=Kind.COMMENT,
                    wp_id=comment.wp_id,
                    content_type=comment_type,
                    object_id=xtd.pk,
                    parent_wp_id=comment.parent or None,
                    content_hash=_digest(comment),
                )
                for comment, xtd in created
            ]
        )

    def _wanted(self, comment: Comment) -> bool:
        if comment.type not in {"", "comment"}:
            self.report.count(Kind.COMMENT, "skipped")  # pingbacks and trackbacks
            return False
        if comment.approved in SPAM and not self.keep_spam:
            self.report.count(Kind.COMMENT, "skipped")
            return False
        return True

    @staticmethod
    def _new(target: models.Model) -> XtdComment:
        return XtdComment(
            content_type=ContentType.objects.get_for_model(target),
            object_pk=str(target.pk),
            site_id=settings.SITE_ID,
        )

    def _fill(self, xtd: XtdComment, comment: Comment) -> XtdComment:
        xtd.user_name = plain_text(comment.author)[:50] or _("Anonyme")
        xtd.user_email = _valid_email(comment.email)
        xtd.user_url = _valid_url(comment.url)
        xtd.comment = plain_text(comment.content)
        xtd.submit_date = wp_date(comment.date_gmt, comment.date) or timezone.now()
        xtd.ip_address = _valid_ip(comment.ip)
        xtd.is_public = comment.approved == "1"
        xtd.is_removed = comment.approved in SPAM
        return xtd

    @staticmethod
    def _moderate(
        created: list[tuple[Comment, XtdComment]], changed: list[tuple[WordPressItem, XtdComment]]
    ) -> None:
        """The moderation state EPW keeps beside each comment: public, held or spam."""
        now = timezone.now()
        CommentModeration.objects.bulk_create(
            [
                CommentModeration(
                    comment_id=xtd.pk,
                    state=_state(xtd),
                    fingerprint=f"wordpress-{comment.wp_id}",
                    confirmed_at=xtd.submit_date,
                    decided_at=now,
                    reasons=_("Importé de WordPress"),
                )
                for comment, xtd in created
            ]
        )
        for _record, xtd in changed:
            CommentModeration.objects.update_or_create(
                comment_id=xtd.pk,
                defaults={"state": _state(xtd)},
                create_defaults={
                    "state": _state(xtd),
                    "fingerprint": f"wordpress-{xtd.pk}",
                    "decided_at": now,
                },
            )

    @staticmethod
    def _insert_bases(comments: list[XtdComment]) -> None:
        """An xtd comment is a django_comments row plus a row of its own: the first ones here."""
        fields = [field for field in DjangoComment._meta.concrete_fields if not field.primary_key]
        bases = DjangoComment.objects.bulk_create(
            [
                DjangoComment(**{field.attname: getattr(xtd, field.attname) for field in fields})
                for xtd in comments
            ]
        )
        for xtd, base in zip(comments, bases, strict=True):
            xtd.pk = xtd.comment_ptr_id = base.pk

    @staticmethod
    def _insert_threads(comments: list[XtdComment]) -> None:
        """The xtd rows, thread data included (Django cannot bulk-create inherited models)."""
        if not comments:
            return
        quote = connection.ops.quote_name
        columns = ["comment_ptr_id", *THREAD_FIELDS, "followup"]
        sql = "INSERT INTO {} ({}) VALUES ({})".format(
            quote(XtdComment._meta.db_table),
            ", ".join(quote(column) for column in columns),
            ", ".join(["%s"] * len(columns)),
        )
        with connection.cursor() as cursor:
            cursor.executemany(
                sql, [[xtd.pk, *_thread_values(xtd), xtd.followup] for xtd in comments]
            )

    def _thread(
        self,
        wanted: list[Comment],
        by_wp_id: dict[int, XtdComment],
        item: Item,
        content_type: ContentType,
    ) -> None:
        """Compute thread, parent, level, order and nested count for the item's comments."""
        max_level = max_thread_level_for_content_type(content_type)
        children: dict[int, list[Comment]] = {}
        for comment in wanted:
            parent = comment.parent
            if parent and parent not in by_wp_id:
                self.report.warn(
                    _(
                        "Commentaire {wp_id} : son parent {parent} manque, il est rattaché "
                        "à l’article {post}."
                    ).format(wp_id=comment.wp_id, parent=parent, post=item.wp_id)
                )
                parent = 0
            children.setdefault(parent, []).append(comment)
        for siblings in children.values():
            siblings.sort(key=lambda c: (by_wp_id[c.wp_id].submit_date, c.wp_id))
        for root in children.get(0, []):
            root_xtd = by_wp_id[root.wp_id]
            position = 0
            ancestors: list[XtdComment] = []
            # Depth first: (comment, its level, the xtd comment it hangs from).
            stack = [(root, 0, root_xtd)]
            while stack:
                comment, level, parent_xtd = stack.pop()
                xtd = by_wp_id[comment.wp_id]
                position += 1
                xtd.thread_id = root_xtd.pk
                xtd.parent_id = parent_xtd.pk
                xtd.level = level
                xtd.order = position
                xtd.nested_count = 0
                del ancestors[level:]
                for ancestor in ancestors:
                    ancestor.nested_count += 1
                ancestors.append(xtd)
                if level < max_level:
                    next_level, hang_from = level + 1, xtd
                else:
                    next_level, hang_from = level, parent_xtd
                for reply in reversed(children.get(comment.wp_id, [])):
                    stack.append((reply, next_level, hang_from))


def _thread_values(xtd: XtdComment) -> tuple[int, int, int, int, int]:
    return (xtd.thread_id, xtd.parent_id, xtd.level, xtd.order, xtd.nested_count)


def _digest(comment: Comment) -> str:
    return hashlib.sha256(repr(astuple(comment)).encode()).hexdigest()


def _valid_email(value: str) -> str:
    try:
        EmailValidator()(value)
    except ValidationError:
        return ""
    return value[:254]


def _valid_url(value: str) -> str:
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        return ""
    return value if len(value) <= 200 else ""


def _valid_ip(value: str) -> str | None:
    """Kept truncated, like the addresses of comments posted here."""
    return truncated_ip(value)


def _state(xtd: XtdComment) -> str:
    if xtd.is_removed:
        return CommentModeration.State.SPAM
    return CommentModeration.State.PUBLIC if xtd.is_public else CommentModeration.State.HELD
