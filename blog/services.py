"""Editorial workflow: every status change of an article goes through one function here.

draft → review → scheduled/published → unpublished → draft. Each move is atomic, checks the
current status and the editor's permission, and leaves a trace in the admin history (a LogEntry)
and in the article's revisions (a reversion comment).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

import reversion
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import AbstractUser
from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.db import transaction
from django.db.models import F, Model, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from reversion.models import Version

from blog.models import Article, Category
from blog.renditions import WIDTHS
from blog.revisions import TEXT_FIELDS, restorable
from blog.signals import article_changed, article_published, article_unpublished
from blog.tasks import announce_when_live, renditions_make
from epw.core.chrome_cache import site_changed
from epw.core.versioning import StaleVersion

PUBLISH_PERMISSION = "blog.publish_article"
WRITE_PERMISSION = "blog.change_article"
S = Article.Status
LIVE = {S.PUBLISHED, S.SCHEDULED}


class WorkflowError(Exception):
    """An illegal move: wrong current status, missing permission or missing date."""


def _check_permission(by, permission: str) -> None:
    if not by.has_perm(permission):
        raise WorkflowError(_("Vous n’avez pas le droit de faire cela."))


def article_editable_by(article: Article, user: AbstractUser) -> bool:
    """Whether `user` may change the article, as WordPress authors know it: a publisher edits
    everything; anyone else only their own articles (their contributor profile among the
    authors, or they created it), and only until they go live (published or scheduled)."""
    if user.has_perm(PUBLISH_PERMISSION):
        return True
    if article.status in LIVE:
        return False
    return article.pk is None or owned_by(Article.objects.filter(pk=article.pk), user).exists()


def owned_by(articles: QuerySet, user: AbstractUser) -> QuerySet:
    """The articles of `articles` that are `user`'s own: authored through their contributor
    profile, or created by them."""
    own = Article.objects.filter(Q(created_by=user) | Q(authors__user=user))
    return articles.filter(pk__in=own.values("pk"))


def _check_editable(article: Article, by: AbstractUser) -> None:
    if not article_editable_by(article, by):
        raise WorkflowError(
            _(
                "Vous ne pouvez pas modifier cet article : sans le droit de publier, on ne "
                "modifie que ses propres articles, tant qu’ils ne sont pas en ligne."
            )
        )


def _check_status(article: Article, allowed: set[str], action) -> None:
    if article.status not in allowed:
        raise WorkflowError(
            _("Impossible de %(action)s un article au statut « %(status)s ».")
            % {"action": action, "status": article.get_status_display()}
        )


def article_save(*, article: Article, by: AbstractUser) -> Article:
    """Save an article as edited in the admin (a new one is credited to `by`).

    A public article whose address changed leaves a 301 at the old one, so that links and search
    engines follow; a draft's new address stays secret.
    """
    if article.pk is None:
        article.created_by = by
    old_slug = article.stored_slug
    with transaction.atomic():
        article.save()
        if old_slug and old_slug != article.slug and article.is_public:
            _redirect(
                reverse("blog:article_detail", kwargs={"slug": old_slug}),
                article.get_absolute_url(),
            )
        if article.cover:
            # Made by the worker now rather than by the first reader (nothing if they exist).
            name = article.cover.name
            transaction.on_commit(lambda: renditions_make.enqueue(name=name, widths=list(WIDTHS)))
        if article.status in LIVE or old_slug != article.slug:
            transaction.on_commit(site_changed)  # a live article's page, cards and feeds
        if article.is_public:
            article_changed.send(sender=Article, article=article)
    return article


def _redirect(old_path: str, new_path: str) -> None:
    """`old_path` answers 301 to `new_path`; earlier redirects to `old_path` follow it."""
    site = Site.objects.get_current()
    Redirect.objects.filter(site=site, new_path=old_path).update(new_path=new_path)
    Redirect.objects.filter(site=site, old_path=new_path).delete()
    Redirect.objects.update_or_create(site=site, old_path=old_path, defaults={"new_path": new_path})


def site_item_save(*, item: Model) -> None:
    """Save what the site chrome shows (a category, a page, an announcement, the site settings)."""
    with transaction.atomic():
        item.save()
        transaction.on_commit(site_changed)


def site_items_delete(*, items: Iterable[Model]) -> None:
    with transaction.atomic():
        for item in items:
            item.delete()
        transaction.on_commit(site_changed)


def _move(article: Article, *, by: AbstractUser, status: str, message: str, **changes) -> Article:
    """Save the new status as a revision and record who did it in the admin history."""
    article.status = status
    for name, value in changes.items():
        setattr(article, name, value)
    _save_with_history(article, by=by, message=message)
    transaction.on_commit(site_changed)
    return article


def _save_with_history(article: Article, *, by: AbstractUser, message: str) -> None:
    """Save as a revision signed by `by`, and say what happened in the admin history."""
    with reversion.create_revision():
        reversion.set_user(by)
        # Inside an admin save the revision also holds the form's changes: keep their summary.
        reversion.set_comment(" ".join(filter(None, [reversion.get_comment(), message])))
        try:
            article.save()
        except StaleVersion:
            raise WorkflowError(
                _("Cet article vient d’être modifié par quelqu’un d’autre : rechargez-le.")
            ) from None
    LogEntry.objects.log_actions(
        user_id=by.pk,
        queryset=[article],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )


def _locked(article: Article) -> Article:
    """The current row, locked for the move; the caller's unsaved changes are kept."""
    current = Article.objects.select_for_update().only("status").get(pk=article.pk)
    article.status = current.status
    return article


class _Rule(NamedTuple):
    permission: str
    starts_from: set[str]
    action: str  # the verb of the error message


_RULES = {
    "submit": _Rule(WRITE_PERMISSION, {S.DRAFT, S.UNPUBLISHED}, gettext_lazy("soumettre")),
    "draft": _Rule(
        WRITE_PERMISSION, {S.REVIEW, S.UNPUBLISHED}, gettext_lazy("repasser en brouillon")
    ),
    "schedule": _Rule(
        PUBLISH_PERMISSION,
        {S.DRAFT, S.REVIEW, S.SCHEDULED, S.UNPUBLISHED},
        gettext_lazy("programmer"),
    ),
    "publish": _Rule(
        PUBLISH_PERMISSION,
        {S.DRAFT, S.REVIEW, S.SCHEDULED, S.UNPUBLISHED},
        gettext_lazy("publier"),
    ),
    "unpublish": _Rule(PUBLISH_PERMISSION, {S.PUBLISHED, S.SCHEDULED}, gettext_lazy("dépublier")),
}


def _check_move(article: Article, move: str, by: AbstractUser) -> None:
    rule = _RULES[move]
    _check_permission(by, rule.permission)
    _check_status(article, rule.starts_from, rule.action)
    _check_editable(article, by)


def _check_future(at: datetime | None) -> None:
    if at is None or at <= timezone.now():
        raise WorkflowError(_("Choisissez une date de publication dans le futur."))


def transition_check(
    *, article: Article, move: str, by: AbstractUser, at: datetime | None = None
) -> None:
    """Raise WorkflowError if `by` may not make this move now (`at`: the date to schedule for).

    Changes nothing: forms call it before saving, so that a refused move saves nothing.
    """
    if move not in _RULES:
        raise WorkflowError(_("Action inconnue."))
    _check_move(article, move, by)
    if move == "schedule":
        _check_future(at)


@transaction.atomic
def article_submit_for_review(*, article: Article, by: AbstractUser) -> Article:
    """A writer hands the draft to the editors."""
    _check_move(_locked(article), "submit", by)
    return _move(article, by=by, status=S.REVIEW, message=_("Soumis pour relecture."))


@transaction.atomic
def article_return_to_draft(*, article: Article, by: AbstractUser) -> Article:
    """Back to the writer's desk, from review or after unpublishing."""
    _check_move(_locked(article), "draft", by)
    return _move(article, by=by, status=S.DRAFT, message=_("Repassé en brouillon."))


@transaction.atomic
def article_schedule(*, article: Article, by: AbstractUser, at: datetime) -> Article:
    """Publish at a future date: the public query shows it from then on, no job needed."""
    _check_move(_locked(article), "schedule", by)
    _check_future(at)
    message = _("Programmé pour le %(date)s.") % {
        "date": timezone.localtime(at).strftime("%d/%m/%Y %H:%M")
    }
    _move(article, by=by, status=S.SCHEDULED, message=message, published_at=at)
    transaction.on_commit(lambda: _announce_at(article.pk, at))
    return article


@transaction.atomic
def article_publish(*, article: Article, by: AbstractUser) -> Article:
    """Publish now; an earlier publication date is kept (re-publishing keeps its place)."""
    _check_move(_locked(article), "publish", by)
    now = timezone.now()
    published_at = article.published_at
    if published_at is None or published_at > now:
        published_at = now
    _move(article, by=by, status=S.PUBLISHED, message=_("Publié."), published_at=published_at)
    article_published.send(sender=Article, article=article)
    return article


@transaction.atomic
def article_unpublish(*, article: Article, by: AbstractUser) -> Article:
    """Take a published or scheduled article off the site."""
    _check_move(_locked(article), "unpublish", by)
    _move(article, by=by, status=S.UNPUBLISHED, message=_("Dépublié."))
    article_unpublished.send(sender=Article, article=article)
    return article


def _announce_at(article_id: int, at: datetime) -> None:
    """Defer the after-publication work of a scheduled article to its time (needs a backend
    that can defer, such as the database one; the visibility itself never waits for it)."""
    if announce_when_live.get_backend().supports_defer:
        announce_when_live.using(run_after=at).enqueue(article_id=article_id)


TRANSITIONS = {
    "submit": article_submit_for_review,
    "draft": article_return_to_draft,
    "schedule": article_schedule,
    "publish": article_publish,
    "unpublish": article_unpublish,
}


BUTTON_ORDER = ("submit", "schedule", "publish", "unpublish", "draft")


def available_transitions(article: Article, user: AbstractUser) -> list[str]:
    """The moves offered to this user for this article, in button order."""
    if not article_editable_by(article, user):
        return []
    return [
        move
        for move in BUTTON_ORDER
        if article.status in _RULES[move].starts_from and user.has_perm(_RULES[move].permission)
    ]


@transaction.atomic
def article_restore_revision(*, article: Article, version: Version, by: AbstractUser) -> Article:
    """Bring back an earlier revision: texts, cover, category, authors and tags (what still
    exists of them, see blog.revisions.restorable); the status and date are left as they are."""
    _check_permission(by, WRITE_PERMISSION)
    _check_editable(article, by)
    if int(version.object_id) != article.pk:
        raise WorkflowError(_("Cette version appartient à un autre article."))
    restoring = restorable(article, version)
    state = restoring.state
    for name in TEXT_FIELDS:
        if name in state:
            setattr(article, name, state[name])
    if state["cover"] != (article.cover.name or ""):
        article.cover.name = state["cover"]
        article.cover_width, article.cover_height = restoring.cover_size
    article.category_id = state["category"]
    article.authors.set(state["authors"])
    article.tags.set(state["tags"])
    message = _("Version du %(date)s restaurée.") % {
        "date": timezone.localtime(version.revision.date_created).strftime("%d/%m/%Y %H:%M")
    }
    _save_with_history(article, by=by, message=message)
    if article.is_public:
        article_changed.send(sender=Article, article=article)
    return article


@dataclass(frozen=True)
class BulkResult:
    """What a bulk change did: how many articles it changed, and how many it left as they were
    because `by` may not change them (see article_editable_by): live ones, and other people's."""

    changed: int
    skipped_live: int = 0
    skipped_others: int = 0

    @property
    def skipped(self) -> int:
        return self.skipped_live + self.skipped_others


def _editable(articles: Iterable[Article], by: AbstractUser) -> tuple[list[Article], BulkResult]:
    """The articles `by` may change, by their current status (rows locked) and owners, and how
    many were left out for which reason (a live article by someone else counts as live)."""
    _check_permission(by, WRITE_PERMISSION)
    articles = list(articles)
    current = Article.objects.select_for_update().filter(pk__in=[a.pk for a in articles])
    statuses = dict(current.values_list("pk", "status"))
    for article in articles:
        article.status = statuses.get(article.pk, article.status)
    if by.has_perm(PUBLISH_PERMISSION):
        return articles, BulkResult(changed=len(articles))
    # article_editable_by's rule, with the owners read in one query.
    own = set(owned_by(Article.objects.filter(pk__in=statuses), by).values_list("pk", flat=True))
    live = [article for article in articles if article.status in LIVE]
    others = [a for a in articles if a.status not in LIVE and a.pk not in own]
    editable = [a for a in articles if a.status not in LIVE and a.pk in own]
    return editable, BulkResult(
        changed=len(editable), skipped_live=len(live), skipped_others=len(others)
    )


def _bulk_done(
    *, articles: list[Article], result: BulkResult, by: AbstractUser, message: str
) -> BulkResult:
    if articles:
        # Changed without a save: move their version so that a form opened before is refused.
        changed = Article.objects.filter(pk__in=[article.pk for article in articles])
        changed.update(version=F("version") + 1)
        LogEntry.objects.log_actions(
            user_id=by.pk, queryset=articles, action_flag=CHANGE, change_message=message
        )
        transaction.on_commit(site_changed)
        for article in articles:
            if article.is_public:
                article_changed.send(sender=Article, article=article)
    return result


@transaction.atomic
def articles_add_tag(*, articles: Iterable[Article], tag: str, by: AbstractUser) -> BulkResult:
    """Add one tag (created if new) to those of the articles `by` may change."""
    articles, result = _editable(articles, by)
    for article in articles:
        article.tags.add(tag)
    message = _("Étiquette « %(tag)s » ajoutée.") % {"tag": tag}
    return _bulk_done(articles=articles, result=result, by=by, message=message)


@transaction.atomic
def articles_remove_tag(*, articles: Iterable[Article], tag: str, by: AbstractUser) -> BulkResult:
    """Remove one tag from those of the articles `by` may change (the tag itself stays)."""
    articles, result = _editable(articles, by)
    for article in articles:
        article.tags.remove(*article.tags.filter(name__iexact=tag))
    message = _("Étiquette « %(tag)s » retirée.") % {"tag": tag}
    return _bulk_done(articles=articles, result=result, by=by, message=message)


@transaction.atomic
def articles_set_category(
    *, articles: Iterable[Article], category: Category | None, by: AbstractUser
) -> BulkResult:
    """Move those of the articles `by` may change to one category (None: no category)."""
    articles, result = _editable(articles, by)
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(category=category)
    message = _("Catégorie : %(category)s.") % {"category": category or _("aucune")}
    return _bulk_done(articles=articles, result=result, by=by, message=message)
