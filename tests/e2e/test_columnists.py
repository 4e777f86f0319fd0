"""A prospective columnist, from "Ça m'intéresse" to their published article, in a browser."""

import re

import pytest
from django.core import mail

from contributors.models import Submission
from tests.contributors.files import docx_bytes
from tests.factories import CharterVersionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def link_in_last_mail(to: str, base: str) -> str:
    message = [m for m in mail.outbox if m.to == [to]][-1]
    url = re.search(r"https?://\S+/devenez-chroniqueur/\S+/", message.body).group(0)
    return url.replace(base, "")


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        "editrice", "editrice@example.org", "mot-de-passe-solide"
    )


def test_an_applicant_becomes_a_published_columnist(open_tab, page, live_server, editor, settings):
    settings.EPW_SITE_URL = live_server.url
    CharterVersionFactory(version=1)
    first_draft = docx_bytes("Écrire pour être lu.", "Un paragraphe à raccourcir, bien trop long.")
    assert mail.outbox == []

    # The applicant answers the call.
    page.goto("/")
    page.get_by_role("link", name="Ça m’intéresse").click()
    page.wait_for_url("**/devenez-chroniqueur/")
    page.get_by_role("link", name="Proposer un article").click()
    page.wait_for_url("**/devenez-chroniqueur/proposer/")
    page.fill("#id_name", "Chloé Martin")
    page.fill("#id_email", "chloe@example.org")
    page.fill("#id_bio", "Rédactrice web à Lyon, passionnée de newsletters.")
    page.fill("#id_website", "https://chloe.example.org")
    page.fill("#id_title", "La newsletter qu’on a envie d’ouvrir")
    page.fill("#id_standfirst", "Trois règles pour être lu chaque mois.")
    page.set_input_files(
        "#id_draft_file", {"name": "brouillon.docx", "mimeType": DOCX, "buffer": first_draft}
    )
    page.check("#id_accept_charter")
    page.check("#id_accept_privacy")
    page.get_by_role("button", name="Envoyer ma proposition").click()
    page.wait_for_url("**/devenez-chroniqueur/merci/")
    submission = Submission.objects.get()
    assert submission.versions.get().body.startswith("<p>Écrire pour être lu.</p>")

    # The address is confirmed from the e-mail; the private status page follows.
    page.goto(link_in_last_mail("chloe@example.org", live_server.url))
    page.get_by_role("button", name="Je confirme mon adresse").click()
    page.wait_for_url("**/devenez-chroniqueur/suivi/**")
    status_path = page.url.replace(live_server.url, "")
    assert "Nouvelle" in page.locator(".submission-status__badge").inner_text()

    # The editor asks for changes, editing the prefilled message.
    admin = open_tab()
    admin.goto("/admin/login/")
    admin.fill("#id_username", "editrice")
    admin.fill("#id_password", "mot-de-passe-solide")
    admin.get_by_role("button", name="Connexion").click()
    admin.goto(f"/admin/contributors/submission/{submission.pk}/change/")
    admin.get_by_role("link", name="Demander des modifications").click()
    message = admin.locator("#id_message")
    assert "Bonjour Chloé Martin" in message.input_value()
    message.fill("Bonjour Chloé, raccourcissez le deuxième paragraphe, merci !")
    admin.get_by_role("button", name="Demander des modifications").click()
    admin.wait_for_url(f"**/admin/contributors/submission/{submission.pk}/change/")

    # The applicant reads the request on the status page and sends a revision.
    page.goto(status_path)
    assert "raccourcissez le deuxième paragraphe" in page.content()
    page.fill("#id_message", "C’est fait, voici la version courte.")
    revised = docx_bytes("Écrire pour être lu.", "Un paragraphe court.")
    page.set_input_files(
        "#id_draft_file", {"name": "version-2.docx", "mimeType": DOCX, "buffer": revised}
    )
    page.get_by_role("button", name="Envoyer la nouvelle version").click()
    page.wait_for_url("**?envoye=1")
    assert "En relecture" in page.locator(".submission-status__badge").inner_text()

    # The editor sees the difference and accepts.
    admin.goto(f"/admin/contributors/submission/{submission.pk}/change/")
    assert "+Un paragraphe court." in admin.locator(".submission-diff").inner_text()
    admin.get_by_role("link", name="Accepter").click()
    admin.get_by_role("button", name="Accepter").click()
    admin.wait_for_url(f"**/admin/contributors/submission/{submission.pk}/change/")
    submission.refresh_from_db()
    article = submission.article
    assert article is not None and article.status == "draft"

    # The editor publishes the resulting article from its admin page.
    admin.goto(f"/admin/blog/article/{article.pk}/change/")
    admin.get_by_role("button", name="Publier maintenant").click()
    admin.wait_for_url(f"**/admin/blog/article/{article.pk}/change/")
    article.refresh_from_db()
    assert article.status == "published"

    # The columnist is told, and their public page lists the article.
    published_mail = [m for m in mail.outbox if m.to == ["chloe@example.org"]][-1]
    assert article.get_absolute_url() in published_mail.body
    page.goto(status_path)
    page.get_by_role("link", name="Lire l’article publié").click()
    page.wait_for_url(f"**{article.get_absolute_url()}")
    page.locator(".article__header").get_by_role("link", name="Chloé Martin").click()
    page.wait_for_url("**/auteurs/chloe-martin/")
    assert "Chloé Martin" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_role("link", name="La newsletter qu’on a envie d’ouvrir").count() >= 1
    assert page.errors == []


def test_columnist_pages_pass_automated_accessibility_checks(page, live_server):
    from axe_playwright_python.sync_playwright import Axe

    from contributors import links
    from tests.factories import SubmissionFactory

    submission = SubmissionFactory(status="changes")
    submission.messages.create(kind="to_applicant", status="changes", body="Plus court, merci.")
    axe = Axe()
    for path in (
        "/devenez-chroniqueur/",
        "/devenez-chroniqueur/proposer/",
        "/devenez-chroniqueur/lien-perdu/",
        links.status_path(submission),
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        if page.locator("textarea#id_body").count():
            # The rich-text editor replaces its textarea once its module has loaded.
            page.wait_for_selector("[contenteditable][aria-labelledby]")
        results = axe.run(page, options={"runOnly": ["wcag2a", "wcag2aa"]})
        serious = [
            violation["id"]
            for violation in results.response["violations"]
            if violation["impact"] in {"serious", "critical"}
        ]
        assert serious == [], f"{path}: {serious}"
