"""OpenDocument text (.odt) → simple HTML, read with odfdo.

Writers format text through styles, not tags: bold is a `text:span` whose automatic style has
`fo:font-weight="bold"`, a quotation is a paragraph whose style (or one of its parents) is named
"Quotations". Each style is resolved once, through its parents, into the marks it carries.
Empty paragraphs are dropped; consecutive code lines become one `<pre><code>` block and
consecutive quotation paragraphs one `<blockquote>`. Footnotes stay where they were cited as a
superscript number, their text goes after a rule at the end. The caller sanitises the result.
"""

from __future__ import annotations

import html
import re
from itertools import groupby
from typing import NamedTuple
from urllib.parse import urlsplit

from odfdo import Document, Element

MARKS = ("strong", "em", "u", "s", "sub", "sup", "code")
# Inside a code block no mark and no link is written.
PLAIN = frozenset((*MARKS, "a"))
NAMED_MARKS = {
    "strong": "strong", "strong emphasis": "strong", "emphasis": "em",
    "source text": "code", "teletype": "code", "example": "code", "code": "code",
    "verbatim char": "code",
}  # fmt: skip
CODE_PARAGRAPHS = {"preformatted text", "source text", "source code", "code", "html preformatted"}
QUOTE_PARAGRAPHS = {"quotations", "quotation", "quote", "block quotation", "intense quote"}
LIST_ITEMS = ("text:list-item", "text:list-header")
LINK_SCHEMES = {"http", "https", "mailto"}
# Generated from the text itself (tables of contents, indexes), or not part of it (comments,
# deleted text kept for change tracking).
SKIPPED = {
    "office:annotation", "office:annotation-end", "office:forms", "text:tracked-changes",
    "text:table-of-content", "text:alphabetical-index", "text:illustration-index",
    "text:table-index", "text:object-index", "text:user-index", "text:bibliography",
    "text:ruby-text", "text:note-citation", "svg:title", "svg:desc",
}  # fmt: skip
MAX_SPACES = 100
MAX_SPAN = 1000
# Repeated rows and cells are written out again; all the copies of a document add up to this.
MAX_REPEATED_CHARACTERS = 1_000_000
WHITESPACE = re.compile(r"[ \t\r\n]+")


class Resolved(NamedTuple):
    """A style with its parents': text properties (nearest wins) and every name met."""

    properties: dict
    names: frozenset[str]


NO_STYLE = Resolved({}, frozenset())


def odt_to_html(file) -> str:
    """Headings, paragraphs, marks, links, lists, tables and notes of an OpenDocument text."""
    return _Converter(Document(file)).convert()


def _style_name(name: str | None) -> str:
    return (name or "").replace("_20_", " ").strip().lower()


def _number(value: str | None, default: int = 1) -> int:
    try:
        return int(value) if value else default
    except ValueError:
        return default


def _marks(style: Resolved) -> frozenset[str]:
    """The HTML marks a resolved text or paragraph style stands for."""
    properties = style.properties
    marks = {NAMED_MARKS[name] for name in style.names if name in NAMED_MARKS}
    weight = str(properties.get("fo:font-weight", "normal"))
    if weight == "bold" or (weight.isdigit() and int(weight) >= 600):
        marks.add("strong")
    if properties.get("fo:font-style") in {"italic", "oblique"}:
        marks.add("em")
    if properties.get("style:text-underline-style", "none") != "none":
        marks.add("u")
    if properties.get("style:text-line-through-style", "none") != "none":
        marks.add("s")
    position = str(properties.get("style:text-position", "")).split()
    if position:
        try:
            raised = {"super": 1.0, "sub": -1.0}.get(position[0]) or float(position[0].rstrip("%"))
        except ValueError:
            raised = 0.0
        if raised:
            marks.add("sup" if raised > 0 else "sub")
    return frozenset(marks)


def _text(text: str | None) -> str:
    """Runs of white space count as one space in OpenDocument; `text:s` adds the others."""
    return html.escape(WHITESPACE.sub(" ", text or ""), quote=False)


def _wrap(content: str, marks: frozenset[str]) -> str:
    ordered = [mark for mark in MARKS if mark in marks]
    opening = "".join(f"<{mark}>" for mark in ordered)
    closing = "".join(f"</{mark}>" for mark in reversed(ordered))
    return f"{opening}{content}{closing}" if content.strip() else content


class _Converter:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.styles: dict[tuple[str, str], Resolved] = {}
        self.notes: list[tuple[str, Element]] = []
        self.repeatable = MAX_REPEATED_CHARACTERS

    def convert(self) -> str:
        body = self._blocks(self.document.body)
        notes = []
        # A note's text may cite notes too: the list grows while it is written out.
        index = 0
        while index < len(self.notes):
            citation, note_body = self.notes[index]
            text = self._blocks(note_body)
            label = f"<sup>{html.escape(citation)}</sup>"
            if text.startswith("<p>"):
                notes.append(f"<p>{label} {text[3:]}")
            else:
                notes.append(f"<p>{label}</p>{text}")
            index += 1
        return body + ("<hr>" + "".join(notes) if notes else "")

    # Styles

    def _style(self, family: str, name: str | None, seen: frozenset[str] = frozenset()) -> Resolved:
        if not name or name in seen:
            return NO_STYLE
        key = (family, name)
        if key not in self.styles:
            style = self.document.get_style(family, name)
            if style is None:
                self.styles[key] = Resolved({}, frozenset({_style_name(name)}))
            else:
                parent = self._style(family, style.parent_style, seen | {name})
                own = style.get_properties(area="text") or {}
                names = {_style_name(name), _style_name(getattr(style, "display_name", None))}
                self.styles[key] = Resolved({**parent.properties, **own}, parent.names | names)
        return self.styles[key]

    def _paragraph_style(self, element: Element) -> Resolved:
        return self._style("paragraph", element.get_attribute_string("text:style-name"))

    # Blocks

    def _blocks(self, container: Element) -> str:
        """The blocks in `container`, code lines and quotation paragraphs grouped."""
        items = [item for child in container.children for item in self._block(child)]
        out = []
        for kind, group in groupby(items, key=lambda item: item[0]):
            parts = [part for _kind, part in group]
            if kind == "pre":
                out.append("<pre><code>{}</code></pre>".format("\n".join(parts)))
            elif kind == "quote":
                out.append("<blockquote>{}</blockquote>".format("".join(parts)))
            else:
                out.extend(parts)
        return "".join(out)

    def _block(self, element: Element):
        """(kind, html) pairs for one element of a block container."""
        tag = element.tag
        if tag in SKIPPED:
            return
        if tag == "text:h":
            content = self._paragraph_content(element, implied=True)
            if content:
                level = _number(element.get_attribute_string("text:outline-level"))
                level = min(max(level, 1) + 1, 6)
                yield "block", f"<h{level}>{content}</h{level}>"
        elif tag == "text:p":
            style = self._paragraph_style(element)
            if style.names & CODE_PARAGRAPHS:
                yield "pre", self._inline(element, style.properties, PLAIN)
                return
            content = self._paragraph_content(element)
            if content:
                yield ("quote" if style.names & QUOTE_PARAGRAPHS else "block"), f"<p>{content}</p>"
        elif tag == "text:list":
            yield "block", self._list(element, 1, None)
        elif tag == "table:table":
            yield "block", self._table(element)
        elif tag == "draw:frame" and element.get_element("draw:text-box") is None:
            content = self._inline(element, {}, frozenset()).strip()
            if content:
                yield "block", f"<p>{content}</p>"
        else:  # sections, numbered paragraphs, text boxes, unknown containers: their blocks
            content = self._blocks(element)
            if content:
                yield "block", content

    def _list(self, element: Element, depth: int, inherited: str | None) -> str:
        name = element.get_attribute_string("text:style-name") or inherited
        items = [child for child in element.children if child.tag in LIST_ITEMS]
        rendered = [f"<li>{self._list_item(item, depth, name)}</li>" for item in items]
        if not any(part != "<li></li>" for part in rendered):
            return ""
        if not self._ordered(name, depth):
            return "<ul>{}</ul>".format("".join(rendered))
        start = _number(items[0].get_attribute_string("text:start-value"))
        attributes = f' start="{start}"' if start != 1 else ""
        return "<ol{}>{}</ol>".format(attributes, "".join(rendered))

    def _list_item(self, item: Element, depth: int, name: str | None) -> str:
        children = item.children
        paragraphs = [child for child in children if child.tag in ("text:p", "text:h")]
        parts = []
        for child in children:
            if child.tag == "text:list":
                parts.append(self._list(child, depth + 1, name))
            elif child.tag in ("text:p", "text:h") and len(paragraphs) == 1:
                parts.append(self._paragraph_content(child))
            else:
                parts.extend(part for _kind, part in self._block(child))
        return "".join(parts)

    def _ordered(self, name: str | None, depth: int) -> bool:
        style = self.document.get_style("list", name) if name else None
        if style is None:
            return "number" in _style_name(name)
        level = style.get_level_style(min(depth, 10))
        if level is None:
            return False
        number_format = level.get_attribute_string("style:num-format")
        if number_format is None:
            number_format = level.get_attribute_string("fo:num-format")
        # An empty format is a numbered level showing no number.
        return level.tag == "text:list-level-style-number" and number_format != ""

    def _table(self, element: Element) -> str:
        head: list[str] = []
        body: list[str] = []
        for header, row in self._rows(element, header=False):
            (head if header else body).append(row)
        if not head and not body:
            return ""
        thead = "<thead>{}</thead>".format("".join(head)) if head else ""
        tbody = "<tbody>{}</tbody>".format("".join(body)) if body else ""
        return f"<table>{thead}{tbody}</table>"

    def _rows(self, container: Element, *, header: bool):
        for child in container.children:
            tag = child.tag
            if tag == "table:table-header-rows":
                yield from self._rows(child, header=True)
            elif tag in ("table:table-rows", "table:table-row-group"):
                yield from self._rows(child, header=header)
            elif tag == "table:table-row":
                cells = "".join(self._cells(child, header=header))
                row = f"<tr>{cells}</tr>"
                for _copy in range(self._copies(child, "table:number-rows-repeated", row)):
                    yield header, row

    def _cells(self, row: Element, *, header: bool):
        tag = "th" if header else "td"
        for cell in row.children:
            if cell.tag != "table:table-cell":  # covered cells are under a spanning one
                continue
            attributes = ""
            for attribute, name in (("colspan", "columns"), ("rowspan", "rows")):
                spanned = cell.get_attribute_string(f"table:number-{name}-spanned")
                span = min(_number(spanned), MAX_SPAN)
                if span > 1:
                    attributes += f' {attribute}="{span}"'
            rendered = f"<{tag}{attributes}>{self._cell_content(cell, header=header)}</{tag}>"
            for _copy in range(self._copies(cell, "table:number-columns-repeated", rendered)):
                yield rendered

    def _cell_content(self, cell: Element, *, header: bool) -> str:
        children = cell.children
        if len(children) == 1 and children[0].tag == "text:p":
            names = self._paragraph_style(children[0]).names
            if not names & (CODE_PARAGRAPHS | QUOTE_PARAGRAPHS):
                return self._paragraph_content(children[0], implied=header)
        return self._blocks(cell)

    def _copies(self, element: Element, attribute: str, rendered: str) -> int:
        """How many times a repeated row or cell is written, within the document's budget."""
        wanted = max(_number(element.get_attribute_string(attribute)), 1)
        copies = min(wanted, 1 + self.repeatable // max(len(rendered), 1))
        self.repeatable -= (copies - 1) * len(rendered)
        return copies

    # Text

    def _paragraph_content(self, paragraph: Element, *, implied: bool = False) -> str:
        """A paragraph's inline content, in the marks its style gives all of it, unless the
        element holding it already implies them (a heading is bold)."""
        style = self._paragraph_style(paragraph)
        marks = _marks(style)
        content = self._inline(paragraph, style.properties, marks).strip()
        return content if implied else _wrap(content, marks)

    def _inline(self, element: Element, properties: dict, active: frozenset[str]) -> str:
        """The content of `element` as inline HTML; `active` marks are already open."""
        parts = [_text(element.text)]
        for child in element.children:
            parts.append(self._inline_element(child, properties, active))
            parts.append(_text(child.tail))
        return "".join(parts)

    def _inline_element(self, element: Element, properties: dict, active: frozenset[str]) -> str:
        tag = element.tag
        if tag in SKIPPED:
            return ""
        if tag == "text:span":
            style = self._style("text", element.get_attribute_string("text:style-name"))
            combined = {**properties, **style.properties}
            marks = _marks(Resolved(combined, style.names)) - active
            return _wrap(self._inline(element, combined, active | marks), marks)
        if tag == "text:a":
            content = self._inline(element, properties, active | {"a"})
            href = (element.get_attribute_string("xlink:href") or "").strip()
            if "a" in active or urlsplit(href).scheme.lower() not in LINK_SCHEMES:
                return content
            return f'<a href="{html.escape(href)}">{content or html.escape(href)}</a>'
        if tag == "text:s":
            return " " * min(max(_number(element.get_attribute_string("text:c")), 1), MAX_SPACES)
        if tag == "text:tab":
            return "\t" if "code" in active else " "
        if tag == "text:line-break":
            return "\n" if active == PLAIN else "<br>"
        if tag == "text:note":
            return self._note(element, active)
        if tag == "draw:frame":
            return self._frame(element, properties, active)
        if tag == "draw:text-box":
            lines = (self._inline(child, properties, active).strip() for child in element.children)
            return "<br>".join(line for line in lines if line)
        return self._inline(element, properties, active)

    def _note(self, element: Element, active: frozenset[str]) -> str:
        citation = element.get_element("text:note-citation")
        label = (citation.inner_text.strip() if citation is not None else "") or str(
            len(self.notes) + 1
        )
        note_body = element.get_element("text:note-body")
        if note_body is not None:
            self.notes.append((label, note_body))
        return html.escape(label) if "sup" in active else f"<sup>{html.escape(label)}</sup>"

    def _frame(self, frame: Element, properties: dict, active: frozenset[str]) -> str:
        """A frame's text box, or its image's description for the sanitiser to keep or drop."""
        image = frame.get_element("draw:image") is not None
        if image and frame.get_element("draw:text-box") is None:
            for tag in ("svg:desc", "svg:title"):
                described = frame.get_element(tag)
                if described is not None and described.inner_text.strip():
                    return f'<img alt="{html.escape(described.inner_text.strip())}">'
        return self._inline(frame, properties, active)
