"""Uploaded drafts keep their formatting: .odt, .docx and Markdown through the real converter."""

import time
import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from contributors import links
from contributors.converters import convert_upload
from contributors.models import Submission
from tests.contributors.files import docx_package, upload
from tests.contributors.odt_files import OdtDraft, link, rich_odt_bytes
from tests.factories import SubmissionFactory

FIXTURES = Path(__file__).parent / "fixtures"
RICH_ODT_KEEPS = {
    "bold": "<strong>en gras</strong>",
    "italic": "<em>en italique</em>",
    "underline": "<u>souligné</u>",
    "strike": "<s>barré</s>",
    "nested marks": "<strong><em>gras et italique</em></strong>",
    "subscript": "H<sub>2</sub>O",
    "superscript": "10<sup>3</sup>",
    "named parent style": "<strong><em>les deux par style nommé</em></strong>",
    "link": '<a href="https://example.org/guide?a=1&amp;b=2" rel="noopener noreferrer">un lien</a>',
    "bold paragraph style": "<p><strong>Un paragraphe entièrement en gras.</strong></p>",
    "headings one level down": "<h2>Écrire pour le web</h2>",
    "h3": "<h3>Listes</h3>",
    "h4": "<h4>Un tableau</h4>",
    "h5": "<h5>Du code</h5>",
    "h6": "<h6>Citation</h6>",
    "h6 stays h6": "<h6>Fin</h6>",
    "ordered list with a bulleted one inside": (
        "<ol><li>Premier point</li><li>Deuxième point"
        "<ul><li>Sous-a</li><li>Sous-b</li></ul></li></ol>"
    ),
    "bulleted list with an ordered one inside": (
        "<ul><li>Puce</li><li>Autre puce<ol><li>Étape un</li><li>Étape deux</li></ol></li></ul>"
    ),
    "table header row": "<thead><tr><th>Format</th><th>Titres</th><th>Tableaux</th></tr></thead>",
    "merged cells, covered ones skipped": (
        '<tbody><tr><td colspan="2">Fusionné sur deux colonnes</td><td rowspan="2">oui</td></tr>'
        "<tr><td>odt</td><td>oui</td></tr></tbody>"
    ),
    "code lines in one block, indentation kept": (
        "<pre><code>def bonjour():\n    return 'salut'</code></pre>"
    ),
    "quotation": "<blockquote><p>Écrire, c’est réécrire.</p></blockquote>",
    "line break": "<p>Ligne un<br>ligne deux.</p>",
    "footnote cited in place": "un lien</a><sup>1</sup>.</p>",
    "footnote text at the end": "<hr><p><sup>1</sup> Une note de bas de page.</p>",
}


def convert(name: str, data: bytes) -> str:
    return convert_upload(upload(name, data))


def odt(draft: OdtDraft) -> str:
    return convert("brouillon.odt", draft.bytes())


@pytest.fixture(scope="module")
def rich_body():
    return convert("brouillon.odt", rich_odt_bytes())


@pytest.mark.parametrize("fragment", RICH_ODT_KEEPS.values(), ids=RICH_ODT_KEEPS.keys())
def test_a_rich_odt_draft_keeps_its_formatting(rich_body, fragment):
    assert fragment in rich_body


def test_the_rich_odt_draft_ends_with_its_notes_and_writes_each_table_cell_once(rich_body):
    assert rich_body.endswith("<hr><p><sup>1</sup> Une note de bas de page.</p>")
    assert rich_body.count("<table>") == 1
    assert rich_body.count("<th>") == 3 and rich_body.count("<td") == 4


def test_the_stored_odt_fixture_converts_like_a_fresh_one(rich_body):
    assert convert("brouillon-riche.odt", (FIXTURES / "brouillon-riche.odt").read_bytes()) == (
        rich_body
    )


def test_the_same_draft_saved_again_by_libreoffice_converts_alike(rich_body):
    # LibreOffice 7.4 opened brouillon-riche.odt and saved it: its own styles, list ids,
    # table styles, and the bold span in the "Emphasis" one now inside it.
    saved = (FIXTURES / "brouillon-riche-libreoffice.odt").read_bytes()
    assert convert("brouillon-riche.odt", saved) == rich_body.replace(
        "<strong><em>les deux par style nommé</em></strong>",
        "<em><strong>les deux par style nommé</strong></em>",
    )


def test_a_web_page_imported_by_libreoffice_keeps_its_named_styles():
    # LibreOffice 7.4 imported a web page: <strong> became "Strong Emphasis", <code> "Source
    # Text", <pre> "Preformatted Text", <blockquote> "Quotations", <th> "Table Heading".
    data = (FIXTURES / "libreoffice-depuis-html.odt").read_bytes()
    assert convert("page.odt", data) == (
        "<h2>Grand titre</h2>"
        "<p>Du <strong>gras</strong>, de l'<em>italique</em>, <u>souligné</u>, <s>barré</s>, "
        "H<sub>2</sub>O, 10<sup>3</sup>, <code>print()</code> et "
        '<a href="https://example.org/" rel="noopener noreferrer">un lien</a>.</p>'
        "<ol><li>Un<ul><li>Un a</li><li>Un b</li></ul></li><li>Deux</li></ol>"
        "<table><thead><tr><th>A</th><th>B</th><th>C</th></tr></thead><tbody>"
        '<tr><td colspan="2">AB</td><td rowspan="2">C</td></tr><tr><td>a</td><td>b</td></tr>'
        "</tbody></table>"
        "<pre><code>def f():\n    return 1</code></pre>"
        "<blockquote><p>Une citation.</p></blockquote>"
        "<h6>Cinq</h6><h6>Six</h6>"
    )


def test_an_odt_draft_sent_with_the_application_keeps_its_formatting(
    client, charter, application_data
):
    data = {**application_data, "body": ""}
    client.post(links.reverse("contributors:apply"), {**data, "draft_file": upload(
        "brouillon.odt", rich_odt_bytes()
    )})  # fmt: skip
    version = Submission.objects.get().versions.get()
    assert version.source_file.name.endswith(".odt")
    for fragment in ("<strong>en gras</strong>", "<th>Format</th>", '<td colspan="2">'):
        assert fragment in version.body


@pytest.mark.django_db
def test_an_odt_revision_keeps_its_formatting(client):
    submission = SubmissionFactory(status="changes")
    response = client.post(
        links.status_path(submission),
        {"message": "Nouvelle version.", "draft_file": upload("v2.odt", rich_odt_bytes())},
    )
    assert response.status_code == 302
    body = submission.versions.get(number=2).body
    for fragment in ("<em>en italique</em>", "<ol><li>Premier point", "<pre><code>def"):
        assert fragment in body


def test_styles_named_like_emphasis_count_even_when_the_file_does_not_define_them():
    draft = OdtDraft().xml(
        "<text:p><text:span text:style-name='Strong_20_Emphasis'>fort</text:span> "
        "<text:span text:style-name='Emphasis'>appuyé</text:span> "
        "<text:span text:style-name='Source_20_Text'>code()</text:span></text:p>"
    )
    assert odt(draft) == "<p><strong>fort</strong> <em>appuyé</em> <code>code()</code></p>"


def test_marks_come_from_a_style_and_its_parents_never_twice():
    draft = (
        OdtDraft()
        .style(
            '<style:style style:family="text" style:name="T20" style:parent-style-name="T21">'
            '<style:text-properties style:text-position="33% 58%"/></style:style>'
        )
        .style(
            '<style:style style:family="text" style:name="T21">'
            '<style:text-properties fo:font-weight="bold"/></style:style>'
        )
        .style(
            '<style:style style:family="text" style:name="T22">'
            '<style:text-properties style:text-position="-33% 58%" fo:font-weight="normal"/>'
            "</style:style>"
        )
        .style(
            '<style:style style:family="text" style:name="T23">'
            '<style:text-properties style:text-position="0% 100%"/></style:style>'
        )
        .xml(
            '<text:p>a<text:span text:style-name="T20">b</text:span>'
            '<text:span text:style-name="T22">c</text:span>'
            '<text:span text:style-name="T23">d</text:span>'
            '<text:span text:style-name="T1">e<text:span text:style-name="T21">f</text:span>'
            "</text:span></text:p>"
        )
    )
    assert odt(draft) == "<p>a<strong><sup>b</sup></strong><sub>c</sub>d<strong>ef</strong></p>"


def test_consecutive_quotation_paragraphs_are_one_quotation():
    draft = OdtDraft().quote("Premier.").quote("Second.").paragraph("Après.")
    assert odt(draft) == "<blockquote><p>Premier.</p><p>Second.</p></blockquote><p>Après.</p>"


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("mailto:redaction@example.org", '<a href="mailto:redaction@example.org" rel='),
        ("javascript:alert(1)", "<p>Voir le site.</p>"),
        ("#signet", "<p>Voir le site.</p>"),
        ("file:///etc/passwd", "<p>Voir le site.</p>"),
    ],
)
def test_only_safe_links_keep_their_address_and_every_link_keeps_its_text(href, expected):
    body = odt(OdtDraft().paragraph("Voir ", link(href, "le site"), "."))
    assert expected in body
    assert "le site" in body
    assert "javascript" not in body and "passwd" not in body


def test_a_numbered_paragraph_is_a_paragraph():
    draft = OdtDraft().xml(
        "<text:numbered-paragraph text:level='1'><text:number>1.</text:number>"
        "<text:p>Numéroté</text:p></text:numbered-paragraph>"
    )
    assert odt(draft) == "<p>Numéroté</p>"


def test_a_list_without_style_is_a_bulleted_list_and_a_numbered_one_keeps_its_start():
    draft = OdtDraft().xml(
        "<text:list><text:list-item><text:p>Puce</text:p></text:list-item></text:list>"
    )
    draft.xml(
        '<text:list text:style-name="L1"><text:list-item text:start-value="4">'
        "<text:p>Quatre</text:p></text:list-item>"
        "<text:list-item><text:p>Cinq</text:p><text:p>Suite de cinq</text:p></text:list-item>"
        "</text:list>"
    )
    assert odt(draft) == (
        "<ul><li>Puce</li></ul>"
        '<ol start="4"><li>Quatre</li><li><p>Cinq</p><p>Suite de cinq</p></li></ol>'
    )


def test_a_table_without_header_rows_has_a_body_only_and_repeated_cells_are_written_out():
    draft = OdtDraft().xml(
        "<table:table><table:table-column table:number-columns-repeated='3'/>"
        "<table:table-row><table:table-cell><text:p>a</text:p></table:table-cell>"
        "<table:table-cell table:number-columns-repeated='2'/></table:table-row>"
        "<table:table-row table:number-rows-repeated='2'><table:table-cell><text:p>b</text:p>"
        "<text:p>c</text:p></table:table-cell><table:table-cell/><table:table-cell/>"
        "</table:table-row></table:table>"
    )
    first = "<tr><td>a</td><td></td><td></td></tr>"
    row = "<tr><td><p>b</p><p>c</p></td><td></td><td></td></tr>"
    assert odt(draft) == f"<table><tbody>{first}{row}{row}</tbody></table>"


def test_absurd_repetitions_and_spaces_are_bounded():
    draft = OdtDraft().xml(
        "<table:table><table:table-row table:number-rows-repeated='1000000000'>"
        "<table:table-cell table:number-columns-repeated='1000000000'><text:p>x</text:p>"
        "</table:table-cell></table:table-row></table:table>"
    )
    draft.xml("<text:p>a<text:s text:c='1000000000'/>b</text:p>")
    started = time.monotonic()
    body = odt(draft)
    assert time.monotonic() - started < 10
    assert len(body) < 2_000_000
    assert body.endswith("<p>a" + " " * 100 + "b</p>")


def test_spaces_and_tabs_are_kept_in_code_and_collapse_elsewhere():
    # Word processors give code paragraphs an automatic style inheriting "Preformatted Text".
    draft = OdtDraft().style(
        '<style:style style:family="paragraph" style:name="P5" '
        'style:parent-style-name="Preformatted_20_Text"/>'
    )
    draft.xml(
        "<text:p text:style-name='P5'>if x:<text:line-break/>"
        "<text:tab/>y  =<text:s text:c='2'/>1</text:p>"
    )
    draft.xml("<text:p>un   deux<text:tab/>trois</text:p>")
    assert odt(draft) == "<pre><code>if x:\n\ty =  1</code></pre><p>un deux trois</p>"


def test_footnotes_and_endnotes_keep_their_text_at_the_end():
    draft = OdtDraft()
    draft.paragraph("Texte", draft.note("Première note."), " suite", draft.note("Seconde."))
    draft.xml(
        "<text:p>Fin<text:note text:note-class='endnote'><text:note-citation>i"
        "</text:note-citation><text:note-body><text:p>Note de fin.</text:p>"
        "<text:list><text:list-item><text:p>avec une liste</text:p></text:list-item>"
        "</text:list></text:note-body></text:note></text:p>"
    )
    assert odt(draft) == (
        "<p>Texte<sup>1</sup> suite<sup>2</sup></p><p>Fin<sup>i</sup></p><hr>"
        "<p><sup>1</sup> Première note.</p><p><sup>2</sup> Seconde.</p>"
        "<p><sup>i</sup> Note de fin.</p><ul><li>avec une liste</li></ul>"
    )


def test_images_give_way_to_their_description_and_text_boxes_keep_their_text():
    draft = OdtDraft().xml(
        "<text:p>Avant <draw:frame><draw:image xlink:href='Pictures/a.png'/>"
        "<svg:title>Titre</svg:title><svg:desc>Un schéma du tunnel</svg:desc></draw:frame>"
        " après.</text:p>"
    )
    draft.xml(
        "<text:p><draw:frame><draw:image xlink:href='https://tracker.example/x.png'/>"
        "</draw:frame></text:p>"
    )
    draft.xml(
        "<text:p><draw:frame><draw:text-box><text:p>Encadré</text:p><text:p>sur deux lignes"
        "</text:p></draw:text-box></draw:frame></text:p>"
    )
    body = odt(draft)
    assert body == "<p>Avant Un schéma du tunnel après.</p><p>Encadré<br>sur deux lignes</p>"


def test_comments_deleted_text_and_generated_indexes_are_not_part_of_the_draft():
    draft = OdtDraft().xml(
        "<text:tracked-changes><text:changed-region text:id='ct1'><text:deletion>"
        "<office:change-info><dc:creator>X</dc:creator></office:change-info>"
        "<text:p>Texte supprimé</text:p></text:deletion></text:changed-region>"
        "</text:tracked-changes>"
    )
    draft.xml(
        "<text:table-of-content><text:index-body><text:p>Sommaire 1</text:p></text:index-body>"
        "</text:table-of-content>"
    )
    draft.xml(
        "<text:p>Gardé<office:annotation><dc:creator>Relectrice</dc:creator>"
        "<text:p>Commentaire</text:p></office:annotation>.</text:p>"
    )
    assert odt(draft) == "<p>Gardé.</p>"


def test_an_odt_without_text_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError, match="ne contient pas de texte"):
        odt(OdtDraft().paragraph("   ").xml("<text:p/>"))


def test_an_odt_nested_beyond_reason_is_refused_as_unreadable():
    archive = zipfile.ZipFile(BytesIO(OdtDraft().paragraph("MARQUE").bytes()))
    depth = 5000
    deep = "<text:span>" * depth + "x" + "</text:span>" * depth
    output = BytesIO()
    with zipfile.ZipFile(output, "w") as copy:
        for name in archive.namelist():
            content = archive.read(name)
            copy.writestr(name, content.replace(b"MARQUE", deep.encode()))
    with pytest.raises(ValidationError, match="pas pu être lu"):
        convert("profond.odt", output.getvalue())


# .docx (mammoth) and Markdown keep the same features.

DOCX_STYLES = {
    "Heading4": ("paragraph", "heading 4"),
    "Heading5": ("paragraph", "heading 5"),
    "SourceCode": ("paragraph", "Source Code"),
    "Quote": ("paragraph", "Quote"),
    "VerbatimChar": ("character", "Verbatim Char"),
}


def run(text: str, properties: str = "") -> str:
    return f"<w:r><w:rPr>{properties}</w:rPr><w:t xml:space='preserve'>{text}</w:t></w:r>"


def paragraph(*runs: str, style: str = "") -> str:
    style = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{style}{''.join(runs)}</w:p>"


def cell(text: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{paragraph(run(text))}</w:tc>"


def test_a_docx_draft_keeps_tables_code_deep_headings_and_positions():
    body = "".join(
        [
            paragraph(run("Quatre"), style="Heading4"),
            paragraph(run("Cinq"), style="Heading5"),
            paragraph(
                run("H"),
                run("2", '<w:vertAlign w:val="subscript"/>'),
                run("O et 10"),
                run("3", '<w:vertAlign w:val="superscript"/>'),
                run(" avec "),
                run("print()", '<w:rStyle w:val="VerbatimChar"/>'),
            ),
            paragraph(run("def f():"), style="SourceCode"),
            paragraph(run("    return 1"), style="SourceCode"),
            paragraph(run("Citée."), style="Quote"),
            "<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>",
            cell("A"),
            cell("B"),
            "</w:tr><w:tr>",
            cell("Les deux", '<w:gridSpan w:val="2"/>'),
            "</w:tr></w:tbl>",
        ]
    )
    assert convert("texte.docx", docx_package(body, DOCX_STYLES)) == (
        "<h5>Quatre</h5><h6>Cinq</h6>"
        "<p>H<sub>2</sub>O et 10<sup>3</sup> avec <code>print()</code></p>"
        "<pre><code>def f():\n    return 1</code></pre>"
        "<blockquote><p>Citée.</p></blockquote>"
        "<table><thead><tr><th><p>A</p></th><th><p>B</p></th></tr></thead>"
        '<tbody><tr><td colspan="2"><p>Les deux</p></td></tr></tbody></table>'
    )


def test_a_markdown_draft_keeps_tables_fenced_code_deep_headings_and_positions():
    text = (
        "#### Quatre\n\n##### Cinq\n\nH<sub>2</sub>O et 10<sup>3</sup>\n\n"
        "| Format | Tableaux |\n|---|---|\n| md | oui |\n\n"
        "```python\ndef f():\n    return 1\n```\n"
    )
    assert convert("texte.md", text.encode()) == (
        "<h5>Quatre</h5>\n<h6>Cinq</h6>\n<p>H<sub>2</sub>O et 10<sup>3</sup></p>\n"
        "<table>\n<thead>\n<tr>\n<th>Format</th>\n<th>Tableaux</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>md</td>\n<td>oui</td>\n</tr>\n</tbody>\n</table>\n"
        "<pre><code>def f():\n    return 1\n</code></pre>"
    )
