"""Applying: the form, uploads, hostile input, spam defences and what the answers reveal."""

import pytest
from django.core import mail
from django.urls import reverse

from contributors.models import Submission
from tests.conftest import without_form_tokens
from tests.contributors.files import docx_bytes, png_bomb_bytes, upload
from tests.contributors.odt_files import odt_bytes
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db
URL = reverse("contributors:apply")


def post(client, data, **files):
    return client.post(URL, {**data, **files})


def test_the_sidebar_call_leads_to_the_call_page_and_the_form(client, charter, about_page):
    home = client.get("/")
    assert reverse("contributors:call").encode() in home.content
    call = client.get(reverse("contributors:call"))
    assert "Devenez chroniqueur" in call.content.decode()
    assert reverse("contributors:apply").encode() in call.content


def test_the_call_page_shows_the_text_editors_wrote(client):
    from tests.factories import PageFactory

    PageFactory(slug="devenez-chroniqueur", title="Rejoignez-nous", body="<p>Texte maison.</p>")
    response = client.get(reverse("contributors:call"))
    assert "Rejoignez-nous" in response.content.decode()
    assert "Texte maison." in response.content.decode()


def test_applying_records_the_charter_version_and_sends_a_confirmation_link(
    client, charter, application_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, application_data)
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.status == Submission.Status.UNCONFIRMED
    assert submission.charter == charter
    assert submission.charter_accepted_at and submission.privacy_accepted_at
    assert submission.versions.get().body == "<p>Mon texte.</p>"
    assert len(mail.outbox) == 1
    assert "/devenez-chroniqueur/confirmer/" in mail.outbox[0].body


def test_a_docx_draft_is_converted_to_html(client, charter, application_data):
    data = {**application_data, "body": ""}
    docx = upload("brouillon.docx", docx_bytes("Premier paragraphe.", "Second <script>"))
    post(client, data, draft_file=docx)
    version = Submission.objects.get().versions.get()
    assert version.body == "<p>Premier paragraphe.</p><p>Second &lt;script&gt;</p>"
    assert version.source_file.name.endswith(".docx")
    assert "brouillon" not in version.source_file.name  # stored under an unguessable name


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("texte.odt", odt_bytes("Un paragraphe ODT."), "<p>Un paragraphe ODT.</p>"),
        ("texte.md", b"# Titre\n\nDu *markdown*.", "<h2>Titre</h2>\n<p>Du <em>markdown</em>.</p>"),
        ("texte.txt", b"Ligne un\n\nLigne <deux>", "<p>Ligne un</p><p>Ligne &lt;deux&gt;</p>"),
    ],
)  # fmt: skip
def test_odt_markdown_and_text_drafts_are_converted(
    client, charter, application_data, name, data, expected
):
    post(client, {**application_data, "body": ""}, draft_file=upload(name, data))
    assert Submission.objects.get().versions.get().body == expected


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("piege.docx", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
        ("piege.md", b"<html><body>hello</body></html>"),
        ("piege.txt", b"binary\x00data"),
        ("piege.odt", docx_bytes("Un .docx renommé en .odt")),
        ("piege.pdf", b"%PDF-1.4"),
    ],
)
def test_files_are_sniffed_by_content_not_by_name(client, charter, application_data, name, data):
    response = post(client, {**application_data, "body": ""}, draft_file=upload(name, data))
    assert response.status_code == 200
    assert "Format non reconnu" in response.content.decode()
    assert Submission.objects.count() == 0


def test_an_oversized_file_is_refused_and_the_input_kept(
    client, charter, application_data, settings
):
    settings.EPW_SUBMISSION_MAX_UPLOAD_BYTES = 1024
    big = upload("long.txt", b"mot " * 1000)
    response = post(client, application_data, draft_file=big)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Le fichier dépasse" in content
    assert 'value="Chloé Martin"' in content
    assert "Écrire une newsletter qu’on lit" in content
    assert Submission.objects.count() == 0


def test_a_zip_bomb_docx_is_refused(client, charter, application_data, settings):
    settings.EPW_SUBMISSION_MAX_UNPACKED_BYTES = 10_000
    bomb = upload("bombe.docx", docx_bytes("a" * 50_000))
    response = post(client, {**application_data, "body": ""}, draft_file=bomb)
    assert response.status_code == 200
    assert Submission.objects.count() == 0


def test_a_decompression_bomb_photo_is_refused(client, charter, application_data):
    photo = upload("moi.png", png_bomb_bytes(), "image/png")
    response = post(client, application_data, photo=photo)
    assert response.status_code == 200
    assert "L’image est trop grande" in response.content.decode()
    assert Submission.objects.count() == 0


def test_the_photo_is_re_encoded(client, charter, application_data):
    from io import BytesIO

    from PIL import Image

    output = BytesIO()
    Image.new("RGB", (40, 40), "red").save(output, "JPEG", comment=b"secret camera")
    post(client, application_data, photo=upload("moi.jpg", output.getvalue(), "image/jpeg"))
    photo = Submission.objects.get().photo
    with Image.open(photo.path) as image:
        assert image.format == "JPEG"
        assert "comment" not in image.info


def test_hostile_html_in_a_pasted_draft_is_removed(client, charter, application_data):
    hostile = (
        '<p onclick="steal()">Texte<script>alert(1)</script></p>'
        '<img src="javascript:alert(1)" onerror="x()"><a href="javascript:x()">lien</a>'
        "<style>body{}</style><iframe src='https://evil.example'></iframe>"
    )
    post(client, {**application_data, "body": hostile})
    body = Submission.objects.get().versions.get().body
    for bad in ("script", "onclick", "onerror", "javascript:", "iframe", "style"):
        assert bad not in body
    assert "Texte" in body


@pytest.mark.parametrize(
    "value",
    ["Chloé\r\nBcc: x@example.org", "a" * 100_000, "\u200b\u202eNom", "<b>Nom</b>"],
)
def test_hostile_input_never_breaks_the_form(client, charter, application_data, value):
    response = post(client, {**application_data, "name": value, "title": value})
    assert response.status_code in (302, 200)
    submission = Submission.objects.first()
    if submission:
        assert "\n" not in submission.name and "\r" not in submission.title


def test_nul_bytes_are_refused_with_a_message(client, charter, application_data):
    response = post(client, {**application_data, "name": "Chlo\x00é"})
    assert response.status_code == 200
    assert Submission.objects.count() == 0


def test_missing_draft_and_consent_are_explained_next_to_the_fields(client, charter):
    response = client.post(URL, {"name": "X"})
    content = response.content.decode()
    assert response.status_code == 200
    assert 'id="error-body"' in content
    assert 'id="error-accept_charter"' in content
    assert 'aria-describedby="help-email error-email"' in content


def test_a_double_submit_creates_one_submission(
    client, charter, application_data, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = post(client, application_data)
        second = post(client, application_data)
    assert first.status_code == second.status_code == 302
    assert Submission.objects.count() == 1


def test_the_honeypot_silently_drops_robots(client, charter, application_data):
    response = post(client, {**application_data, "honeypot": "http://spam.example"})
    assert response.status_code == 302
    assert Submission.objects.count() == 0
    assert mail.outbox == []


def test_rate_limit_per_client_address_keeps_the_input(client, charter, application_data, settings):
    settings.EPW_PUBLIC_FORM_LIMITS = {**settings.EPW_PUBLIC_FORM_LIMITS, "application": (2, 3600)}
    for n in range(2):
        post(client, {**application_data, "email": f"a{n}@example.org"})
    response = post(client, {**application_data, "email": "a9@example.org"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "réessayez dans 60 minutes" in page
    assert 'value="a9@example.org"' in page
    assert Submission.objects.count() == 2


def test_past_the_attempts_per_e_mail_address_the_answer_is_the_same(
    client, charter, application_data, settings
):
    settings.EPW_PUBLIC_FORM_LIMITS = {**settings.EPW_PUBLIC_FORM_LIMITS, "address": (2, 3600)}
    for n in range(2):
        post(client, {**application_data, "title": f"Titre {n}"}, REMOTE_ADDR=f"10.0.0.{n}")
    response = client.post(URL, {**application_data, "title": "Titre 9"}, REMOTE_ADDR="10.0.0.9")
    assert response.status_code == 302
    assert response["Location"] == reverse("contributors:apply_done")
    assert Submission.objects.count() == 2


def test_open_submissions_per_address_are_capped_without_saying_so(
    client, charter, application_data, settings, django_capture_on_commit_callbacks
):
    settings.EPW_SUBMISSION_MAX_OPEN = 1
    SubmissionFactory(email="chloe@example.org", title="Déjà en cours")
    with django_capture_on_commit_callbacks(execute=True):
        known = post(client, application_data)
        unknown = post(client, {**application_data, "email": "nouvelle@example.org"})
    assert Submission.objects.for_address("chloe@example.org").count() == 1
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    # The owner of the address (only) learns why, by e-mail.
    to_known = [m for m in mail.outbox if m.to == ["chloe@example.org"]]
    assert len(to_known) == 1 and "Déjà en cours" in to_known[0].body


def test_the_answer_is_the_same_for_a_known_and_an_unknown_address(
    client, charter, application_data
):
    SubmissionFactory(email="chloe@example.org")
    known = post(client, application_data)
    unknown = post(client, {**application_data, "email": "inconnue@example.org"})
    assert known.status_code == unknown.status_code
    assert known["Location"] == unknown["Location"]
    page_known = without_form_tokens(client.get(known["Location"]).content)
    page_unknown = without_form_tokens(client.get(unknown["Location"]).content)
    assert page_known == page_unknown


def test_a_docx_with_xml_entities_is_refused(client, charter, application_data):
    import zipfile
    from io import BytesIO

    source = zipfile.ZipFile(BytesIO(docx_bytes("x")))
    output = BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for name in source.namelist():
            if name != "word/document.xml":
                archive.writestr(name, source.read(name))
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
            '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><d>&b;</d>',
        )
    response = post(
        client, {**application_data, "body": ""}, draft_file=upload("x.docx", output.getvalue())
    )
    assert "Format non reconnu" in response.content.decode()
    assert Submission.objects.count() == 0


@pytest.mark.parametrize(
    "value",
    ["a@example.org\r\nBcc: b@example.org", "\x00@example.org", "x" * 10_000, "<script>@x.org"],
)
def test_hostile_addresses_on_the_lost_link_form_get_a_french_error(client, value):
    response = client.post(reverse("contributors:lost_link"), {"email": value})
    assert response.status_code == 200
    assert 'id="error-email"' in response.content.decode()
    assert mail.outbox == []


@pytest.mark.parametrize("token", ["%00", "a" * 5000, "1.x:y:z", "‮abc", "..%2F..%2F"])
def test_hostile_tokens_never_break_the_links(client, token):
    for name in ("contributors:submission_status", "contributors:submission_confirm"):
        assert client.get(reverse(name, args=[token])).status_code == 404
        assert client.post(reverse(name, args=[token])).status_code == 404


def test_unconfirmed_submissions_do_not_use_up_an_address_quota(
    client, charter, application_data, settings
):
    settings.EPW_SUBMISSION_MAX_OPEN = 1
    SubmissionFactory(email="chloe@example.org", status="unconfirmed", title="Pas de moi")
    post(client, application_data)
    assert Submission.objects.for_address("chloe@example.org").count() == 2


def test_a_draft_version_is_sanitised_however_it_is_written(db):
    from contributors.models import SubmissionVersion
    from tests.factories import SubmissionFactory

    submission = SubmissionFactory(versions=["<p>Premier jet.</p>"])
    version = SubmissionVersion.objects.create(
        submission=submission, number=2, body='<p onclick="x()">Texte<script>alert(1)</script></p>'
    )
    version.refresh_from_db()
    assert version.body == "<p>Texte</p>"


def test_an_animated_photo_of_many_large_frames_is_refused(client, charter, application_data):
    from tests.contributors.files import animated_gif_bytes

    photo = upload("moi.gif", animated_gif_bytes(2000, 2000, 11), "image/gif")
    response = post(client, application_data, photo=photo)
    assert response.status_code == 200
    assert "L’image est trop grande (plus de 40 millions de pixels)." in response.content.decode()
    assert Submission.objects.count() == 0


def test_docx_headings_move_one_level_down_and_none_is_lost(client, charter, application_data):
    docx = docx_bytes(
        ("Heading1", "Grand titre"),
        "Un paragraphe.",
        ("Heading2", "Sous-titre"),
        ("Heading6", "Tout petit titre"),
        "Fin.",
    )
    post(client, {**application_data, "body": ""}, draft_file=upload("texte.docx", docx))
    assert Submission.objects.get().versions.get().body == (
        "<h2>Grand titre</h2><p>Un paragraphe.</p><h3>Sous-titre</h3>"
        "<h6>Tout petit titre</h6><p>Fin.</p>"
    )


def test_markdown_headings_move_one_level_down_and_none_is_lost(client, charter, application_data):
    text = b"# Titre\nUn paragraphe.\n\n## Partie\n\n###### Note\n\nFin."
    post(client, {**application_data, "body": ""}, draft_file=upload("texte.md", text))
    body = Submission.objects.get().versions.get().body
    assert body == (
        "<h2>Titre</h2>\n<p>Un paragraphe.</p>\n<h3>Partie</h3>\n<h6>Note</h6>\n<p>Fin.</p>"
    )


def test_a_pasted_plain_text_draft_keeps_its_paragraphs_and_line_breaks(
    client, charter, application_data
):
    text = "Premier paragraphe,\r\nsur deux lignes.\r\n\r\nSecond paragraphe <3 & fin."
    post(client, {**application_data, "body": text})
    assert Submission.objects.get().versions.get().body == (
        "<p>Premier paragraphe,<br>sur deux lignes.</p><p>Second paragraphe &lt;3 &amp; fin.</p>"
    )


def test_a_plain_text_draft_about_html_keeps_its_tags_as_text(client, charter, application_data):
    text = "Soignez la balise <title>.\n\nPuis les intertitres <h2> & <h3>."
    post(client, {**application_data, "body": text})
    assert Submission.objects.get().versions.get().body == (
        "<p>Soignez la balise &lt;title&gt;.</p>"
        "<p>Puis les intertitres &lt;h2&gt; &amp; &lt;h3&gt;.</p>"
    )


@pytest.mark.parametrize(
    ("body", "files"),
    [
        (
            '<p>Voir <img src="https://tracker.example/pixel.gif" alt="Le graphique des ventes">'
            " ci-dessus.</p>",
            {},
        ),
        (
            "",
            {
                "draft_file": upload(
                    "texte.md",
                    b"Voir ![Le graphique des ventes](https://tracker.example/pixel.gif)"
                    b" ci-dessus.",
                )
            },
        ),
    ],
    ids=["pasted", "markdown"],
)
def test_drafts_keep_no_image_only_its_alternative_text(
    client, charter, application_data, body, files
):
    post(client, {**application_data, "body": body}, **files)
    stored = Submission.objects.get().versions.get().body
    assert "<img" not in stored and "tracker.example" not in stored
    assert stored == "<p>Voir Le graphique des ventes ci-dessus.</p>"


def test_refused_attempts_count_toward_the_rate_limit(client, charter, application_data, settings):
    settings.EPW_PUBLIC_FORM_LIMITS = {**settings.EPW_PUBLIC_FORM_LIMITS, "application": (3, 3600)}
    for _attempt in range(3):
        refused = post(client, {**application_data, "title": ""})
        assert refused.status_code == 200
    limited = post(client, {**application_data, "title": "Enfin complet"})
    assert limited.status_code == 429
    assert 'value="Enfin complet"' in limited.content.decode()
    assert Submission.objects.count() == 0


def test_without_any_charter_version_the_form_is_closed(client, application_data):
    page = client.get(URL).content.decode()
    assert "Les propositions ouvriront dès que la rédaction aura publié sa charte" in page
    assert "accept_charter" not in page and '<form method="post" enctype' not in page
    assert (
        "Proposer un article</a>" not in client.get(reverse("contributors:call")).content.decode()
    )
    response = post(client, application_data)
    assert response.status_code == 200
    assert Submission.objects.count() == 0


def test_files_sent_with_a_refused_form_are_asked_for_again(client, charter, application_data):
    from io import BytesIO

    from PIL import Image

    photo = BytesIO()
    Image.new("RGB", (20, 20), "red").save(photo, "GIF")
    response = post(
        client,
        {**application_data, "name": ""},
        photo=upload("moi.gif", photo.getvalue(), "image/gif"),
        draft_file=upload("texte.docx", docx_bytes("Mon texte.")),
    )
    page = response.content.decode()
    assert response.status_code == 200
    for name in ("photo", "draft_file"):
        assert f'id="dropped-{name}"' in page
        assert f'aria-describedby="help-{name} dropped-{name}"' in page
    assert page.count("joignez de nouveau votre fichier") == 2


def test_the_photo_input_accepts_gif_as_its_help_text_says(client, charter):
    page = client.get(URL).content.decode()
    assert 'accept="image/jpeg,image/png,image/webp,image/gif"' in page
    assert "JPEG, PNG, WebP ou GIF" in page


def test_the_file_size_limit_is_written_like_the_help_text(
    client, charter, application_data, settings
):
    settings.EPW_SUBMISSION_MAX_UPLOAD_BYTES = 1024 * 1024
    big = upload("long.txt", b"mot " * 300_000)
    page = post(client, application_data, draft_file=big).content.decode()
    assert "Le fichier dépasse 1 Mo." in page
    assert "1 Mo au plus" in page


def test_applying_several_times_before_confirming_cannot_pass_the_open_limit(
    client, charter, application_data, settings, django_capture_on_commit_callbacks
):
    from contributors import links

    settings.EPW_SUBMISSION_MAX_OPEN = 2
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(3):
            post(client, {**application_data, "title": f"Titre {n}"}, REMOTE_ADDR=f"10.0.1.{n}")
    submissions = list(Submission.objects.order_by("pk"))
    assert [item.status for item in submissions] == ["unconfirmed"] * 3
    answers = [
        client.post(reverse("contributors:submission_confirm", args=[links.confirm_token(item)]))
        for item in submissions
    ]
    assert [answer.status_code for answer in answers] == [302, 302, 409]
    page = answers[2].content.decode()
    assert "Vous avez déjà 2 propositions entre les mains de la rédaction" in page
    assert "« Titre 2 » ne lui a donc pas été transmise" in page
    assert [item.status for item in Submission.objects.order_by("pk")] == [
        "new",
        "new",
        "unconfirmed",
    ]


def test_an_address_is_stored_and_matched_in_one_form(charter, application_data):
    from contributors import services

    values = {name: application_data[name] for name in ("name", "bio", "title", "standfirst")}
    submission = services.submission_apply(
        **values, email=" Chloe@Example.ORG ", body=application_data["body"]
    )
    assert submission.email == "chloe@example.org"
    assert list(Submission.objects.for_address("CHLOE\u200b@example.org")) == [submission]
    again = services.submission_apply(**values, email="chloe@EXAMPLE.org", body="<p>Bis.</p>")
    assert again is None and Submission.objects.count() == 1
