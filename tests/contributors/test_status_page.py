"""Confirmation and status links: signed, expiring, private; the "lost your link?" form."""

import re
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from contributors import links
from contributors.models import Submission, SubmissionMessage
from epw.core import signing
from tests.conftest import without_form_tokens
from tests.contributors.files import docx_bytes, upload
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db


# Status links are signed with the second they are made: the clock stands still so that
# the links this test builds are the very ones the site sent.
@time_machine.travel(datetime(2026, 3, 2, 9, 30, tzinfo=UTC), tick=False)
def test_a_get_on_the_confirmation_link_changes_nothing_a_post_confirms(
    client, editor, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(status="unconfirmed", confirmed_at=None)
    url = reverse("contributors:submission_confirm", args=[links.confirm_token(submission)])
    page = client.get(url)
    assert "Je confirme mon adresse" in page.content.decode()
    submission.refresh_from_db()
    assert submission.status == "unconfirmed"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
        again = client.post(url)
    submission.refresh_from_db()
    assert submission.status == "new" and submission.confirmed_at
    assert response["Location"] == again["Location"] == links.status_path(submission)
    # one acknowledgement to the applicant (with the status link), one alert to the editors
    assert len(mail.outbox) == 2
    applicant_mail = next(m for m in mail.outbox if m.to == [submission.email])
    assert links.status_path(submission) in applicant_mail.body
    assert any(m.to == [editor.email] for m in mail.outbox)


def test_unconfirmed_submissions_are_hidden_from_editors(admin_client):
    hidden = SubmissionFactory(status="unconfirmed", title="Pas encore confirmée")
    visible = SubmissionFactory(title="Confirmée")
    page = admin_client.get(reverse("admin:contributors_submission_changelist")).content.decode()
    assert visible.title in page and hidden.title not in page


def test_the_status_page_shows_the_timeline_and_editor_messages_not_internal_notes(client):
    submission = SubmissionFactory(status="changes")
    submission.messages.create(kind="to_applicant", status="changes", body="Raccourcissez.")
    submission.messages.create(kind="note", body="Note secrète de la rédaction")
    page = client.get(links.status_path(submission)).content.decode()
    assert "Raccourcissez." in page
    assert "Note secrète" not in page
    assert "Modifications demandées" in page
    assert "Envoyer la nouvelle version" in page


@pytest.mark.parametrize(
    "mangle",
    [
        lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),
        lambda token: "1.x:" + token.split(":", 1)[1],
        lambda token: "garbage",
        lambda token: token.replace(":", "%3A", 1) + "<script>",
    ],
)
def test_tampered_status_links_are_refused(client, mangle):
    submission = SubmissionFactory()
    url = reverse("contributors:submission_status", args=[mangle(links.status_token(submission))])
    response = client.get(url)
    assert response.status_code == 404
    assert "Lien expiré ou invalide" in response.content.decode()


def test_a_link_naming_another_submission_is_refused(client):
    mine = SubmissionFactory()
    other = SubmissionFactory()
    mine_value, other_value = f"{mine.pk}.{mine.secret}", f"{other.pk}.{mine.secret}"
    token = links.status_token(mine).replace(mine_value, other_value)
    assert client.get(reverse("contributors:submission_status", args=[token])).status_code == 404


def test_expired_status_and_confirmation_links_are_refused(client, settings):
    submission = SubmissionFactory(status="unconfirmed")
    confirm = reverse("contributors:submission_confirm", args=[links.confirm_token(submission)])
    status_path = links.status_path(submission)
    Submission.objects.filter(pk=submission.pk).update(status="new")
    later = timezone.now() + timedelta(seconds=settings.EPW_SUBMISSION_LINK_MAX_AGE + 60)
    with time_machine.travel(later):
        assert client.get(status_path).status_code == 404
        assert client.post(confirm).status_code == 404


def test_links_follow_the_signing_error_convention(settings):
    submission = SubmissionFactory()
    assert Submission.objects.from_link(links.status_key(links.status_token(submission))) == (
        submission
    )
    with pytest.raises(signing.LinkInvalid):
        links.status_key(links.confirm_token(submission))  # made for another purpose
    later = timezone.now() + timedelta(seconds=settings.EPW_SUBMISSION_LINK_MAX_AGE + 60)
    token = links.status_token(submission)
    with time_machine.travel(later), pytest.raises(signing.LinkExpired):
        links.status_key(token)
    key = links.status_key(token)
    Submission.objects.filter(pk=submission.pk).update(secret="rotated")
    with pytest.raises(signing.LinkInvalid):
        Submission.objects.from_link(key)


def test_the_status_page_never_shows_another_applicants_data(client):
    mine = SubmissionFactory(name="Alice", email="alice@example.org", versions=["<p>Texte A</p>"])
    SubmissionFactory(
        name="Bob Secret", email="bob@example.org", title="Titre de Bob", versions=["<p>B</p>"]
    ).messages.create(kind="to_applicant", body="Message pour Bob")
    page = client.get(links.status_path(mine)).content.decode()
    for other in ("Bob Secret", "bob@example.org", "Titre de Bob", "Message pour Bob"):
        assert other not in page
    assert "Texte A" in page


def test_the_applicant_answers_a_change_request_with_a_new_version(
    client, editor, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(status="changes", assigned_to=editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            links.status_path(submission),
            {"message": "Voici la version courte.", "draft_file": upload(
                "v2.docx", docx_bytes("Version deux.")
            )},
        )  # fmt: skip
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "review"
    assert [v.number for v in submission.versions.all()] == [1, 2]
    assert submission.versions.get(number=1).body == "<p>Premier jet du texte.</p>"
    assert submission.versions.get(number=2).body == "<p>Version deux.</p>"
    reply = submission.messages.get(kind=SubmissionMessage.Kind.FROM_APPLICANT)
    assert reply.body == "Voici la version courte."
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert "Voici la version courte." in mail.outbox[0].body
    # Nothing more to send once the revision is in.
    assert "Envoyer la nouvelle version" not in client.get(response["Location"]).content.decode()


def test_a_revision_with_a_bad_file_keeps_the_reply(client):
    submission = SubmissionFactory(status="changes")
    response = client.post(
        links.status_path(submission),
        {"message": "Ma réponse gardée", "draft_file": upload("x.docx", b"<html></html>")},
    )
    assert response.status_code == 200
    assert "Ma réponse gardée" in response.content.decode()
    assert submission.versions.count() == 1


def test_lost_link_answers_the_same_whatever_the_address(
    client, django_capture_on_commit_callbacks
):
    submission = SubmissionFactory(email="alice@example.org")
    SubmissionFactory(email="alice@example.org", status="declined", title="Refusée")
    url = reverse("contributors:lost_link")
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post(url, {"email": "ALICE@example.org"})
        unknown = client.post(url, {"email": "personne@example.org"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert without_form_tokens(client.get(known["Location"]).content) == without_form_tokens(
        client.get(unknown["Location"]).content
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.org"]
    body = mail.outbox[0].body
    assert "{%" not in body
    assert "Refusée" not in body
    # The link is signed with the time it was sent: follow it rather than rebuild it.
    [path] = re.findall(r"https?://[^/\s]+(/devenez-chroniqueur/suivi/\S+)", body)
    page = client.get(path)
    assert page.status_code == 200
    assert submission.title in page.content.decode()


def test_lost_link_is_rate_limited_and_mistakes_count(client, settings):
    settings.EPW_PUBLIC_FORM_LIMITS = {**settings.EPW_PUBLIC_FORM_LIMITS, "lost-link": (4, 3600)}
    url = reverse("contributors:lost_link")
    for typo in ("a@", "pas une adresse", ""):
        assert client.post(url, {"email": typo}).status_code == 200
    assert client.post(url, {"email": "a@example.org"}).status_code == 302
    response = client.post(url, {"email": "gardee@example.org"})
    assert response.status_code == 429
    assert response["Retry-After"]
    assert 'value="gardee@example.org"' in response.content.decode()


@time_machine.travel(datetime(2026, 3, 2, 9, 30, tzinfo=UTC), tick=False)  # links carry the second
def test_a_confirmation_link_opened_again_says_it_is_done_and_leads_to_the_status_page(client):
    submission = SubmissionFactory(status="unconfirmed", confirmed_at=None)
    url = reverse("contributors:submission_confirm", args=[links.confirm_token(submission)])
    client.post(url)
    page = client.get(url).content.decode()
    assert "Votre adresse est déjà confirmée" in page
    assert "Je confirme mon adresse" not in page
    assert f'href="{links.status_path(submission)}"' in page


def test_an_expired_confirmation_link_can_be_replaced_from_the_lost_link_form(
    client, settings, django_capture_on_commit_callbacks
):
    unconfirmed = SubmissionFactory(
        email="alice@example.org", status="unconfirmed", confirmed_at=None, title="À confirmer"
    )
    accepted = SubmissionFactory(email="alice@example.org", status="accepted", title="Acceptée")
    SubmissionFactory(email="alice@example.org", status="published", title="Déjà publiée")
    expired = reverse("contributors:submission_confirm", args=[links.confirm_token(unconfirmed)])
    later = timezone.now() + timedelta(seconds=settings.EPW_SUBMISSION_CONFIRM_MAX_AGE + 60)
    with time_machine.travel(later, tick=False):
        invalid = client.get(expired)
        assert invalid.status_code == 404
        assert reverse("contributors:lost_link") in invalid.content.decode()
        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse("contributors:lost_link"), {"email": "alice@example.org"})
        [message] = mail.outbox
        assert "Déjà publiée" not in message.body
        [status_path] = re.findall(
            r"https?://[^/\s]+(/devenez-chroniqueur/suivi/\S+)", message.body
        )
        [confirm_path] = re.findall(
            r"https?://[^/\s]+(/devenez-chroniqueur/confirmer/\S+)", message.body
        )
        assert message.body.index("Acceptée") < message.body.index(status_path)
        assert message.body.index("À confirmer") < message.body.index(confirm_path)
        assert accepted.title in client.get(status_path).content.decode()
        client.post(confirm_path)
    unconfirmed.refresh_from_db()
    assert unconfirmed.status == "new"


def test_lost_link_tasks_are_given_ids_not_addresses(
    client, settings, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    SubmissionFactory(email="alice@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("alice@example.org", "inconnue@example.org"):
            client.post(reverse("contributors:lost_link"), {"email": email})
    [result] = DBTaskResult.objects.all()
    assert "@" not in str(result.args_kwargs)


def test_the_revision_editor_starts_from_the_latest_version(client):
    submission = SubmissionFactory(
        status="changes", versions=["<p>Premier jet.</p>", "<p>Deuxième version.</p>"]
    )
    page = client.get(links.status_path(submission)).content.decode()
    textarea = re.search(r'<textarea name="body"[^>]*>(.*?)</textarea>', page, re.S).group(1)
    assert "Deuxième version." in textarea and "Premier jet." not in textarea


def test_revisions_have_their_own_rate_limit_and_refused_ones_count(
    client, charter, application_data, settings
):
    limits = {**settings.EPW_PUBLIC_FORM_LIMITS, "application": (2, 3600), "revision": (3, 3600)}
    settings.EPW_PUBLIC_FORM_LIMITS = limits
    for n in range(2):
        client.post(
            reverse("contributors:apply"), {**application_data, "email": f"a{n}@example.org"}
        )
    submission = SubmissionFactory(status="changes")
    url = links.status_path(submission)
    for _attempt in range(2):
        refused = client.post(url, {"message": "Oups", "draft_file": upload("x.docx", b"<html>")})
        assert refused.status_code == 200
    response = client.post(url, {"message": "Voici", "body": "<p>Version deux.</p>"})
    assert response.status_code == 302
    assert submission.versions.count() == 2
    submission.status = "changes"  # the editors ask again
    submission.save(update_fields=["status"])
    again = client.post(url, {"message": "Encore", "body": "<p>Version trois.</p>"})
    assert again.status_code == 429


def test_the_status_page_never_loads_a_remote_image_from_a_stored_draft(client):
    from contributors.models import SubmissionVersion

    submission = SubmissionFactory()
    # A version stored before drafts lost their images.
    SubmissionVersion.objects.filter(submission=submission).update(
        body='<p>Texte <img src="https://tracker.example/p.gif" alt="Photo"></p>'
    )
    page = client.get(links.status_path(submission)).content.decode()
    assert "tracker.example" not in page
    assert "Texte Photo" in page
