"""The moderation queue in the admin: filters, decisions through the services, history."""

import pytest
from django.core import mail
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from blog.models import CommentModeration
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db
State = CommentModeration.State
CHANGELIST = "/admin/django_comments_xtd/xtdcomment/"


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user(
        "modo", "modo@example.org", "x", is_staff=True, is_superuser=True
    )


@pytest.fixture
def admin_client(client, moderator):
    client.force_login(moderator)
    return client


@pytest.mark.parametrize("state", State.values)
def test_queue_filters_by_state(admin_client, state, article):
    wanted = CommentFactory(article=article, state=state, comment=f"Texte {state}")
    others = [s for s in State.values if s != state]
    for other in others:
        CommentFactory(article=article, state=other, comment=f"Texte {other}")

    page = admin_client.get(f"{CHANGELIST}?etat={state}").content.decode()

    assert f"Texte {state}" in page
    assert all(f"Texte {other}" not in page for other in others)
    assert reverse("blog:article_detail", args=[article.slug]) + f"#c{wanted.pk}" in page


def test_the_public_filter_lists_exactly_what_readers_see(admin_client, article, client):
    imported = CommentFactory(article=article, comment="Importé sans modération")
    imported.moderation.delete()
    removed = CommentFactory(article=article, comment="Retiré par le drapeau")
    removed.moderation.delete()
    XtdComment.norel_objects.filter(pk=removed.pk).update(is_removed=True)

    queue = admin_client.get(f"{CHANGELIST}?etat=public").content.decode()
    article_page = client.get(article.get_absolute_url()).content.decode()

    for page in (queue, article_page):
        assert "Importé sans modération" in page
        assert "Retiré par le drapeau" not in page


def test_queue_is_in_french_and_links_to_the_article(admin_client, article):
    CommentFactory(article=article, state="held")
    page = admin_client.get(CHANGELIST).content.decode()
    assert "En attente de modération" in page
    assert "Approuver les commentaires sélectionnés" in page
    assert "Marquer comme indésirables" in page
    assert article.title in page


def test_bulk_approve_notifies_through_the_service(
    admin_client, article, django_capture_on_commit_callbacks
):
    held = [CommentFactory(article=article, state="held") for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST, {"action": "approve", "_selected_action": [c.pk for c in held]}
        )
    assert response.status_code == 302
    assert all(XtdComment.norel_objects.get(pk=c.pk).is_public for c in held)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(c.user_email for c in held)


def test_mark_spam_and_delete_actions(admin_client, article):
    public = CommentFactory(article=article)
    reply = CommentFactory(article=article, parent=public)
    admin_client.post(CHANGELIST, {"action": "mark_spam", "_selected_action": [public.pk]})
    public.refresh_from_db()
    assert public.moderation.state == State.SPAM and not public.is_public

    admin_client.post(CHANGELIST, {"action": "delete_comments", "_selected_action": [public.pk]})
    assert not XtdComment.norel_objects.filter(pk__in=[public.pk, reply.pk]).exists()


def test_approve_link_from_the_email_asks_then_acts(
    admin_client, article, django_capture_on_commit_callbacks
):
    held = CommentFactory(article=article, state="held", comment="À valider")
    url = reverse("admin:blog_comments_approve", args=[held.pk])

    page = admin_client.get(url).content.decode()
    assert "À valider" in page and "Approuver ce commentaire" in page
    assert not XtdComment.norel_objects.get(pk=held.pk).is_public

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url)
    assert response.status_code == 302
    assert XtdComment.norel_objects.get(pk=held.pk).is_public
    assert mail.outbox[0].to == [held.user_email]

    admin_client.post(url)  # again: a warning, no error
    assert len(mail.outbox) == 1


def test_reject_link(admin_client, article):
    held = CommentFactory(article=article, state="held")
    admin_client.post(reverse("admin:blog_comments_reject", args=[held.pk]))
    held.refresh_from_db()
    assert held.moderation.state == State.REJECTED
    assert held.is_removed


def test_decision_links_need_a_moderator(client, django_user_model, article):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "x", is_staff=True)
    client.force_login(editor)
    held = CommentFactory(article=article, state="held")
    response = client.post(reverse("admin:blog_comments_approve", args=[held.pk]))
    assert response.status_code == 403
    assert not XtdComment.norel_objects.get(pk=held.pk).is_public


def test_change_page_shows_the_commenters_history(admin_client, article):
    first = CommentFactory(article=article, user_email="camille@example.org", comment="Avant")
    CommentFactory(article=article, user_email="autre@example.org", comment="Étranger")
    held = CommentFactory(article=article, user_email="CAMILLE@example.org", state="held")

    page = admin_client.get(f"{CHANGELIST}{held.pk}/change/").content.decode()

    assert "Historique du commentateur" in page
    assert f"{CHANGELIST}{first.pk}/change/" in page and "Avant" in page
    assert "Étranger" not in page


def test_moderators_cannot_export_or_erase_a_commenters_data(client, article):
    from epw.roles import MODERATOR
    from tests.factories import StaffUserFactory

    client.force_login(StaffUserFactory(role=MODERATOR))
    mine = CommentFactory(article=article, user_email="camille@example.org", user_name="Camille")

    response = client.post(
        CHANGELIST, {"action": "personal_data", "_selected_action": [mine.pk]}, follow=True
    )

    assert "Vous n’avez pas le droit de traiter les demandes" in response.content.decode()
    mine.refresh_from_db()
    assert (mine.user_name, mine.user_email) == ("Camille", "camille@example.org")


def test_the_comment_form_speaks_french(admin_client):
    comment = CommentFactory(article=ArticleFactory(), state="public")
    page = admin_client.get(f"/admin/django_comments_xtd/xtdcomment/{comment.pk}/change/")
    html = page.content.decode()
    assert "Suivi des réponses" in html
    assert "Followup" not in html and "Notify follow-up" not in html
