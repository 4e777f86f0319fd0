"""How WordPress writes values in an export (WXR): namespaces, CDATA, HTML text, dates and
statuses, as ``wp-admin/includes/export.php`` does."""

import html
import re
from datetime import UTC, datetime

from django.utils import timezone
from django_comments_xtd.models import XtdComment

from blog.models import Article, CommentModeration

NAMESPACES = {
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": "http://wordpress.org/export/1.2/",
}
STATUSES = {
    Article.Status.PUBLISHED: "publish",
    Article.Status.SCHEDULED: "future",
    Article.Status.DRAFT: "draft",
    Article.Status.REVIEW: "pending",
    Article.Status.UNPUBLISHED: "private",
}
# Characters XML 1.0 cannot carry, even in CDATA.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
DATE = "%Y-%m-%d %H:%M:%S"
NO_DATE = "0000-00-00 00:00:00"


def cdata(text: str) -> str:
    """``text`` as CDATA; a ``]]>`` inside is split across two sections, as WordPress does."""
    return "<![CDATA[" + NOT_XML.sub("", text).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def escaped(text: str) -> str:
    """Plain text as WordPress stores titles and names: HTML, so ``&`` is ``&amp;``."""
    return html.escape(NOT_XML.sub("", text), quote=False)


def wp_dates(moment: datetime | None) -> tuple[str, str]:
    """WordPress's post_date (site time) and post_date_gmt; zeros when there is no date."""
    if moment is None:
        return NO_DATE, NO_DATE
    return timezone.localtime(moment).strftime(DATE), moment.astimezone(UTC).strftime(DATE)


def comment_approval(comment: XtdComment) -> str:
    """WordPress's comment_approved: 1, 0 (held), spam or trash (annotated with ``state``)."""
    if comment.state == CommentModeration.State.SPAM:
        return "spam"
    if comment.is_removed:
        return "trash"
    return "1" if comment.is_public else "0"
