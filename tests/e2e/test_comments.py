"""A first comment's whole loop in a real browser: confirm, moderate, publish, reply, mute."""

import re

import pytest
from django.core import mail
from django_comments_xtd.models import XtdComment

from tests.factories import ArticleFactory, CommentFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def link_in(message, pattern: str) -> str:
    """The site path of the first link in `message` matching `pattern`."""
    url = re.search(rf"https?://[^\s/]+({pattern}\S*)", message.body)
    assert url, message.body
    return url[1]


def last_mail_to(address: str):
    return [m for m in mail.outbox if address in m.to][-1]


def test_comment_loop_from_first_comment_to_muted_follow_up(
    page, open_tab, live_server, django_user_model
):
    article = ArticleFactory(title="Soigner ses intertitres")
    django_user_model.objects.create_user(
        "redaction",
        "redaction@example.org",
        "mot-de-passe-solide",
        is_staff=True,
        is_superuser=True,
    )
    CommentFactory(article=ArticleFactory(), user_email="leo@example.org")  # a known reader

    # A first-time reader comments and follows the discussion.
    page.goto(article.get_absolute_url())
    form = page.locator("#comment-form")
    form.get_by_label("Commentaire").fill("Les intertitres m’aident à relire, merci !")
    form.get_by_role("textbox", name="Nom").fill("Camille Martin")
    form.get_by_role("textbox", name="E-mail").fill("camille@example.org")
    form.get_by_label("Me prévenir par e-mail des réponses").check()
    form.get_by_role("button", name="Publier le commentaire").click()
    page.get_by_text("Un e-mail vient de vous être envoyé").wait_for()

    # The confirmation link shows a button; confirming leaves the comment held.
    page.goto(link_in(last_mail_to("camille@example.org"), "/commentaires/confirmer/"))
    page.get_by_role("button", name="Confirmer mon commentaire").click()
    page.get_by_text("en attente de modération").wait_for()
    page.goto(article.get_absolute_url())
    assert page.locator(".comment").count() == 0

    # An editor approves it from the link in the moderators' e-mail.
    approve = link_in(last_mail_to("redaction@example.org"), "/admin/")
    editor = open_tab()
    editor.goto(approve)
    editor.fill("#id_username", "redaction")
    editor.fill("#id_password", "mot-de-passe-solide")
    editor.locator("input[type=submit]").click()
    editor.get_by_role("button", name="Approuver ce commentaire").click()
    editor.get_by_text("Décision enregistrée.").wait_for()
    editor.context.close()

    approval = last_mail_to("camille@example.org")
    assert "est publié" in approval.subject
    first = XtdComment.norel_objects.get(user_email="camille@example.org")

    # Another reader, known from an earlier comment, replies through the "Répondre" link on
    # their own device: typing a known address is no proof, so it is confirmed first.
    reader = open_tab()
    reader.goto(article.get_absolute_url())
    reader.locator(f"#c{first.pk}").get_by_role("link", name="Répondre").click()
    form = reader.locator(f"#c{first.pk} #comment-form")
    form.get_by_label("Commentaire").fill("Moi aussi, surtout sur mobile.")
    form.get_by_role("textbox", name="Nom").fill("Léo")
    form.get_by_role("textbox", name="E-mail").fill("leo@example.org")
    form.get_by_role("button", name="Publier le commentaire").click()
    reader.get_by_text("Un e-mail vient de vous être envoyé").wait_for()
    reader.goto(link_in(last_mail_to("leo@example.org"), "/commentaires/confirmer/"))
    reader.get_by_role("button", name="Confirmer mon commentaire").click()
    reader.get_by_role("heading", name="Commentaire publié").wait_for()
    reader.context.close()

    # The first reader hears of it and mutes the discussion in one click.
    follow_up = last_mail_to("camille@example.org")
    assert "Nouvelle réponse" in follow_up.subject
    assert "Moi aussi, surtout sur mobile." in follow_up.body
    page.goto(link_in(follow_up, "/commentaires/suivi/arreter/"))
    page.get_by_role("button", name="Arrêter les e-mails de suivi").click()
    page.get_by_role("heading", name="Suivi arrêté").wait_for()
    assert not XtdComment.norel_objects.get(pk=first.pk).followup

    page.goto(article.get_absolute_url())
    assert page.locator(".comment").count() == 2

    # Her browser proved her address when she confirmed: her next comment is published at once.
    sent = len(mail.outbox)
    form = page.locator("#comment-form")
    form.get_by_label("Commentaire").fill("Et merci pour la réponse !")
    form.get_by_role("textbox", name="Nom").fill("Camille Martin")
    form.get_by_role("textbox", name="E-mail").fill("camille@example.org")
    form.get_by_role("button", name="Publier le commentaire").click()
    page.get_by_text("Votre commentaire est publié.").wait_for()
    assert len(mail.outbox) == sent  # no confirmation e-mail this time
    assert page.errors == []
