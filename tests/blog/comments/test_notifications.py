"""Who hears of what, and when: never before the change is committed."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.db import transaction
from django_comments_xtd.models import XtdComment

from blog.comments import services
from blog.comments.moderators import can_moderate, moderator_addresses
from blog.models import CommentModeration
from tests.blog.comments.conftest import prove_address
from tests.factories import ArticleFactory, CommentFactory, ContributorFactory

pytestmark = pytest.mark.django_db
State = CommentModeration.State


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user(
        "modo", "modo@example.org", "x", is_staff=True, is_superuser=True
    )


def test_moderators_are_superusers_permission_holders_and_the_group(django_user_model):
    create = django_user_model.objects.create_user
    create("a", "a@example.org", "x", is_staff=True, is_superuser=True)
    perm = create("b", "b@example.org", "x", is_staff=True)
    perm.user_permissions.add(
        Permission.objects.get(codename="can_moderate", content_type__app_label="django_comments")
    )
    grouped = django_user_model.objects.create_user("c", "c@example.org", "x", is_staff=True)
    grouped.groups.add(Group.objects.get(name="Modérateur"))
    django_user_model.objects.create_user("d", "d@example.org", "x", is_staff=True)
    django_user_model.objects.create_user("e", "e@example.org", "x", is_superuser=True)
    editor = django_user_model.objects.create_user("f", "f@example.org", "x", is_staff=True)
    editor.groups.add(Group.objects.get(name="Rédacteur"))
    gone = django_user_model.objects.create_user("g", "g@example.org", "x", is_staff=True)
    gone.groups.add(Group.objects.get(name="Modérateur"))
    gone.is_active = False
    gone.save()

    assert moderator_addresses() == ["a@example.org", "b@example.org", "c@example.org"]


def test_who_may_moderate_is_who_hears_of_held_comments(django_user_model):
    """One rule: the e-mail about a held comment goes to exactly those the admin lets decide."""

    def user(name, *, staff=True, active=True, superuser=False, group=None, permission=None):
        created = django_user_model.objects.create_user(
            name, f"{name}@example.org", "x", is_staff=staff, is_active=active
        )
        created.is_superuser = superuser
        created.save()
        if group:
            created.groups.add(Group.objects.get(name=group))
        if permission:
            app_label, codename = permission.split(".")
            created.user_permissions.add(
                Permission.objects.get(codename=codename, content_type__app_label=app_label)
            )
        return created

    users = [
        user("superuser", superuser=True),
        user("staff"),
        user("reader", staff=False),
        user("idle", active=False, group="Modérateur"),
        user("moderator", group="Modérateur"),
        user("chief", group="Rédaction en chef"),
        user("writer", group="Rédacteur"),
        user("member", staff=False, group="Modérateur"),
        user("comments", permission="django_comments.can_moderate"),
        user("xtd", permission="django_comments_xtd.can_moderate"),
        user("editor", permission="django_comments_xtd.change_xtdcomment"),
    ]

    allowed = sorted(user.email for user in users if can_moderate(user))

    assert allowed == moderator_addresses()
    assert [address.split("@")[0] for address in allowed] == [
        "chief",
        "comments",
        "editor",
        "moderator",
        "superuser",
        "xtd",
    ]


def test_approving_a_held_comment_tells_its_author_followers_and_the_article_authors(
    moderator, django_user_model, django_capture_on_commit_callbacks
):
    writer = django_user_model.objects.create_user("plume", "plume@example.org", "x")
    article = ArticleFactory(authors=[ContributorFactory(user=writer)])
    parent = CommentFactory(article=article, user_email="suivi@example.org", followup=True)
    held = CommentFactory(
        article=article, parent=parent, state="held", user_email="nouveau@example.org"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment_id=held.pk, by=moderator)

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["nouveau@example.org", "plume@example.org", "suivi@example.org"]
    reply = next(m for m in mail.outbox if m.to == ["suivi@example.org"])
    assert reply.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/commentaires/suivi/arreter/" in reply.body
    approval = next(m for m in mail.outbox if m.to == ["nouveau@example.org"])
    assert "vient d’être publié" in approval.body


def test_approving_twice_is_refused_and_sends_nothing(
    moderator, django_capture_on_commit_callbacks
):
    held = CommentFactory(state="held")
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment_id=held.pk, by=moderator)
    sent = len(mail.outbox)
    with pytest.raises(services.CommentError):
        services.comment_approve(comment_id=held.pk, by=moderator)
    assert len(mail.outbox) == sent


def test_only_moderators_may_approve(django_user_model):
    visitor = django_user_model.objects.create_user("v", "v@example.org", "x", is_staff=True)
    held = CommentFactory(state="held")
    with pytest.raises(services.PermissionDenied):
        services.comment_approve(comment_id=held.pk, by=visitor)
    assert not XtdComment.norel_objects.get(pk=held.pk).is_public


def test_followers_who_muted_or_are_not_public_hear_nothing(
    article, post_comment, client, django_capture_on_commit_callbacks
):
    parent = CommentFactory(article=article, user_email="muet@example.org", followup=False)
    CommentFactory(
        article=article,
        parent=parent,
        user_email="attente@example.org",
        followup=True,
        state="unconfirmed",
    )
    CommentFactory(article=article, user_email="camille@example.org")  # trusted
    prove_address(client)

    post_comment(article, reply_to=str(parent.pk))

    assert mail.outbox == []


def test_mute_link_stops_follow_up_emails(article, post_comment, client):
    parent = CommentFactory(article=article, user_email="suivi@example.org", followup=True)
    CommentFactory(article=article, user_email="camille@example.org")
    prove_address(client)
    post_comment(article, reply_to=str(parent.pk))
    assert [m.to for m in mail.outbox] == [["suivi@example.org"]]
    mute = re.search(r"https?://\S+(/commentaires/suivi/arreter/\S+/)", mail.outbox[0].body)[1]

    assert "Arrêter les e-mails de suivi" in client.get(mute).content.decode()
    assert XtdComment.norel_objects.get(pk=parent.pk).followup  # GET changes nothing
    response = client.post(mute)  # one click, no form token (RFC 8058)

    assert "plus d’e-mail de suivi" in response.content.decode()
    assert not XtdComment.norel_objects.get(pk=parent.pk).followup
    post_comment(article, reply_to=str(parent.pk), comment="Une autre réponse")
    assert len(mail.outbox) == 1


def test_the_commenter_is_not_told_of_their_own_reply(article, post_comment, client):
    parent = CommentFactory(article=article, user_email="camille@example.org", followup=True)
    prove_address(client)
    post_comment(article, reply_to=str(parent.pk), followup="on")
    assert mail.outbox == []


def test_no_email_leaves_before_the_transaction_commits(
    article, moderator, django_capture_on_commit_callbacks
):
    held = CommentFactory(article=article, state="held")

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                services.comment_approve(comment_id=held.pk, by=moderator)
                assert mail.outbox == []
                raise RuntimeError("la base refuse l’enregistrement")
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                services.comment_post(
                    article=article,
                    name="A",
                    email="a@example.org",
                    url="",
                    text="Bonjour",
                    followup=False,
                )
                raise RuntimeError("après l’enregistrement")

    assert callbacks == []
    assert mail.outbox == []
    assert not XtdComment.norel_objects.get(pk=held.pk).is_public
    assert XtdComment.norel_objects.count() == 1
