"""Every change of a comment's state, in one function each; notifications leave after commit."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_comments_xtd.models import XtdComment

from blog import signals
from blog.comments import rules, tasks
from blog.comments.models import CommentModeration
from blog.comments.moderators import can_moderate
from blog.comments.queries import article_public_comments
from blog.models import Article
from epw.core import ratelimit
from epw.core.chrome_cache import site_changed
from epw.core.mail import active_language, normalise_address
from epw.core.privacy import hashed, truncated_ip
from epw.core.public_forms import mail_budget_take

State = CommentModeration.State
DUPLICATE_WINDOW = timedelta(hours=1)


class CommentError(Exception):
    """A comment change that is not allowed; `message` is shown to the person who tried."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class CommentFlooded(Exception):
    """Too many comments from one sender lately; the next may go in `retry_after` seconds."""

    def __init__(self, retry_after: int):
        super().__init__(retry_after)
        self.retry_after = retry_after


def _require_moderator(user: AbstractBaseUser | None) -> None:
    if not can_moderate(user):
        raise PermissionDenied(_("Vous n’avez pas le droit de modérer les commentaires."))


def _fingerprint(*, article: Article, email: str, parent_id: int, text: str) -> str:
    raw = f"{article.pk}\n{normalise_address(email)}\n{parent_id}\n{' '.join(text.split())}"
    return hashlib.sha256(raw.encode()).hexdigest()


def _check_parent(*, article: Article, parent_id: int) -> None:
    if not parent_id:
        return
    parent = article_public_comments(article).filter(pk=parent_id).only("level").first()
    if parent is None:
        raise CommentError(_("Le commentaire auquel vous répondez n’existe pas sur cet article."))
    if parent.level >= settings.COMMENTS_XTD_MAX_THREAD_LEVEL:
        raise CommentError(
            _("Impossible de répondre à ce commentaire : la discussion est trop profonde.")
        )


def _recent_duplicate(fingerprint: str) -> XtdComment | None:
    return (
        XtdComment.norel_objects.filter(
            moderation__fingerprint=fingerprint,
            submit_date__gte=timezone.now() - DUPLICATE_WINDOW,
        )
        .select_related("moderation")
        .first()
    )


def _flood_wait(*, email: str, ip: str | None) -> int:
    """Count one comment against the flood limits (per IP, per IP in a burst, per address);
    return the seconds to wait before the next one, 0 when this one may go."""
    address = hashed(normalise_address(email), salt="comments.flood")
    limits = [("comments-email", address, settings.EPW_COMMENTS_FLOOD_EMAIL)]
    if ip:
        limits = [
            ("comments-ip", ip, settings.EPW_COMMENTS_FLOOD_IP),
            ("comments-burst", ip, settings.EPW_COMMENTS_FLOOD_BURST),
            *limits,
        ]
    # Every limit counts the comment, even once one of them refuses it.
    waits = [
        ratelimit.hit(scope, key, limit=limit, period=period)
        for scope, key, (limit, period) in limits
    ]
    return max(waits)


def comment_post(
    *,
    article: Article,
    name: str,
    email: str,
    url: str,
    text: str,
    followup: bool,
    parent_id: int = 0,
    ip: str | None = None,
    proven: bool = False,
    sender: str = "",
) -> XtdComment:
    """Store a reader's comment in the state the rules give it, and start its notifications.

    `ip`: the sender's address, counted against the flood limits and stored truncated.
    `proven`: the sender showed they own the address (see `blog.comments.proof`); otherwise
    the comment waits for its e-mail confirmation, even under a trusted address.
    `sender`: who sends a comment that has no e-mail address (a fediverse account's address): it
    stands for the address in the flood limits and in recognising the same comment sent twice.
    Sending the same comment twice (double click, reload, simultaneous requests) returns the
    first one, unchanged, and does not count against the flood limits.
    Raises `CommentFlooded` past those limits, `CommentError` when the comment is not allowed.
    """
    identity = email or sender
    fingerprint = _fingerprint(article=article, email=identity, parent_id=parent_id, text=text)
    with transaction.atomic():
        # The duplicate check and the insert must not interleave: locking the article's row
        # queues concurrent posts on it (PostgreSQL); SQLite's IMMEDIATE transactions
        # already queue every writer.
        Article.objects.select_for_update().only("pk").get(pk=article.pk)
        duplicate = _recent_duplicate(fingerprint)
        if duplicate is not None:
            return duplicate
        retry_after = _flood_wait(email=identity, ip=ip)
        if retry_after:
            raise CommentFlooded(retry_after)
        if not rules.comments_open(article):
            raise CommentError(_("Les commentaires sont fermés pour cet article."))
        _check_parent(article=article, parent_id=parent_id)
        stored_ip = truncated_ip(ip) if ip else None
        verdict = rules.initial_verdict(
            name=name,
            email=email,
            url=url,
            text=text,
            ip=stored_ip,
            trusted=rules.is_trusted(email),
            proven=proven,
        )
        # Past the address's e-mail budget the comment waits all the same, with no link sent.
        asks_confirmation = verdict.state == State.UNCONFIRMED and mail_budget_take(email=email)
        comment = XtdComment(
            content_type=ContentType.objects.get_for_model(Article),
            object_pk=str(article.pk),
            site_id=settings.SITE_ID,
            user_name=name,
            user_email=email,
            user_url=url,
            comment=text,
            ip_address=stored_ip,
            followup=followup,
            parent_id=parent_id or 0,
            is_public=verdict.state == State.PUBLIC,
            is_removed=verdict.state == State.SPAM,
        )
        comment.save()
        moderation = CommentModeration.objects.create(
            comment=comment,
            state=verdict.state,
            reasons=", ".join(verdict.reasons)[:255],
            fingerprint=fingerprint,
            confirmation_sent_at=timezone.now() if asks_confirmation else None,
            language=active_language(),
        )
        comment.moderation = moderation
        if asks_confirmation or verdict.state != State.UNCONFIRMED:
            _announce(comment_id=comment.pk, state=verdict.state, approved=False)
    return comment


def _announce(*, comment_id: int, state: str, approved: bool) -> None:
    """Enqueue, after commit, the e-mails that a comment entering `state` calls for."""
    if state == State.UNCONFIRMED:
        transaction.on_commit(lambda: tasks.send_confirmation.enqueue(comment_id=comment_id))
    elif state == State.HELD:
        transaction.on_commit(lambda: tasks.notify_moderators.enqueue(comment_id=comment_id))
    elif state == State.PUBLIC:
        if approved:
            transaction.on_commit(lambda: tasks.notify_approval.enqueue(comment_id=comment_id))
        transaction.on_commit(lambda: tasks.notify_publication.enqueue(comment_id=comment_id))
        transaction.on_commit(site_changed)  # on the article page from now on
        signals.comment_published.send(sender=XtdComment, comment_id=comment_id)


def _locked(comment_id: int) -> tuple[XtdComment, CommentModeration]:
    comment = XtdComment.norel_objects.select_for_update().get(pk=comment_id)
    moderation, _created = CommentModeration.objects.select_for_update().get_or_create(
        comment=comment,
        defaults={"state": State.PUBLIC if comment.is_public else State.HELD},
    )
    return comment, moderation


def comment_confirm(*, comment_id: int) -> CommentModeration:
    """The commenter proved the address is theirs: the comment goes on to moderation.

    Confirming again changes nothing.
    """
    with transaction.atomic():
        comment, moderation = _locked(comment_id)
        if moderation.state != State.UNCONFIRMED:
            return moderation
        held = rules.hold_reasons(
            name=comment.user_name, url=comment.user_url, text=comment.comment
        )
        state = rules.after_confirmation(
            trusted=rules.is_trusted(comment.user_email), held_reasons=held
        )
        moderation.state = state
        moderation.confirmed_at = timezone.now()
        moderation.save(update_fields=["state", "confirmed_at"])
        if state == State.PUBLIC:
            comment.is_public = True
            comment.save(update_fields=["is_public"])
        _announce(comment_id=comment.pk, state=state, approved=False)
    return moderation


def comment_approve(*, comment_id: int, by: AbstractBaseUser) -> CommentModeration:
    """A moderator publishes a comment; its author, followers and the article's authors hear."""
    _require_moderator(by)
    with transaction.atomic():
        comment, moderation = _locked(comment_id)
        if moderation.state == State.PUBLIC:
            raise CommentError(_("Ce commentaire est déjà publié."))
        was_waiting = moderation.state in {State.HELD, State.UNCONFIRMED}
        comment.is_public, comment.is_removed = True, False
        comment.save(update_fields=["is_public", "is_removed"])
        _decide(moderation, State.PUBLIC, by)
        _announce(comment_id=comment.pk, state=State.PUBLIC, approved=was_waiting)
    return moderation


def comment_text_replace(*, comment_id: int, text: str) -> CommentModeration:
    """Its author changed the comment's text where it came from (a fediverse post edited).

    The new text goes through the rules again: a published comment whose new text breaks them is
    held (or filed as spam) until a moderator looks again.
    """
    with transaction.atomic():
        comment, moderation = _locked(comment_id)
        comment.comment = text
        spam = rules.spam_reasons(
            name=comment.user_name,
            email=comment.user_email,
            url=comment.user_url,
            text=text,
            ip=comment.ip_address,
        )
        held = rules.hold_reasons(name=comment.user_name, url=comment.user_url, text=text)
        if spam and moderation.state != State.SPAM:
            comment.is_public, comment.is_removed = False, True
            moderation.state, moderation.reasons = State.SPAM, ", ".join(spam)[:255]
        elif held and moderation.state == State.PUBLIC:
            comment.is_public = False
            moderation.state, moderation.reasons = State.HELD, ", ".join(held)[:255]
            _announce(comment_id=comment.pk, state=State.HELD, approved=False)
        comment.save(update_fields=["comment", "is_public", "is_removed"])
        moderation.save(update_fields=["state", "reasons"])
        transaction.on_commit(site_changed)
    return moderation


def comment_withdraw(*, comment_id: int) -> None:
    """Its author deleted the comment where it came from (a fediverse post): it leaves the page
    and its text is not kept; replies to it stay."""
    with transaction.atomic():
        comment, moderation = _locked(comment_id)
        comment.comment, comment.is_public, comment.is_removed = "", False, True
        comment.save(update_fields=["comment", "is_public", "is_removed"])
        moderation.state, moderation.reasons = State.REJECTED, "retiré par son auteur"
        moderation.save(update_fields=["state", "reasons"])
        transaction.on_commit(site_changed)


def comment_mark_spam(*, comment_id: int, by: AbstractBaseUser) -> CommentModeration:
    """A moderator files a comment as spam: hidden, and its address no longer trusted by it."""
    _require_moderator(by)
    with transaction.atomic():
        comment, moderation = _locked(comment_id)
        if moderation.state == State.SPAM:
            raise CommentError(_("Ce commentaire est déjà marqué comme indésirable."))
        comment.is_public, comment.is_removed = False, True
        comment.save(update_fields=["is_public", "is_removed"])
        _decide(moderation, State.SPAM, by)
    return moderation


def comment_reject(*, comment_id: int, by: AbstractBaseUser) -> CommentModeration:
    """A moderator refuses a comment: hidden from readers, kept for the record."""
    _require_moderator(by)
    with transaction.atomic():
        comment, moderation = _locked(comment_id)
        if moderation.state == State.REJECTED:
            raise CommentError(_("Ce commentaire est déjà refusé."))
        comment.is_public, comment.is_removed = False, True
        comment.save(update_fields=["is_public", "is_removed"])
        _decide(moderation, State.REJECTED, by)
    return moderation


def comment_delete(*, comment_id: int, by: AbstractBaseUser) -> None:
    """A moderator deletes a comment for good (its replies go with it)."""
    _require_moderator(by)
    with transaction.atomic():
        comment, _moderation = _locked(comment_id)
        replies = XtdComment.norel_objects.filter(
            thread_id=comment.thread_id, order__gt=comment.order, level__gt=comment.level
        ).order_by("order")
        doomed = [comment.pk]
        for reply in replies.only("pk", "level", "parent_id"):
            if reply.parent_id in doomed:
                doomed.append(reply.pk)
        XtdComment.norel_objects.filter(pk__in=doomed).delete()
        transaction.on_commit(site_changed)


def _decide(moderation: CommentModeration, state: str, by: AbstractBaseUser) -> None:
    moderation.state = state
    moderation.decided_at = timezone.now()
    moderation.decided_by = by
    moderation.save(update_fields=["state", "decided_at", "decided_by"])
    transaction.on_commit(site_changed)  # shown or hidden on the article page


def comments_purge_unconfirmed(*, older_than: timedelta) -> int:
    """Delete comments whose address was never confirmed; return how many went."""
    limit = timezone.now() - older_than
    with transaction.atomic():
        ids = list(
            CommentModeration.objects.filter(
                state=State.UNCONFIRMED, comment__submit_date__lt=limit
            ).values_list("comment_id", flat=True)
        )
        XtdComment.norel_objects.filter(pk__in=ids).delete()
    return len(ids)


def commenter_mute(*, comment_id: int) -> int:
    """Stop follow-up e-mails to this comment's author on its article; return comments changed."""
    with transaction.atomic():
        comment = XtdComment.norel_objects.filter(pk=comment_id).first()
        if comment is None or not comment.user_email:
            return 0
        return XtdComment.norel_objects.filter(
            content_type_id=comment.content_type_id,
            object_pk=comment.object_pk,
            user_email__iexact=comment.user_email,
            followup=True,
        ).update(followup=False)


def _by_address(email: str):
    return XtdComment.norel_objects.filter(Q(user_email__iexact=email.strip()) & ~Q(user_email=""))


def commenter_export(*, email: str) -> list[dict]:
    """Everything stored about the comments made with this address, oldest first."""
    comments = list(_by_address(email).select_related("moderation").order_by("submit_date", "pk"))
    titles = dict(
        Article.objects.filter(
            pk__in=[c.object_pk for c in comments if c.object_pk.isdigit()]
        ).values_list("pk", "title")
    )
    return [
        {
            "id": comment.pk,
            "article": titles.get(int(comment.object_pk)) if comment.object_pk.isdigit() else None,
            "article_id": comment.object_pk,
            "name": comment.user_name,
            "email": comment.user_email,
            "website": comment.user_url,
            "text": comment.comment,
            "submitted_at": comment.submit_date.isoformat(),
            "truncated_ip": comment.ip_address,
            "follows_replies": comment.followup,
            "public": comment.is_public and not comment.is_removed,
            "moderation": getattr(getattr(comment, "moderation", None), "state", ""),
        }
        for comment in comments
    ]


def commenter_erase(*, email: str, placeholder: str) -> int:
    """Anonymise the comments made with this address: texts stay, identity goes, and the
    address is replaced by `placeholder` wherever a text quotes it. Returns how many."""
    quoted = re.compile(re.escape(email.strip()), re.IGNORECASE)
    with transaction.atomic():
        quoting = XtdComment.norel_objects.filter(comment__icontains=email.strip())
        for pk, text in quoting.values_list("pk", "comment"):
            XtdComment.norel_objects.filter(pk=pk).update(comment=quoted.sub(placeholder, text))
        transaction.on_commit(site_changed)  # the names shown on article pages
        return _by_address(email).update(
            user_name=_("Anonyme"), user_email="", user_url="", ip_address=None, followup=False
        )
