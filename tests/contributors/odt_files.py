"""OpenDocument texts built with odfdo the way word processors write them.

Formatting is carried by automatic styles (`text:span text:style-name="T1"` whose style says
`fo:font-weight="bold"`), lists take their kind from a list style, code and quotations from
named paragraph styles. `rich_odt_bytes()` is a draft using every feature a converter keeps;
tests/contributors/fixtures/brouillon-riche.odt is a copy of it, written by
`python -m tests.contributors.odt_files tests/contributors/fixtures/brouillon-riche.odt`.
"""

from __future__ import annotations

from io import BytesIO

from odfdo import (
    Document,
    Element,
    Header,
    Link,
    List,
    ListItem,
    Note,
    Paragraph,
    Span,
    Style,
    Table,
)

# Automatic text styles, by the mark they stand for.
MARK_STYLES = {
    "bold": ("T1", {"fo:font-weight": "bold"}),
    "italic": ("T2", {"fo:font-style": "italic"}),
    "underline": ("T3", {"style:text-underline-style": "solid"}),
    "strike": ("T4", {"style:text-line-through-style": "solid"}),
    "sup": ("T5", {"style:text-position": "super 58%"}),
    "sub": ("T6", {"style:text-position": "sub 58%"}),
    # Inherits its italics from the named "Emphasis" style, and adds bold.
    "bold-emphasis": ("T7", {"fo:font-weight": "700"}),
}
# List styles: L1 numbered with bullets below, L2 bullets with numbers below.
LIST_STYLES = {True: "L1", False: "L2"}


class OdtDraft:
    """A text document built block by block; `bytes()` gives the .odt file."""

    def __init__(self) -> None:
        self.document = Document("text")
        self.document.body.clear()
        self.notes = 0
        for name, properties in MARK_STYLES.values():
            style = Style("text", name=name, area="text")
            style.set_properties(properties, area="text")
            if name == "T7":
                style.set_attribute("style:parent-style-name", "Emphasis")
            self.document.insert_style(style, automatic=True)
        emphasis = Style("text", name="Emphasis", area="text")
        emphasis.set_properties({"fo:font-style": "italic"}, area="text")
        self.document.insert_style(emphasis)
        quotations = Style("paragraph", name="Quotations", parent_style="Standard")
        self.document.insert_style(quotations)
        bold_paragraph = Style("paragraph", name="P1", parent_style="Standard", area="text")
        bold_paragraph.set_properties({"fo:font-weight": "bold"}, area="text")
        self.document.insert_style(bold_paragraph, automatic=True)
        for ordered, name in LIST_STYLES.items():
            style = Style("list", name=name)
            for level in range(1, 11):
                if (level % 2 == 1) == ordered:
                    style.set_level_style(level, num_format="1", suffix=".")
                else:
                    style.set_level_style(level, bullet_char="•")
            self.document.insert_style(style, automatic=True)

    def bytes(self) -> bytes:
        output = BytesIO()
        self.document.save(output)
        return output.getvalue()

    def add(self, element: Element) -> OdtDraft:
        self.document.body.append(element)
        return self

    def xml(self, fragment: str) -> OdtDraft:
        """A block written as OpenDocument XML, prefixes as usual (`<text:p>…</text:p>`)."""
        return self.add(Element.from_tag(fragment))

    def style(self, fragment: str) -> OdtDraft:
        """An automatic style written as XML (`<style:style style:family="text" …>`)."""
        self.document.insert_style(Element.from_tag(fragment), automatic=True)
        return self

    def heading(self, level: int, text: str) -> OdtDraft:
        return self.add(Header(level, text))

    def paragraph(self, *runs: str | tuple | Element, style: str | None = None) -> OdtDraft:
        return self.add(paragraph(*runs, style=style))

    def code(self, *lines: str) -> OdtDraft:
        """One "Preformatted Text" paragraph a line, as word processors write code."""
        for line in lines:
            self.add(Paragraph(line, style="Preformatted_20_Text"))
        return self

    def quote(self, text: str) -> OdtDraft:
        return self.add(Paragraph(text, style="Quotations"))

    def list(self, items: list, *, ordered: bool = False) -> OdtDraft:
        """`items` are texts, or (text, [sub-items]) pairs for a nested list."""
        return self.add(odt_list(items, style=LIST_STYLES[ordered]))

    def table(self, header: list[str], rows: list[list[str]], spans: tuple[str, ...] = ()):
        """A table whose first row repeats as a header; spans are areas such as "A2:B2"."""
        table = Table("Tableau", width=len(header), height=len(rows) + 1)
        for y, values in enumerate([header, *rows]):
            for x, value in enumerate(values):
                if value:
                    table.set_value((x, y), value)
        for area in spans:
            table.set_span(area)
        first_row = table.get_elements("table:table-row")[0]
        header_rows = Element.from_tag("table:table-header-rows")
        table.delete(first_row)
        header_rows.append(first_row)
        table.insert(header_rows, position=len(table.get_elements("table:table-column")))
        return self.add(table)

    def note(self, text: str) -> Note:
        """A footnote to put in a paragraph's runs."""
        self.notes += 1
        return Note(note_id=f"ftn{self.notes}", citation=str(self.notes), body=text)


def paragraph(*runs: str | tuple | Element, style: str | None = None) -> Paragraph:
    """Runs are plain text, (text, mark, ...) tuples such as ("gras", "bold"), or elements."""
    result = Paragraph(style=style)
    for run in runs:
        if isinstance(run, str):
            result.append_plain_text(run)
        elif isinstance(run, tuple):
            text, *marks = run
            element = Span(text, style=MARK_STYLES[marks[-1]][0])
            for mark in reversed(marks[:-1]):
                element = _wrapped(element, MARK_STYLES[mark][0])
            result.append(element)
        else:
            result.append(run)
    return result


def _wrapped(element: Element, style: str) -> Span:
    outer = Span(style=style)
    outer.append(element)
    return outer


def link(url: str, text: str) -> Link:
    return Link(url, text=text)


def odt_list(items: list, *, style: str | None = None) -> List:
    result = List()
    if style:
        result.set_attribute("text:style-name", style)
    for item in items:
        text, children = item if isinstance(item, tuple) else (item, None)
        entry = ListItem()
        entry.append(paragraph(*text) if isinstance(text, list) else Paragraph(text))
        if children:
            entry.append(odt_list(children))
        result.append(entry)
    return result


def odt_bytes(*paragraphs: str) -> bytes:
    """A minimal OpenDocument text with the given paragraphs."""
    draft = OdtDraft()
    for text in paragraphs:
        draft.paragraph(text)
    return draft.bytes()


def rich_odt_bytes() -> bytes:
    """A draft with headings of every level, marks, links, lists, a table, code, a note."""
    draft = OdtDraft()
    draft.heading(1, "Écrire pour le web")
    draft.paragraph(
        "Un texte ",
        ("en gras", "bold"),
        ", ",
        ("en italique", "italic"),
        ", ",
        ("souligné", "underline"),
        ", ",
        ("barré", "strike"),
        ", ",
        ("gras et italique", "bold", "italic"),
        ", H",
        ("2", "sub"),
        "O, 10",
        ("3", "sup"),
        ", ",
        ("les deux par style nommé", "bold-emphasis"),
        " et ",
        link("https://example.org/guide?a=1&b=2", "un lien"),
        draft.note("Une note de bas de page."),
        ".",
    )
    draft.paragraph("Un paragraphe entièrement en gras.", style="P1")
    draft.heading(2, "Listes")
    draft.list(["Premier point", ("Deuxième point", ["Sous-a", "Sous-b"])], ordered=True)
    draft.list(["Puce", ("Autre puce", ["Étape un", "Étape deux"])])
    draft.heading(3, "Un tableau")
    draft.table(
        ["Format", "Titres", "Tableaux"],
        [["Fusionné sur deux colonnes", "", "oui"], ["odt", "oui", "oui"]],
        spans=("A2:B2", "C2:C3"),
    )
    draft.heading(4, "Du code")
    draft.code("def bonjour():", "    return 'salut'")
    draft.heading(5, "Citation")
    draft.quote("Écrire, c’est réécrire.")
    draft.heading(6, "Fin")
    draft.paragraph("Ligne un", Element.from_tag("text:line-break"), "ligne deux.")
    return draft.bytes()


if __name__ == "__main__":
    import sys
    from pathlib import Path

    Path(sys.argv[1]).write_bytes(rich_odt_bytes())
