"""The editors' side: transitions, permissions, e-mails after commit, accept → article."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from blog.models import Article
from blog.signals import article_published
from contributors import services
from contributors.models import Contributor, Submission
from tests.factories import ArticleFactory, ContributorFactory, SubmissionFactory

pytestmark = pytest.mark.django_db


def test_the_normal_path_from_review_to_publication(editor, django_capture_on_commit_callbacks):
    submission = SubmissionFactory(name="Chloé Martin", email="chloe@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_start_review(submission=submission, editor=editor, message="Reçu !")
        services.submission_request_changes(
            submission=submission, editor=editor, message="Plus court."
        )
        services.submission_resubmit(
            submission=submission, message="Fait.", body="<p>Version deux</p>"
        )
        article = services.submission_accept(submission=submission, editor=editor, message="Bravo.")
    submission.refresh_from_db()
    assert submission.status == Submission.Status.ACCEPTED
    assert submission.assigned_to == editor
    assert article.status == Article.Status.DRAFT
    assert article.title == submission.title and article.standfirst == submission.standfirst
    assert article.body == "<p>Version deux</p>"
    assert submission.article == article
    contributor = article.authors.get()
    assert contributor.kind == Contributor.Kind.GUEST
    assert contributor.display_name == "Chloé Martin"
    subjects = [m.subject for m in mail.outbox if m.to == ["chloe@example.org"]]
    assert len(subjects) == 3  # in review, changes requested, accepted
    assert "Plus court." in mail.outbox[1].body


def test_a_second_accepted_submission_reuses_the_columnist_profile(editor):
    first = SubmissionFactory(email="chloe@example.org")
    services.submission_accept(submission=first, editor=editor)
    second = SubmissionFactory(email="CHLOE@example.org", name="Chloé M.")
    article = services.submission_accept(submission=second, editor=editor)
    first.refresh_from_db()
    assert Contributor.objects.count() == 1
    assert article.authors.get() == first.article.authors.get() == first.contributor


@pytest.mark.parametrize(
    ("status", "transition"),
    [
        ("declined", services.submission_accept),
        ("accepted", services.submission_decline),
        ("declined", services.submission_start_review),
        ("accepted", services.submission_request_changes),
        ("unconfirmed", services.submission_accept),
    ],
)
def test_illegal_transitions_are_refused(editor, status, transition):
    submission = SubmissionFactory(status=status)
    with pytest.raises(services.SubmissionError):
        transition(submission=submission, editor=editor, message="Message")
    submission.refresh_from_db()
    assert submission.status == status
    assert Article.objects.count() == 0


def test_resubmitting_outside_a_change_request_is_refused():
    submission = SubmissionFactory(status="review")
    with pytest.raises(services.SubmissionError):
        services.submission_resubmit(submission=submission, message="", body="<p>x</p>")
    assert submission.versions.count() == 1


def test_only_editors_may_decide(django_user_model):
    visitor = django_user_model.objects.create_user("x", "x@example.org", "x", is_staff=True)
    submission = SubmissionFactory()
    with pytest.raises(PermissionDenied):
        services.submission_accept(submission=submission, editor=visitor)
    with pytest.raises(PermissionDenied):
        services.submission_note_add(submission=submission, editor=visitor, body="note")


def test_e_mails_leave_only_after_commit(editor, django_capture_on_commit_callbacks):
    submission = SubmissionFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.submission_decline(submission=submission, editor=editor, message="Non merci.")
    assert mail.outbox == []
    assert callbacks
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1 and "Non merci." in mail.outbox[0].body


def test_a_rolled_back_decision_sends_nothing(editor, django_capture_on_commit_callbacks):
    from django.db import transaction

    submission = SubmissionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError), transaction.atomic():
            services.submission_decline(submission=submission, editor=editor, message="Non.")
            raise RuntimeError
    assert mail.outbox == []
    submission.refresh_from_db()
    assert submission.status == "new"


def test_the_columnist_is_told_once_when_the_article_is_published(
    editor, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    submission = SubmissionFactory(email="chloe@example.org")
    article = services.submission_accept(submission=submission, editor=editor)
    article_published.send(sender=Article, article=article)  # still a draft: nothing
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now()
    article.save()
    with django_capture_on_commit_callbacks(execute=True):
        article_published.send(sender=Article, article=article)
        article_published.send(sender=Article, article=article)
    submission.refresh_from_db()
    assert submission.status == Submission.Status.PUBLISHED
    assert len(mail.outbox) == 1
    assert article.get_absolute_url() in mail.outbox[0].body


def test_admin_decision_form_is_prefilled_and_editable(
    client, editor, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    submission = SubmissionFactory(name="Chloé")
    url = reverse("admin:contributors_submission_transition", args=[submission.pk, "decline"])
    page = client.get(url).content.decode()
    assert "Bonjour Chloé" in page and "ne le retiendrons pas" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"message": "Texte revu par l’éditrice."})
    submission.refresh_from_db()
    assert submission.status == "declined"
    assert mail.outbox[0].body.startswith("Texte revu par l’éditrice.")


def test_admin_refuses_an_illegal_decision_with_a_message(client, editor):
    client.force_login(editor)
    submission = SubmissionFactory(status="declined")
    url = reverse("admin:contributors_submission_transition", args=[submission.pk, "accept"])
    response = client.post(url, {"message": ""}, follow=True)
    assert "Impossible" in response.content.decode()
    assert Article.objects.count() == 0


def test_admin_shows_the_draft_the_diff_and_notes(client, editor):
    client.force_login(editor)
    submission = SubmissionFactory(
        versions=[
            "<p>Ancienne phrase.</p><p>Commune.</p>",
            "<p>Nouvelle phrase.</p><p>Commune.</p>",
        ]
    )
    client.post(
        reverse("admin:contributors_submission_note", args=[submission.pk]), {"body": "À suivre"}
    )
    page = client.get(
        reverse("admin:contributors_submission_change", args=[submission.pk])
    ).content.decode()
    assert '<span class="diff-del">-Ancienne phrase.</span>' in page
    assert '<span class="diff-add">+Nouvelle phrase.</span>' in page
    assert "<p>Nouvelle phrase.</p>" in page  # rendered as it would be published
    assert "À suivre" in page


def test_admin_queue_filters_by_status(client, editor):
    client.force_login(editor)
    SubmissionFactory(title="En attente", status="new")
    SubmissionFactory(title="Refusée", status="declined")
    url = reverse("admin:contributors_submission_changelist")
    page = client.get(url, {"status__exact": "declined"}).content.decode()
    assert "Refusée" in page and "En attente" not in page


def test_assigning_an_editor_goes_through_the_service(client, editor):
    client.force_login(editor)
    submission = SubmissionFactory()
    url = reverse("admin:contributors_submission_change", args=[submission.pk])
    response = client.post(
        url,
        {
            "assigned_to": editor.pk,
            "messages-TOTAL_FORMS": 0,
            "messages-INITIAL_FORMS": 0,
            "messages-MIN_NUM_FORMS": 0,
            "messages-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.assigned_to == editor


def test_the_new_columnist_profile_takes_the_photo_bio_and_links(client, editor):
    from io import BytesIO

    from django.core.files.base import ContentFile
    from PIL import Image

    from tests.factories import ArticleFactory

    output = BytesIO()
    Image.new("RGB", (60, 60), "blue").save(output, "JPEG")
    submission = SubmissionFactory(
        name="Léa Dupont", bio="Autrice et formatrice.", mastodon="https://mastodon.example/@lea"
    )
    submission.photo.save("lea.jpg", ContentFile(output.getvalue()), save=False)
    submission.save(update_fields=["photo"])
    services.submission_accept(submission=submission, editor=editor)
    contributor = Contributor.objects.get()
    assert contributor.photo and contributor.bio == "Autrice et formatrice."
    ArticleFactory(authors=[contributor], title="Premier article de Léa")
    page = client.get(contributor.get_absolute_url()).content.decode()
    assert "Autrice et formatrice." in page
    assert "https://mastodon.example/@lea" in page
    assert "Premier article de Léa" in page
    assert "<img" in page


def change_form_data(**data):
    return {
        "messages-TOTAL_FORMS": 0,
        "messages-INITIAL_FORMS": 0,
        "messages-MIN_NUM_FORMS": 0,
        "messages-MAX_NUM_FORMS": 1000,
        **data,
    }


def test_only_reviewers_are_offered_as_assigned_editor(client, editor):
    from tests.factories import StaffUserFactory

    writer = StaffUserFactory(username="redacteur", role="Rédacteur")
    moderator = StaffUserFactory(username="moderatrice", role="Modérateur")
    client.force_login(editor)
    submission = SubmissionFactory()
    url = reverse("admin:contributors_submission_change", args=[submission.pk])
    page = client.get(url).content.decode()
    assert f'<option value="{editor.pk}">' in page
    assert f'value="{writer.pk}"' not in page and f'value="{moderator.pk}"' not in page
    response = client.post(url, change_form_data(assigned_to=writer.pk))
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    submission.refresh_from_db()
    assert submission.assigned_to is None


def test_an_assignment_by_someone_who_cannot_review_is_a_form_error(client, editor):
    from django.contrib.auth.models import Permission

    from tests.factories import StaffUserFactory

    clerk = StaffUserFactory(username="secretaire")
    clerk.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_submission", "view_submission"])
    )
    client.force_login(clerk)
    submission = SubmissionFactory()
    url = reverse("admin:contributors_submission_change", args=[submission.pk])
    response = client.post(url, change_form_data(assigned_to=editor.pk))
    assert response.status_code == 200
    assert "Seuls les éditeurs qui relisent les propositions peuvent les assigner." in (
        response.content.decode()
    )
    submission.refresh_from_db()
    assert submission.assigned_to is None


@pytest.mark.parametrize(
    ("status", "offered"),
    [
        ("new", ["start_review", "request_changes", "accept", "decline"]),
        ("review", ["request_changes", "accept", "decline"]),
        ("changes", ["accept", "decline"]),
        ("accepted", []),
        ("declined", []),
        ("published", []),
    ],
)
def test_the_admin_offers_the_decisions_the_workflow_allows(client, editor, status, offered):
    client.force_login(editor)
    submission = SubmissionFactory(status=status)
    assert services.editor_moves(submission) == offered
    page = client.get(reverse("admin:contributors_submission_change", args=[submission.pk]))
    html = page.content.decode()
    for name in ("start_review", "request_changes", "accept", "decline"):
        url = reverse("admin:contributors_submission_transition", args=[submission.pk, name])
        assert (f'href="{url}"' in html) is (name in offered)


def test_an_impossible_decision_shows_why_and_no_form(client, editor):
    client.force_login(editor)
    submission = SubmissionFactory(status="declined")
    url = reverse("admin:contributors_submission_transition", args=[submission.pk, "accept"])
    page = client.get(url).content.decode()
    assert (
        "Impossible de prendre cette décision : la proposition est au statut « Refusée »." in page
    )
    assert "<textarea" not in page and 'type="submit" class="default"' not in page
    change_url = reverse("admin:contributors_submission_change", args=[submission.pk])
    assert f'href="{change_url}">Retour à la proposition' in page


def test_refusals_are_written_with_elision():
    from django.contrib.auth import get_user_model

    submission = SubmissionFactory(status="declined")
    editor = get_user_model().objects.create_superuser("chef", "chef@example.org", "x")
    with pytest.raises(services.SubmissionError) as error:
        services.submission_accept(submission=submission, editor=editor)
    assert str(error.value) == "Impossible d’accepter une proposition au statut « Refusée »."
    with pytest.raises(services.SubmissionError) as error:
        services.submission_start_review(submission=submission, editor=editor)
    assert str(error.value) == (
        "Impossible de commencer la relecture d’une proposition au statut « Refusée »."
    )


def test_the_queue_status_filter_offers_no_unconfirmed_choice(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:contributors_submission_changelist")).content.decode()
    assert "Adresse à confirmer" not in page
    assert "status__exact=declined" in page


def test_a_message_shows_its_local_time(settings):
    from datetime import UTC, datetime

    from contributors.models import SubmissionMessage

    settings.TIME_ZONE = "Europe/Paris"
    message = SubmissionFactory().messages.create(kind="note", body="Note")
    SubmissionMessage.objects.filter(pk=message.pk).update(
        created_at=datetime(2026, 7, 1, 8, 30, tzinfo=UTC)
    )
    message.refresh_from_db()
    assert str(message) == "Note interne — 2026-07-01 10:30"


@pytest.mark.parametrize("bulk", [False, True], ids=["single", "bulk action"])
def test_deleting_a_submission_in_the_admin_deletes_its_files(
    client, editor, bulk, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Permission
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from tests.contributors.test_privacy import with_files

    editor.user_permissions.add(Permission.objects.get(codename="delete_submission"))
    client.force_login(editor)
    submission = SubmissionFactory()
    files = with_files(submission)
    second = submission.versions.create(number=2, body="<p>Deux.</p>")
    second.source_file.save("v2.docx", ContentFile(b"docx"))
    files.append(second.source_file.name)
    kept = with_files(SubmissionFactory())
    assert all(default_storage.exists(name) for name in files)
    with django_capture_on_commit_callbacks(execute=True):
        if bulk:
            response = client.post(
                reverse("admin:contributors_submission_changelist"),
                {"action": "delete_selected", "_selected_action": [submission.pk], "post": "yes"},
            )
        else:
            response = client.post(
                reverse("admin:contributors_submission_delete", args=[submission.pk]),
                {"post": "yes"},
            )
    assert response.status_code == 302
    assert not Submission.objects.filter(pk=submission.pk).exists()
    assert not any(default_storage.exists(name) for name in files)
    assert all(default_storage.exists(name) for name in kept)


def test_an_accepted_columnist_has_no_public_page_before_an_article_is_out(client, editor):
    from django.utils import timezone

    submission = SubmissionFactory(name="Alice Martin", bio="Biographie privée.")
    article = services.submission_accept(submission=submission, editor=editor)
    contributor = article.authors.get()
    for path in (
        contributor.get_absolute_url(),
        reverse("contributors:contributor_feed", args=[contributor.slug]),
    ):
        assert client.get(path).status_code == 404
    article.status = Article.Status.PUBLISHED
    article.published_at = timezone.now()
    article.save()
    page = client.get(contributor.get_absolute_url()).content.decode()
    assert "Biographie privée." in page
    assert "Les articles d’Alice Martin" in page


def test_a_staff_author_page_needs_a_public_article_too(client):
    from tests.factories import ArticleFactory, ContributorFactory

    staff = ContributorFactory(display_name="Bruno Petit", kind=Contributor.Kind.STAFF)
    ArticleFactory(authors=[staff], status=Article.Status.DRAFT)
    assert client.get(staff.get_absolute_url()).status_code == 404
    ArticleFactory(authors=[staff])
    assert "Les articles de Bruno Petit" in client.get(staff.get_absolute_url()).content.decode()


def test_editors_are_told_of_a_new_submission_with_elision(
    editor, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(status="unconfirmed", name="Émilie Roux", title="Mon titre")
    with django_capture_on_commit_callbacks(execute=True):
        services.submission_confirm_email(submission=submission)
    [alert] = [m for m in mail.outbox if m.to == [editor.email]]
    assert alert.subject == "Nouvelle proposition : « Mon titre » d’Émilie Roux"
    assert "« Mon titre », d’Émilie Roux." in alert.body


def test_view_on_site_keeps_the_host_and_never_opens_the_applicants_page(admin_client):
    submission = SubmissionFactory()
    page = admin_client.get(f"/admin/contributors/submission/{submission.pk}/change/")
    assert "Voir sur le site" not in page.content.decode()

    columnist = ContributorFactory(kind="guest")
    url = f"/admin/contributors/contributor/{columnist.pk}/change/"
    assert "Voir sur le site" not in admin_client.get(url).content.decode()
    ArticleFactory(authors=[columnist])
    html = admin_client.get(url).content.decode()
    assert f'href="{columnist.get_absolute_url()}" class="viewsitelink"' in html
