"""The admin home page: what needs the editors now, one small panel function each.

A panel function takes the request and returns a `Panel`, or None when the user may not see
it. Each one runs a fixed number of queries (pinned by tests/epw/test_dashboard.py); a new
panel is one more function in `PANELS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment

from blog.audience.figures import last_days_totals
from blog.models import Article, CommentModeration
from blog.services import LIVE
from contributors.models import Submission
from newsletter.models import Edition, Subscriber

LISTED = 5


@dataclass
class PanelItem:
    label: str
    url: str = ""
    detail: str = ""


@dataclass
class Panel:
    key: str
    title: str
    count: int
    count_label: str
    items: list[PanelItem] = field(default_factory=list)
    url: str = ""
    link_label: str = ""
    note: str = ""


def articles_in_review(request: HttpRequest) -> Panel | None:
    if not request.user.has_perm("blog.view_article"):
        return None
    articles = Article.objects.filter(status=Article.Status.REVIEW)
    count = articles.count()
    listed = articles.only("title", "updated_at").order_by("updated_at", "pk")[:LISTED]
    return Panel(
        key="review",
        title=_("Articles en relecture"),
        count=count,
        count_label=_("à relire"),
        items=[
            PanelItem(a.title, reverse("admin:blog_article_change", args=[a.pk])) for a in listed
        ],
        url=reverse("admin:blog_article_changelist") + f"?status__exact={Article.Status.REVIEW}",
        link_label=_("Tous les articles en relecture"),
    )


def scheduled_articles(request: HttpRequest) -> Panel | None:
    if not request.user.has_perm("blog.view_article"):
        return None
    # The same rule as the article list's « À paraître » filter, which the panel links to.
    articles = Article.objects.filter(status__in=LIVE, published_at__gt=timezone.now())
    count = articles.count()
    listed = articles.only("title", "published_at").order_by("published_at", "pk")[:LISTED]
    return Panel(
        key="scheduled",
        title=_("Articles programmés"),
        count=count,
        count_label=_("à paraître"),
        items=[
            PanelItem(
                a.title,
                reverse("admin:blog_article_change", args=[a.pk]),
                formats.date_format(timezone.localtime(a.published_at), "DATETIME_FORMAT"),
            )
            for a in listed
        ],
        url=reverse("admin:blog_article_changelist") + "?visibilite=a-paraitre",
        link_label=_("Tous les articles programmés"),
    )


def comments_awaiting_moderation(request: HttpRequest) -> Panel | None:
    if not request.user.has_perm("django_comments_xtd.change_xtdcomment"):
        return None
    held = XtdComment.norel_objects.filter(moderation__state=CommentModeration.State.HELD)
    count = held.count()
    listed = held.only("user_name", "comment", "submit_date").order_by("-submit_date")[:LISTED]
    return Panel(
        key="comments",
        title=_("Commentaires en attente de modération"),
        count=count,
        count_label=_("à modérer"),
        items=[
            PanelItem(
                Truncator(c.comment).words(12),
                reverse("admin:django_comments_xtd_xtdcomment_change", args=[c.pk]),
                c.user_name,
            )
            for c in listed
        ],
        url=reverse("admin:django_comments_xtd_xtdcomment_changelist")
        + f"?etat={CommentModeration.State.HELD}",
        link_label=_("Tous les commentaires à modérer"),
    )


def columnist_submissions(request: HttpRequest) -> Panel | None:
    """Confirmed submissions that no editor has opened yet."""
    if not request.user.has_perm("contributors.view_submission"):
        return None
    new = Submission.objects.filter(status=Submission.Status.NEW)
    count = new.count()
    listed = new.only("title", "name", "confirmed_at").order_by("confirmed_at", "pk")[:LISTED]
    return Panel(
        key="submissions",
        title=_("Propositions de chroniqueurs"),
        count=count,
        count_label=_("nouvelles"),
        items=[
            PanelItem(s.title, reverse("admin:contributors_submission_change", args=[s.pk]), s.name)
            for s in listed
        ],
        url=reverse("admin:contributors_submission_changelist")
        + f"?status__exact={Submission.Status.NEW}",
        link_label=_("Toutes les propositions"),
    )


def newsletter(request: HttpRequest) -> Panel | None:
    """Confirmed subscribers and the next scheduled edition."""
    if not request.user.has_perm("newsletter.view_subscriber"):
        return None
    upcoming = (
        Edition.objects.filter(status=Edition.Status.SCHEDULED)
        .only("subject", "scheduled_at")
        .order_by("scheduled_at", "pk")
        .first()
    )
    items = []
    if upcoming:
        items.append(
            PanelItem(
                upcoming.subject,
                reverse("admin:newsletter_edition_change", args=[upcoming.pk]),
                formats.date_format(timezone.localtime(upcoming.scheduled_at), "DATETIME_FORMAT"),
            )
        )
    return Panel(
        key="newsletter",
        title=_("Newsletter"),
        count=Subscriber.objects.confirmed().count(),
        count_label=_("abonnés confirmés"),
        items=items,
        url=reverse("admin:newsletter_subscriber_changelist"),
        link_label=_("Les abonnés"),
        note="" if upcoming else _("Aucune édition programmée."),
    )


def audience(request: HttpRequest) -> Panel | None:
    if not request.user.has_perm("blog.view_audienceday"):
        return None
    totals = last_days_totals()
    return Panel(
        key="audience",
        title=_("Audience des 30 derniers jours"),
        count=totals.page_views,
        count_label=_("pages vues"),
        items=[
            PanelItem(
                _("Visiteurs uniques (cumul quotidien)"),
                detail=formats.number_format(totals.visitors, force_grouping=True),
            )
        ],
        url=reverse("admin:blog_audienceday_changelist"),
        link_label=_("Le graphique des 90 derniers jours"),
    )


PANELS: list[Callable[[HttpRequest], Panel | None]] = [
    articles_in_review,
    scheduled_articles,
    comments_awaiting_moderation,
    columnist_submissions,
    newsletter,
    audience,
]


def dashboard_panels(request: HttpRequest) -> list[Panel]:
    """The panels this user may see, in order."""
    return [panel for make in PANELS if (panel := make(request)) is not None]
