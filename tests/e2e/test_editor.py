"""An editor's working day in a real browser: write, tag, illustrate, preview, schedule."""

import io
import re
from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone
from PIL import Image

from blog.models import Article
from epw.roles import EDITOR_IN_CHIEF, WRITER
from tests.factories import ArticleFactory, ContributorFactory, StaffUserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "mot-de-passe-solide"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (48, 32), "teal").save(buffer, "PNG")
    return buffer.getvalue()


def log_in(page, user):
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def test_an_editor_writes_previews_and_schedules_an_article(page, live_server):
    chief = StaffUserFactory(role=EDITOR_IN_CHIEF)
    author = ContributorFactory(display_name="Louise Plume")
    ArticleFactory(tags=["Typographie"])
    log_in(page, chief)

    page.goto("/admin/blog/article/add/")
    page.locator("#id_title").press_sequentially("Les titres qui tiennent leurs promesses")
    assert page.input_value("#id_slug") == "les-titres-qui-tiennent-leurs-promesses"
    page.fill("#id_standfirst", "Un bon titre dit ce que l’article apporte.")
    editor = page.locator(".ProseMirror[contenteditable=true]")
    editor.click()
    page.keyboard.type("Un titre promet ; l’article tient parole.")
    page.keyboard.press("Enter")
    page.keyboard.type("Deuxième paragraphe, ")
    page.keyboard.press("Control+b")
    page.keyboard.type("écrit")
    page.keyboard.press("Control+b")
    page.keyboard.type(" dans l’éditeur.")
    # The toolbar names its buttons in French, for screen readers too.
    toolbar = page.locator(".prose-menubar")
    assert toolbar.get_by_role("button", name="Gras", exact=True).get_attribute("title") == "Gras"
    assert toolbar.locator(".prose-menubar__option h2").text_content() == "Intertitre de niveau 2"
    assert toolbar.get_by_role("button", name="bold").count() == 0
    page.select_option("#id_authors_from", label=author.display_name)
    page.click("#id_authors_add")

    page.locator("#id_tags").press_sequentially("Titres, Typo")
    suggestion = page.locator("#id_tags_suggestions option").first
    suggestion.wait_for(state="attached")
    assert suggestion.get_attribute("value") == "Titres, Typographie"
    page.fill("#id_tags", "Titres, Typographie")

    page.set_input_files(
        "#id_cover", files=[{"name": "plume.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    page.fill("#id_cover_alt", "Une plume posée sur un carnet")
    at = timezone.localtime(timezone.now() + timedelta(hours=2)).replace(second=0, microsecond=0)
    page.fill("#id_published_at_0", at.strftime("%d/%m/%Y"))
    page.fill("#id_published_at_1", at.strftime("%H:%M:%S"))
    page.get_by_role("button", name="Programmer").click()
    page.wait_for_url("**/admin/blog/article/*/change/")
    assert page.locator(".messagelist .success").count() == 1, page.content()[:3000]

    article = Article.objects.get(slug="les-titres-qui-tiennent-leurs-promesses")
    assert article.status == Article.Status.SCHEDULED and article.published_at == at
    assert set(article.tags.names()) == {"Titres", "Typographie"}
    assert "<p>Deuxième paragraphe, <strong>écrit</strong> dans l’éditeur.</p>" in article.body
    assert article.cover and article.cover_alt == "Une plume posée sur un carnet"
    # The checks saw the missing non-breaking space before the semicolon.
    assert page.locator('[data-check="french_spaces"]').count() == 1

    preview_url = page.get_by_role("link", name="Aperçu").get_attribute("href")
    page.goto(preview_url)
    assert page.locator(".preview-banner").is_visible()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Les titres")
    assert page.locator(".article__cover img").get_attribute("alt") == article.cover_alt

    public = page.goto(article.get_absolute_url())
    assert public.status == 404
    with time_machine.travel(at + timedelta(minutes=1)):
        public = page.goto(article.get_absolute_url())
        assert public.status == 200
        assert page.locator(".preview-banner").count() == 0
        assert "Deuxième paragraphe" in page.locator(".article__body").inner_text()
    # Only the deliberate visit before the publication date (and the favicon) may 404.
    assert [e for e in page.errors if "404 (Not Found)" not in e] == []


def test_a_writer_has_no_publish_button_and_a_forged_publish_is_refused(page, live_server):
    writer = StaffUserFactory(role=WRITER)
    article = ArticleFactory(status=Article.Status.REVIEW, published_at=None, created_by=writer)
    log_in(page, writer)
    page.goto(f"/admin/blog/article/{article.pk}/change/")
    assert page.get_by_role("button", name="Publier maintenant").count() == 0
    assert page.get_by_role("button", name="Programmer").count() == 0
    with page.expect_navigation():
        page.evaluate(
            """() => {
                const form = document.getElementById("article_form");
                const input = Object.assign(document.createElement("input"),
                    {type: "hidden", name: "_transition", value: "publish"});
                form.append(input);
                form.requestSubmit();
            }"""
        )
    assert "pas le droit" in page.locator(".errorlist.nonfield").inner_text()
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_a_schedule_in_the_past_is_refused_and_the_typed_text_stays(page, live_server):
    chief = StaffUserFactory(role=EDITOR_IN_CHIEF)
    article = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    log_in(page, chief)
    page.goto(f"/admin/blog/article/{article.pk}/change/")
    page.fill("#id_title", "Un titre retravaillé")
    page.fill("#id_published_at_0", "01/01/2020")
    page.fill("#id_published_at_1", "10:00:00")
    with page.expect_navigation():
        page.get_by_role("button", name="Programmer").click()
    assert "dans le futur" in page.locator(".errorlist.nonfield").inner_text()
    assert page.input_value("#id_title") == "Un titre retravaillé"
    assert page.input_value("#id_published_at_0") == "01/01/2020"
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.REVIEW, None)

    # The editor gives a future date: the same page now schedules, with the new title.
    at = timezone.localtime(timezone.now() + timedelta(days=1)).replace(second=0, microsecond=0)
    page.fill("#id_published_at_0", at.strftime("%d/%m/%Y"))
    page.fill("#id_published_at_1", at.strftime("%H:%M:%S"))
    page.get_by_role("button", name="Programmer").click()
    page.wait_for_url(f"**/admin/blog/article/{article.pk}/change/")
    assert page.locator(".messagelist .success").count() == 1
    article.refresh_from_db()
    assert (article.status, article.published_at) == (Article.Status.SCHEDULED, at)
    assert article.title == "Un titre retravaillé"

    # Its preview shows no comment form nor share links until it is published.
    page.goto(f"/apercu/{article.pk}/")
    assert page.locator("#comment-form").count() == 0
    assert page.locator(".share").count() == 0
    assert page.get_by_text("Les commentaires s’ouvriront à la publication").is_visible()


def test_a_writer_places_a_new_library_image_in_a_body(page, live_server):
    writer = StaffUserFactory(role=WRITER)
    article = ArticleFactory(
        status=Article.Status.DRAFT, body="<p>Avant l’image.</p>", created_by=writer
    )
    log_in(page, writer)
    page.goto(f"/admin/blog/article/{article.pk}/change/")
    page.locator(".ProseMirror[contenteditable=true]").click()
    page.keyboard.press("Control+End")
    page.locator(".prose-menubar").get_by_role("button", name="Image", exact=True).click()
    dialog = page.locator("dialog[open]")

    # "Parcourir…" opens the library, where the writer sends a new picture and chooses it.
    with page.expect_popup() as opened:
        dialog.get_by_role("button", name="Parcourir...").click()
    picker = opened.value
    picker.set_input_files(
        "#id_file", files=[{"name": "carnet.png", "mimeType": "image/png", "buffer": png_bytes()}]
    )
    picker.fill("#id_alt_text", "Un carnet ouvert sur une table")
    picker.fill("#id_caption", "Le carnet de notes")
    # The new image is chosen at once and the library closes, handing it to the dialog.
    with picker.expect_event("close"):
        picker.get_by_role("button", name="Envoyer et choisir").click()

    assert dialog.locator("input[name=altText]").input_value() == "Un carnet ouvert sur une table"
    assert "/media/" in dialog.locator("input[name=imageUrl]").input_value()
    dialog.get_by_role("button", name="Insérer").click()
    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    page.wait_for_url("**/change/")

    article.refresh_from_db()
    assert '<figure><img src="/media/' in article.body
    assert 'alt="Un carnet ouvert sur une table"' in article.body
    assert "<figcaption>Le carnet de notes</figcaption>" in article.body
    src = re.search(r'<img src="([^"]+)"', article.body).group(1)
    assert page.request.get(src).status == 200
