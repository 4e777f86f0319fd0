"""Every change of state in the newsletter: signup, confirmation, unsubscription, editions.

Views, admin actions, commands and tasks call these functions; e-mail leaves only after the
transaction commits, through tasks.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from blog.models import Article
from epw.core import signing
from epw.core.chrome_cache import figures_changed
from epw.core.mail import active_language, normalise_address
from epw.core.public_forms import mail_budget_take
from newsletter import tasks
from newsletter.models import Delivery, Edition, Subscriber
from newsletter.tokens import confirm_payload, signup_stamp


class NewsletterError(Exception):
    """An illegal move (expired link, edition already sent…); the message is for people."""


# Subscribers ----------------------------------------------------------------------------


def subscriber_signup(*, email: str, source: str, consent_text: str, consent_version: str) -> None:
    """Start (or restart) the double opt-in for `email`, whatever its current state.

    Returns nothing on purpose: the caller must answer the same way for every address.
    A new, pending or unsubscribed address gets a confirmation link; a confirmed one gets a
    reminder that it is already subscribed; a bounced or complaining one gets nothing. Those
    messages, and the welcome after confirmation, are in the language of this request.
    Every signup uses up the address's e-mail budget first: that queues parallel signups of one
    address, and past the budget nothing is sent.
    """
    email = normalise_address(email)
    now = timezone.now()
    with transaction.atomic():
        may_send = mail_budget_take(email=email)
        subscriber = Subscriber.objects.select_for_update().filter(email__iexact=email).first()
        if subscriber is None:
            subscriber = Subscriber(email=email, status=Subscriber.Status.PENDING)
        status = subscriber.status
        if status in {Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED}:
            return
        language = active_language()
        if status == Subscriber.Status.CONFIRMED:
            if subscriber.language != language:
                subscriber.language = language
                subscriber.save(update_fields=["language"])
            if may_send:
                _after_commit(tasks.send_subscriber_email, subscriber, "already_subscribed")
            return
        subscriber.status = Subscriber.Status.PENDING
        subscriber.language = language
        subscriber.source = source[:50]
        subscriber.consent_text = consent_text
        subscriber.consent_version = consent_version
        subscriber.consented_at = now
        subscriber.save()
        if may_send:
            _after_commit(tasks.send_subscriber_email, subscriber, "confirm")


def subscriber_confirm(*, token: str) -> Subscriber:
    """Confirm the signup a link was made for; confirming twice is harmless."""
    try:
        pk, stamp = confirm_payload(token)
    except signing.LinkExpired:
        raise NewsletterError(
            _("Ce lien a expiré. Inscrivez-vous de nouveau pour en recevoir un autre.")
        ) from None
    except signing.LinkInvalid:
        raise NewsletterError(_("Ce lien de confirmation n’est pas valide.")) from None
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().filter(pk=pk).first()
        if subscriber is None or signup_stamp(subscriber) != stamp:
            raise NewsletterError(_("Ce lien de confirmation n’est plus valide."))
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return subscriber
        if subscriber.status != Subscriber.Status.PENDING:
            raise NewsletterError(_("Ce lien de confirmation n’est plus valide."))
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
        _after_commit(tasks.send_subscriber_email, subscriber, "welcome")
        transaction.on_commit(figures_changed)
    return subscriber


def subscriber_unsubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Stop every future send to this subscriber; unsubscribing twice is harmless."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            return subscriber
        if subscriber.status not in {Subscriber.Status.CONFIRMED, Subscriber.Status.PENDING}:
            return subscriber
        subscriber.status = Subscriber.Status.UNSUBSCRIBED
        subscriber.unsubscribed_at = timezone.now()
        subscriber.save(update_fields=["status", "unsubscribed_at"])
        transaction.on_commit(figures_changed)
    return subscriber


def subscriber_resubscribe(*, subscriber: Subscriber) -> Subscriber:
    """Undo an unsubscription from the link of a past e-mail (it proves the mailbox)."""
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return subscriber
        if subscriber.status != Subscriber.Status.UNSUBSCRIBED:
            raise NewsletterError(_("Cette adresse ne peut pas être réabonnée."))
        subscriber.status = Subscriber.Status.CONFIRMED
        subscriber.confirmed_at = timezone.now()
        subscriber.unsubscribed_at = None
        subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at"])
        transaction.on_commit(figures_changed)
    return subscriber


def subscriber_mark_undeliverable(*, subscriber: Subscriber, status: str) -> Subscriber:
    """Record a bounce or a spam complaint: the address receives nothing more."""
    if status not in {Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED}:
        raise NewsletterError(_("Statut inattendu pour une adresse en échec."))
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
        was_confirmed = subscriber.status == Subscriber.Status.CONFIRMED
        subscriber.status = status
        subscriber.save(update_fields=["status"])
        if was_confirmed:
            transaction.on_commit(figures_changed)
    return subscriber


def subscriber_export(*, email: str) -> dict | None:
    """Everything kept about one address (right of access), or None."""
    subscriber = Subscriber.objects.filter(email__iexact=normalise_address(email)).first()
    if subscriber is None:
        return None
    fields = [
        "email",
        "status",
        "source",
        "consent_text",
        "consent_version",
        "consented_at",
        "confirmed_at",
        "unsubscribed_at",
        "created_at",
    ]
    data = {
        name: (value.isoformat() if isinstance(value, datetime) else value)
        for name in fields
        for value in [getattr(subscriber, name)]
    }
    data["deliveries"] = [
        {"edition": subject, "status": status, "sent_at": sent_at and sent_at.isoformat()}
        for subject, status, sent_at in subscriber.deliveries.values_list(
            "edition__subject", "status", "sent_at"
        )
    ]
    return data


def subscriber_erase(*, email: str) -> tuple[int, int]:
    """Delete an address and its delivery history (right to erasure).

    Returns how many subscribers (0 or 1) and deliveries were deleted.
    """
    with transaction.atomic():
        _total, counts = Subscriber.objects.filter(email__iexact=normalise_address(email)).delete()
        subscribers = counts.get(Subscriber._meta.label, 0)
        if subscribers:
            transaction.on_commit(figures_changed)
    return subscribers, counts.get(Delivery._meta.label, 0)


def subscribers_purge_unconfirmed(*, older_than: timedelta | None = None) -> int:
    """Delete signups never confirmed within the allowed time; returns how many."""
    age = older_than or timedelta(days=settings.NEWSLETTER_PENDING_DAYS)
    cutoff = timezone.now() - age
    deleted, _counts = Subscriber.objects.filter(
        status=Subscriber.Status.PENDING, created_at__lt=cutoff
    ).delete()
    return deleted


# Editions -------------------------------------------------------------------------------


def edition_suggested_articles(*, limit: int = 20) -> list[Article]:
    """Articles published since the last edition was sent, oldest first: the admin offers them
    as the starting selection of a new edition, which the editor trims before saving."""
    last_sent = Edition.objects.filter(status=Edition.Status.SENT).aggregate(at=Max("sent_at"))
    articles = Article.objects.published()
    if last_sent["at"]:
        articles = articles.filter(published_at__gt=last_sent["at"])
    return list(articles.order_by("-published_at", "-pk")[:limit])[::-1]


def edition_send_test(*, edition: Edition, to: str, by: AbstractBaseUser) -> None:
    """Send one copy of the edition to an editor's address, marked as a test."""
    _require(by, "newsletter.change_edition")
    if not to:
        raise NewsletterError(_("Votre compte n’a pas d’adresse e-mail pour recevoir le test."))
    transaction.on_commit(lambda: tasks.send_edition_test.enqueue(edition_id=edition.pk, to=to))


# How far in the past a chosen time may be (the minutes spent filling in the form).
SCHEDULE_GRACE = timedelta(minutes=5)
PAST_TIME_MESSAGE = _(
    "Cette heure est déjà passée : choisissez une heure à venir, ou « Envoyer maintenant »."
)


def edition_schedule(*, edition: Edition, at: datetime, by: AbstractBaseUser) -> Edition:
    """Plan the send at `at` (now or later); a worker starts it when the time comes."""
    _require(by, "newsletter.change_edition")
    if at < timezone.now() - SCHEDULE_GRACE:
        raise NewsletterError(PAST_TIME_MESSAGE)
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.status not in {Edition.Status.DRAFT, Edition.Status.SCHEDULED}:
            raise NewsletterError(_("Cette édition est déjà partie."))
        if not edition.items.exists():
            raise NewsletterError(_("Ajoutez au moins un article avant de programmer l’envoi."))
        edition.status = Edition.Status.SCHEDULED
        edition.scheduled_at = at
        edition.save(update_fields=["status", "scheduled_at"])
        transaction.on_commit(lambda: tasks.enqueue_start(edition_id=edition.pk, at=at))
    return edition


def edition_unschedule(*, edition: Edition, by: AbstractBaseUser) -> Edition:
    """Put a scheduled edition back to draft before it starts."""
    _require(by, "newsletter.change_edition")
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition.pk)
        if edition.status != Edition.Status.SCHEDULED:
            raise NewsletterError(_("Seule une édition programmée peut être déprogrammée."))
        edition.status = Edition.Status.DRAFT
        edition.scheduled_at = None
        edition.save(update_fields=["status", "scheduled_at"])
    return edition


def _require(user: AbstractBaseUser, permission: str) -> None:
    if not user.has_perm(permission):
        raise NewsletterError(_("Vous n’avez pas le droit de modifier les éditions."))


def _after_commit(task, subscriber: Subscriber, kind: str) -> None:
    transaction.on_commit(lambda: task.enqueue(subscriber_id=subscriber.pk, kind=kind))
