"""Posting a comment: the state each moderation rule gives it, and what the reader is told."""

from datetime import timedelta
from functools import partial

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from blog.comments import services
from blog.models import CommentModeration
from tests.blog.comments.conftest import form_data, prove_address
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db
State = CommentModeration.State


def only_comment() -> XtdComment:
    comment = XtdComment.norel_objects.select_related("moderation").get()
    return comment


def test_first_comment_is_stored_unconfirmed_and_a_confirmation_is_sent(article, post_comment):
    response = post_comment(article)

    assert response.status_code == 302
    comment = only_comment()
    assert comment.moderation.state == State.UNCONFIRMED
    assert not comment.is_public
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["camille@example.org"]
    assert "/commentaires/confirmer/" in mail.outbox[0].body
    page = response.client.get(response["Location"])
    assert "ouvrez le lien" in page.content.decode()


def test_the_proven_owner_of_an_address_with_an_approved_comment_is_trusted(
    article, post_comment, client
):
    CommentFactory(article=article, user_email="camille@example.org")
    prove_address(client)

    post_comment(article, email="Camille@Example.org")

    comment = XtdComment.norel_objects.latest("pk")
    assert comment.is_public
    assert comment.moderation.state == State.PUBLIC
    assert all("confirmer" not in message.body for message in mail.outbox)


def test_two_links_hold_a_trusted_comment(article, post_comment, client, django_user_model):
    django_user_model.objects.create_user(
        "modo", "modo@example.org", "x", is_staff=True, is_superuser=True
    )
    CommentFactory(article=article, user_email="camille@example.org")
    prove_address(client)

    post_comment(article, comment="Voir https://a.example et https://b.example pour comparer.")

    comment = XtdComment.norel_objects.latest("pk")
    assert comment.moderation.state == State.HELD
    assert "liens" in comment.moderation.reasons
    assert [m.to for m in mail.outbox] == [["modo@example.org"]]


def test_one_link_does_not_hold(article, post_comment, client):
    CommentFactory(article=article, user_email="camille@example.org")
    prove_address(client)
    post_comment(article, comment="Voir https://a.example pour comparer.")
    assert XtdComment.norel_objects.latest("pk").moderation.state == State.PUBLIC


def test_moderation_words_hold(article, post_comment, client, settings):
    settings.EPW_COMMENTS_MODERATION_WORDS = ["promo"]
    CommentFactory(article=article, user_email="camille@example.org")
    prove_address(client)

    post_comment(article, comment="Super PROMO chez nous.")

    assert XtdComment.norel_objects.latest("pk").moderation.state == State.HELD


@pytest.mark.parametrize(
    "setting, value, fields",
    [
        ("EPW_COMMENTS_DISALLOWED_WORDS", ["casino"], {"comment": "Le meilleur Casino du web"}),
        ("EPW_COMMENTS_DISALLOWED_DOMAINS", ["spam.test"], {"url": "https://www.spam.test/x"}),
        ("EPW_COMMENTS_DISALLOWED_DOMAINS", ["spam.test"], {"email": "robot@spam.test"}),
        ("EPW_COMMENTS_DISALLOWED_DOMAINS", ["spam.test"], {"comment": "voir spam.test/promo"}),
        ("EPW_COMMENTS_DISALLOWED_IPS", ["127.0.0.0/24"], {}),
    ],
)
def test_disallowed_words_domains_and_ips_mark_as_spam(
    article, post_comment, settings, setting, value, fields
):
    setattr(settings, setting, value)

    response = post_comment(article, **fields)

    assert response.status_code == 302
    comment = only_comment()
    assert comment.moderation.state == State.SPAM
    assert not comment.is_public
    assert mail.outbox == []


def test_ip_is_stored_truncated(article, post_comment):
    post_comment(article)
    assert only_comment().ip_address == "127.0.0.0"


def test_switched_off_comments_are_closed(client, post_comment):
    article = ArticleFactory(comments_open=False)
    assert "Les commentaires sont fermés" in client.get(article.get_absolute_url()).content.decode()

    response = post_comment(article)

    assert response.status_code == 400
    assert "Les commentaires sont fermés pour cet article." in response.content.decode()
    assert not XtdComment.norel_objects.exists()


def test_comments_close_after_the_delay_unless_the_article_says_otherwise(
    client, post_comment, settings, django_capture_on_commit_callbacks
):
    settings.EPW_COMMENTS_CLOSE_AFTER_DAYS = 30
    old = ArticleFactory(published_at=timezone.now() - timedelta(days=31))
    assert post_comment(old).status_code == 400
    assert 'id="comment-form"' not in client.get(old.get_absolute_url()).content.decode()

    old.comments_close_after_days = 0  # never closed automatically
    with django_capture_on_commit_callbacks(execute=True):
        old.save()
    assert post_comment(old).status_code == 302
    assert 'id="comment-form"' in client.get(old.get_absolute_url()).content.decode()


def test_honeypot_answers_like_nothing_happened_and_stores_nothing(article, post_comment):
    response = post_comment(article, honeypot="http://spam.example")
    assert response.status_code == 302
    assert response["Location"] == f"{article.get_absolute_url()}#commentaires"
    assert not XtdComment.norel_objects.exists()
    assert not mail.outbox


def test_a_form_sent_too_fast_is_refused_with_input_kept(article, post_comment):
    response = post_comment(article, age=0, comment="Écrit à la vitesse de l’éclair")

    assert response.status_code == 400
    page = response.content.decode()
    assert "trop vite pour un humain" in page
    assert "Écrit à la vitesse de l’éclair" in page
    assert not XtdComment.norel_objects.exists()


def test_a_form_for_another_article_is_refused(article, client):
    other = ArticleFactory()
    response = client.post(f"/commentaires/articles/{article.pk}/", form_data(other))
    assert response.status_code == 400
    assert "Le formulaire a été modifié" in response.content.decode()


def test_flood_per_ip_answers_429_with_retry_after_and_keeps_input(article, post_comment, settings):
    settings.EPW_COMMENTS_FLOOD_IP = (2, 600)
    for i in range(2):
        post_comment(article, email=f"p{i}@example.org", comment=f"Texte {i}")

    response = post_comment(article, email="p9@example.org", comment="Mon texte gardé")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    page = response.content.decode()
    assert "Trop d’envois en peu de temps" in page
    assert "Mon texte gardé" in page
    assert XtdComment.norel_objects.count() == 2


def test_flood_per_address(article, post_comment, settings):
    settings.EPW_COMMENTS_FLOOD_EMAIL = (1, 600)
    post_comment(article, comment="Un")
    response = post_comment(article, comment="Deux", email="CAMILLE@example.org")
    assert response.status_code == 429
    assert response["Retry-After"]


def test_sending_the_same_comment_again_does_not_use_up_the_flood_allowance(
    article, post_comment, settings
):
    settings.EPW_COMMENTS_FLOOD_IP = (2, 600)
    for _click in range(4):  # a double click, then two reloads of the sent form
        assert post_comment(article, comment="Même texte").status_code == 302
    assert XtdComment.norel_objects.count() == 1
    assert post_comment(article, comment="Un autre texte").status_code == 302


def test_a_post_looks_for_its_duplicate_once(article, post_comment):
    with CaptureQueriesContext(connection) as captured:
        assert post_comment(article).status_code == 302
    lookups = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    assert sum('."fingerprint" = ' in sql for sql in lookups) == 1


def test_the_service_refuses_a_flood_with_the_wait_and_stores_nothing(article, settings):
    settings.EPW_COMMENTS_FLOOD_EMAIL = (1, 600)
    post = partial(services.comment_post, article=article, name="Camille", url="", followup=False)
    post(email="camille@example.org", text="Un", ip="203.0.113.7")

    with pytest.raises(services.CommentFlooded) as refused:
        post(email="Camille@Example.org", text="Deux", ip="198.51.100.1")

    assert 0 < refused.value.retry_after <= 600
    assert list(XtdComment.norel_objects.values_list("comment", "ip_address")) == [
        ("Un", "203.0.113.0")
    ]


@pytest.mark.parametrize(
    "refused",
    [{"age": 0}, {"stamp": "forged"}, {"email": "camille@exemple"}],
    ids=["too_fast", "forged_stamp", "typo"],
)
def test_refused_submissions_do_not_use_up_the_flood_allowance(article, post_comment, refused):
    for i in range(6):  # past both limits, 5 per IP and 5 per address in 10 minutes
        response = post_comment(article, comment=f"Tentative {i}", **refused)
        assert response.status_code == 400

    response = post_comment(article, comment="Enfin correct")

    assert response.status_code == 302
    assert XtdComment.norel_objects.get().comment == "Enfin correct"


def test_past_the_address_mail_budget_the_comment_waits_and_no_link_is_sent(
    article, post_comment, settings
):
    settings.EPW_PUBLIC_FORM_MAILS_PER_ADDRESS = (2, 24 * 3600)
    for i in range(2):
        assert post_comment(article, comment=f"Essai {i}", pause=61).status_code == 302

    response = post_comment(article, comment="Essai 3", pause=61)

    assert response.status_code == 302  # the same answer: nothing tells the budget is spent
    assert len(mail.outbox) == 2
    waiting = CommentModeration.objects.filter(state=CommentModeration.State.UNCONFIRMED)
    assert waiting.count() == 3


def test_double_submit_stores_one_comment_and_sends_one_email(article, post_comment):
    first = post_comment(article)
    second = post_comment(article)

    assert first.status_code == second.status_code == 302
    assert XtdComment.norel_objects.count() == 1
    assert len(mail.outbox) == 1


def test_reply_is_threaded_under_its_parent(article, post_comment):
    parent = CommentFactory(article=article, user_email="camille@example.org")

    post_comment(article, reply_to=str(parent.pk), comment="Je complète ma remarque.")

    reply = XtdComment.norel_objects.latest("pk")
    assert (reply.parent_id, reply.thread_id, reply.level) == (parent.pk, parent.pk, 1)


def test_reply_deeper_than_the_configured_depth_is_refused(article, post_comment, settings):
    settings.COMMENTS_XTD_MAX_THREAD_LEVEL = 1
    parent = CommentFactory(article=article)
    child = CommentFactory(article=article, parent=parent)

    response = post_comment(article, reply_to=str(child.pk))

    assert response.status_code == 400
    assert "la discussion est trop profonde" in response.content.decode()
    assert XtdComment.norel_objects.count() == 2


def test_reply_to_a_comment_of_another_article_is_refused(article, post_comment):
    elsewhere = CommentFactory(article=ArticleFactory())

    response = post_comment(article, reply_to=str(elsewhere.pk))

    assert response.status_code == 400
    assert "n’existe pas sur cet article" in response.content.decode()
    assert XtdComment.norel_objects.count() == 1


def test_reply_to_a_held_comment_is_refused(article, post_comment):
    held = CommentFactory(article=article, state="held")
    assert post_comment(article, reply_to=str(held.pk)).status_code == 400


def test_get_on_the_post_address_goes_back_to_the_article(article, client):
    response = client.get(f"/commentaires/articles/{article.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"{article.get_absolute_url()}#commentaires")


def test_unpublished_article_takes_no_comment(post_comment):
    draft = ArticleFactory(status="draft")
    assert post_comment(draft).status_code == 404


def test_the_article_moderator_is_registered_with_xtd(article):
    from django_comments_xtd.moderation import moderator

    from blog.models import Article
    from blog.moderation import ArticleCommentModerator

    registered = moderator._registry[Article]
    assert isinstance(registered, ArticleCommentModerator)
    assert registered.allow(None, article, None)
    article.comments_open = False
    assert not registered.allow(None, article, None)
