"""A Word document using what drafts hold beyond paragraphs: deep headings, sub- and
superscript, a table with a merged cell, a code block."""

from xml.sax.saxutils import escape

from tests.contributors.files import docx_package


def _run(text: str, vertical: str | None = None) -> str:
    properties = f'<w:rPr><w:vertAlign w:val="{vertical}"/></w:rPr>' if vertical else ""
    return f"<w:r>{properties}<w:t xml:space='preserve'>{escape(text)}</w:t></w:r>"


def _paragraph(*runs: str, style: str | None = None) -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}{''.join(runs)}</w:p>"


def _cell(text: str, span: int = 1) -> str:
    properties = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span > 1 else ""
    return f"<w:tc>{properties}{_paragraph(_run(text))}</w:tc>"


def docx_with_everything() -> bytes:
    table = (
        "<w:tbl>"
        f"<w:tr>{_cell('Format')}{_cell('Lu par')}</w:tr>"
        f"<w:tr>{_cell('.docx')}{_cell('mammoth')}</w:tr>"
        f"<w:tr>{_cell('Une cellule fusionnée', span=2)}</w:tr>"
        "</w:tbl>"
    )
    body = "".join(
        [
            _paragraph(_run("Un brouillon Word"), style="Heading1"),
            _paragraph(
                _run("L’eau s’écrit H"),
                _run("2", "subscript"),
                _run("O, et 10"),
                _run("3", "superscript"),
                _run(" vaut mille."),
            ),  # fmt: skip
            _paragraph(_run("Un niveau quatre"), style="Heading4"),
            _paragraph(_run("Un niveau cinq, qui devient six"), style="Heading5"),
            table,
            _paragraph(_run("python manage.py seed_demo"), style="SourceCode"),
            _paragraph(_run("Le dernier paragraphe.")),
        ]
    )
    return docx_package(body, styles={"SourceCode": ("paragraph", "Source Code")})
