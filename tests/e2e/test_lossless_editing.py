"""Opening a body in the editor, typing one word and saving keeps everything else as it was.

The corpus is what bodies really come from: the demo articles, WordPress imports, and drafts
converted from .docx, .odt and .md files.
"""

from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from PIL import Image

from blog.models import Article
from contributors.converters import convert_upload
from epw.demo.seed import seed_demo
from epw.roles import EDITOR_IN_CHIEF
from tests.contributors.odt_files import rich_odt_bytes
from tests.e2e.conftest import wait_for
from tests.e2e.documents import docx_with_everything
from tests.e2e.normalise import html_tree
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PASSWORD = "mot-de-passe-solide"
WORD = " Relu"
FIXTURES = Path(__file__).parent / "fixtures"
WORDPRESS_FIXTURES = Path(__file__).parents[1] / "blog" / "wordpress" / "fixtures"
WORDPRESS = [
    FIXTURES / "riche.xml",
    WORDPRESS_FIXTURES / "ecrire-pour-le-web.xml",
    WORDPRESS_FIXTURES / "codes-courts.xml",
]
MARKDOWN = """# Un brouillon en Markdown

Un paragraphe avec H<sub>2</sub>O, 10<sup>3</sup> et du `code`.

## Une section

#### Un niveau quatre

##### Un niveau cinq, qui devient six

    def saluer(nom):
        return f"Bonjour {nom}"

<table>
<thead><tr><th scope="col">Format</th><th scope="col">Lu par</th></tr></thead>
<tbody><tr><td>Markdown</td><td>Python-Markdown</td></tr>
<tr><td colspan="2">Fusionnée</td></tr></tbody>
</table>

1. Premier point
2. Second point

> Une citation.

Le dernier paragraphe.
"""


# The caret after the body's last character, where a click at the end of the text puts it.
END_OF_TEXT = """() => {
    let end = null;
    window.editor.state.doc.descendants((node, position) => {
        if (node.isTextblock && node.textContent.trim()) end = position + node.nodeSize - 1;
    });
    window.editor.chain().focus().setTextSelection(end).run();
}"""


def log_in(page, user):
    page.goto("/admin/login/")
    page.fill("#id_username", user.username)
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")


def edit_once(page, article: Article) -> str:
    """Type WORD at the end of the body in the editor, save, and return the stored body."""
    page.goto(f"/admin/blog/article/{article.pk}/change/")
    wait_for(page, "window.editor")
    page.evaluate(END_OF_TEXT)
    wait_for(page, "document.activeElement.matches('.ProseMirror')")
    page.keyboard.type(WORD)
    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    page.wait_for_url(f"**/admin/blog/article/{article.pk}/change/")
    assert page.locator(".messagelist .success").count() == 1, page.content()[:3000]
    article.refresh_from_db()
    return article.body


def assert_lossless(page, articles):
    """Every article keeps its body but for the typed word; all differences are reported."""
    assert articles
    originals = {article.pk: article.body for article in articles}
    failures = []
    for article in articles:
        saved = edit_once(page, article)
        if saved.count(WORD) != originals[article.pk].count(WORD) + 1:
            failures.append(f"{article.slug}: the typed word is missing\n{saved}")
        elif html_tree(saved.replace(WORD, "", 1)) != html_tree(originals[article.pk]):
            failures.append(f"{article.slug}:\n{originals[article.pk]}\n---\n{saved}")
    assert not failures, "\n\n".join(failures)
    assert [error for error in page.errors if "404 (Not Found)" not in error] == []


@pytest.fixture
def editor_page(page, live_server):
    log_in(page, StaffUserFactory(role=EDITOR_IN_CHIEF))
    page.add_init_script(
        "addEventListener('prose-editor:ready', (event) => window.editor = event.detail.editor)"
    )
    return page


def test_demo_articles_survive_an_edit(editor_page):
    seed_demo()
    assert_lossless(editor_page, list(Article.objects.order_by("pk")))


def test_wordpress_imports_survive_an_edit(editor_page, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    uploads = tmp_path / "uploads"
    for name, size in [("2021/03/plume.jpg", (64, 43)), ("2021/04/carnet.png", (30, 20)),
                       ("2022/05/page.jpg", (64, 43)), ("2022/05/crayon.png", (30, 20)),
                       ("2022/05/trait.png", (30, 4)), ("2023/01/manuscrit.jpg", (64, 43)),
                       ("2023/01/carnet.jpg", (64, 43)),
                       ("2023/01/crayon.png", (30, 20))]:  # fmt: skip
        (uploads / name).parent.mkdir(parents=True, exist_ok=True)
        Image.new("RGB", size, "#c9b28f").save(uploads / name)
    for name in ("episode-1.mp3", "episode-2.ogg", "entretien.wav", "film.mp4"):
        (uploads / "2023" / "01" / name).write_bytes(b"\x00" * 64)
    for export in WORDPRESS:
        call_command(
            "import_wordpress", str(export), "--media-dir", str(uploads),
            "--report", str(tmp_path / "rapport.txt"), stdout=StringIO(), stderr=StringIO(),
        )  # fmt: skip
    articles = list(Article.objects.order_by("pk"))
    rich = Article.objects.get(slug="tout").body
    # What the import gives today, and what the editor must keep.
    for expected in ("<caption>", "<tfoot>", 'colspan="2"', 'scope="row"', "<h5>", "<h6>",
                     "<pre>", "<sub>", "<abbr", "<dl>", "youtube.com/watch?v=dQw4w9WgXcQ",
                     "youtube.com/watch?v=9bZkp7q19f0"):  # fmt: skip
        assert expected in rich
    assert rich.count("<img") == 4  # the captioned image, the two of the gallery, the inline one
    assert rich.count('<figure data-embed="youtube">') == 2  # [embed] and the bare address
    # Every shortcode of codes-courts.xml: captions, galleries, players, playlists, embeds.
    assert sum('<figure data-embed="audio">' in article.body for article in articles) == 2
    assert_lossless(editor_page, articles)


def test_converted_drafts_survive_an_edit(editor_page):
    uploads = [
        SimpleUploadedFile("brouillon.docx", docx_with_everything()),
        SimpleUploadedFile("brouillon.md", MARKDOWN.encode()),
        SimpleUploadedFile("brouillon.odt", rich_odt_bytes()),
    ]
    bodies = [convert_upload(upload) for upload in uploads]
    for tag in ("<table>", "<h6>", "<sub>", "<sup>", 'colspan="2"'):
        assert all(tag in body for body in bodies), tag
    assert all("<pre><code>" in body for body in bodies)
    articles = [ArticleFactory(body=body) for body in bodies]
    assert_lossless(editor_page, articles)


# What the editor's model restructures unless told otherwise; each body ends in a paragraph,
# where the word is typed.
AWKWARD = [
    "<ul><li>Avant<table><tbody><tr><td>x</td></tr></tbody></table></li>"
    "<li><table><tbody><tr><td>y</td></tr></tbody></table></li></ul><p>Fin.</p>",
    "<table><tbody><tr><td><table><tbody><tr><td>imbriqué</td></tr></tbody></table></td></tr>"
    "</tbody></table><p>Fin.</p>",
    '<p>Une <img src="/media/a.png" alt="image"> dans le texte.</p><p>Fin.</p>',
    '<figure><a href="https://example.org/" rel="noopener noreferrer">'
    '<img src="/media/a.png" alt="lien"></a>'
    "<figcaption>Légende</figcaption></figure><p>Fin.</p>",
    '<figure><img src="/media/a.png" alt=""><img src="/media/b.png" alt=""></figure><p>Fin.</p>',
    "<table><caption>Une <strong>légende</strong></caption><tbody><tr><td>x</td></tr></tbody>"
    "</table><p>Fin.</p>",
    "<pre><strong>gras</strong> dans du code</pre><p>Fin.</p>",
    "<blockquote>Sans paragraphe</blockquote><ul><li><p>Avec</p></li><li>Sans</li></ul>"
    "<table><tbody><tr><td><p>Avec</p></td><td>Sans</td></tr></tbody></table>"
    "<dl><dt>Terme</dt><dd><p>Avec</p></dd><dd>Sans</dd></dl><p>Fin.</p>",
    '<ol reversed="" start="5"><li>Cinq<ol><li>Sous-point</li></ol></li></ol>'
    '<p><a href="https://example.org/en" hreflang="en" rel="noopener noreferrer">lien</a> '
    '<q cite="https://e.org/">q</q>'
    "</p><p>Fin.</p>",
]


def test_bodies_the_editor_cannot_model_survive_an_edit(editor_page):
    articles = [ArticleFactory(body=body) for body in AWKWARD]
    assert [article.body for article in articles] == AWKWARD  # already sanitised
    assert_lossless(editor_page, articles)


def test_pasted_bold_and_italic_are_stored_the_editor_way(editor_page):
    article = ArticleFactory(body="<p>Début.</p>")
    editor_page.goto(f"/admin/blog/article/{article.pk}/change/")
    wait_for(editor_page, "window.editor")
    editor_page.evaluate(END_OF_TEXT)
    editor_page.evaluate(
        """() => window.editor.view.pasteHTML("<p><b>gras</b> et <i>italique</i></p>"
            + "<figure><img src=''><figcaption>Vide</figcaption></figure>")"""
    )
    editor_page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    editor_page.wait_for_url("**/change/")
    article.refresh_from_db()
    assert "<strong>gras</strong> et <em>italique</em>" in article.body
    assert "<b>" not in article.body and "<img" not in article.body
    assert "Vide" in article.body


def test_the_toolbar_offers_the_new_elements_in_french(editor_page):
    page = editor_page
    article = ArticleFactory(body="<p>La CNIL veille.</p>")
    page.goto(f"/admin/blog/article/{article.pk}/change/")
    wait_for(page, "window.editor")
    toolbar = page.locator(".prose-menubar").first
    for level in (2, 3, 4, 5, 6):
        option = toolbar.locator(f".prose-menubar__option h{level}")
        assert option.text_content() == f"Intertitre de niveau {level}"
    assert toolbar.locator(".prose-menubar__option code").text_content() == "Bloc de code"
    for name in ("Indice", "Exposant", "Abréviation", "Insérer un tableau",
                 "Liste de définitions", "Surligner"):  # fmt: skip
        assert toolbar.get_by_role("button", name=name, exact=True).count() == 1, name

    # "CNIL" selected, the abbreviation gets its expansion from a dialog.
    page.evaluate("window.editor.chain().focus().setTextSelection({from: 4, to: 8}).run()")
    toolbar.get_by_role("button", name="Abréviation", exact=True).click()
    dialog = page.locator("dialog[open]")
    assert dialog.locator("h3").text_content() == "Abréviation"
    dialog.get_by_label("Forme développée").fill("Commission nationale de l’informatique")
    dialog.locator("button[type=submit]").click()
    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    page.wait_for_url("**/change/")
    article.refresh_from_db()
    assert article.body == (
        '<p>La <abbr title="Commission nationale de l’informatique">CNIL</abbr> veille.</p>'
    )


def test_an_html_block_is_shown_kept_and_editable(editor_page):
    page = editor_page
    gallery = '<figure><img src="/media/a.png" alt="A"><img src="/media/b.png" alt="B"></figure>'
    article = ArticleFactory(body=f"<p>Avant.</p>{gallery}<p>Après.</p>")
    page.goto(f"/admin/blog/article/{article.pk}/change/")
    wait_for(page, "window.editor")
    block = page.locator(".ProseMirror .html-block")
    assert block.locator("pre").text_content() == gallery
    block.get_by_role("button", name="Bloc HTML").click()
    dialog = page.locator("dialog[open]")
    dialog.locator("textarea").fill(gallery.replace('alt="B"', 'alt="Un crayon"'))
    dialog.locator("button[type=submit]").click()
    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    page.wait_for_url("**/change/")
    article.refresh_from_db()
    assert article.body == (
        '<p>Avant.</p><figure><img src="/media/a.png" alt="A">'
        '<img src="/media/b.png" alt="Un crayon"></figure><p>Après.</p>'
    )


def test_definition_lists_and_table_captions_come_from_the_toolbar(editor_page):
    page = editor_page
    article = ArticleFactory(body="<p>Lexique.</p>")
    page.goto(f"/admin/blog/article/{article.pk}/change/")
    wait_for(page, "window.editor")
    page.evaluate(END_OF_TEXT)
    toolbar = page.locator(".prose-menubar").first
    toolbar.get_by_role("button", name="Liste de définitions", exact=True).click()
    page.keyboard.type("Chapô")
    page.evaluate("window.editor.chain().focus().setTextSelection(9).run()")  # after "Lexique."
    toolbar.get_by_role("button", name="Insérer un tableau", exact=True).click()
    dialog = page.locator("dialog[open]")
    dialog.locator("input[name=rows]").fill("1")
    dialog.locator("input[name=cols]").fill("1")
    dialog.locator("button[type=submit]").click()
    page.keyboard.type("Cellule")
    toolbar.get_by_role("button", name="Légende du tableau", exact=True).click()
    dialog.locator("input").fill("Une légende")
    dialog.locator("button[type=submit]").click()
    page.get_by_role("button", name="Enregistrer et continuer les modifications").click()
    page.wait_for_url("**/change/")
    article.refresh_from_db()
    assert article.body == (
        "<p>Lexique.</p><table><caption>Une légende</caption><tbody><tr><td>Cellule</td></tr>"
        "</tbody></table><dl><dt>Chapô</dt><dd></dd></dl>"
    )
