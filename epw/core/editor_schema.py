"""What a body may hold: one list of editor extensions that the editor and the sanitiser follow.

The editor builds its document model from `ARTICLE_EXTENSIONS`; `epw.core.html` derives the
sanitiser's allow-list from the same list with django-prose-editor's processors, so whatever the
sanitiser keeps the editor can open and save again unchanged. `EXTENSIONS` (installed as the
`DJANGO_PROSE_EDITOR_EXTENSIONS` setting) adds our own Tiptap extensions, in static/js/editor/,
and the HTML each one writes; a new extension is one more entry there and one more name in
`ARTICLE_EXTENSIONS`.
"""

from __future__ import annotations

from django_prose_editor.config import html_tags, process_link, process_table
from js_asset import static_lazy

from epw.core.embeds import editor_config as embed_config
from epw.core.embeds import process_embed


def _module(name: str):
    return static_lazy(f"js/editor/{name}.js")


def _link(config, shared_config) -> None:
    """Links as the built-in writes them, plus a language; every link gets the same `rel`."""
    process_link(config, shared_config)
    shared_config["attributes"]["a"] = (shared_config["attributes"]["a"] - {"rel"}) | {"hreflang"}
    shared_config["link_rel"] = "noopener noreferrer"


def _table(config, shared_config) -> None:
    process_table(config, shared_config)
    html_tags(["caption", "tfoot"], {"th": ["scope"]})(config, shared_config)


EXTENSIONS = [
    {
        "js": [_module("marks")],
        "extensions": {
            "Abbreviation": html_tags(["abbr"], {"abbr": ["title"]}),
            "Cite": html_tags(["cite"]),
            "Deletion": html_tags(["del"]),
            "Insertion": html_tags(["ins"]),
            "Quotation": html_tags(["q"], {"q": ["cite"]}),
            "Small": html_tags(["small"]),
            "Highlighted": html_tags(["mark"]),
            "Link": _link,
        },
    },
    {
        "js": [_module("blocks")],
        "extensions": {
            "Blockquote": html_tags(["blockquote"], {"blockquote": ["cite"]}),
            "CodeBlock": html_tags(["pre", "code"]),
            "DescriptionList": html_tags(["dl", "dt", "dd"]),
            "ListItem": html_tags(["li"]),
            "OrderedList": html_tags(["ol"], {"ol": ["start", "reversed"]}),
            # Without its class (the site styles every figure alike) nor the library reference.
            "Figure": html_tags(["figure"]),
            "Image": html_tags(
                ["img"], {"img": ["src", "alt", "width", "height", "title", "loading"]}
            ),
            "Table": _table,
            "TableRow": html_tags([]),
            "TableCell": html_tags([]),
            "TableHeader": html_tags([]),
            # Writes the HTML the nodes above remember (sections of tables, bare list items).
            "BodyHTML": html_tags([]),
        },
    },
    {
        # Videos, podcast episodes and posts, shown to readers behind a facade (epw.core.embeds).
        "js": [_module("embed")],
        "extensions": {"Embed": process_embed},
    },
    {
        # What the other extensions cannot model, kept as it came (sanitised like the rest).
        "js": [_module("html-block")],
        "extensions": {"HtmlBlock": html_tags([])},
    },
]

ARTICLE_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Underline": True,
    "Strike": True,
    "Deletion": True,
    "Insertion": True,
    "Highlighted": True,
    "Small": True,
    "Subscript": True,
    "Superscript": True,
    "Code": True,
    "Abbreviation": True,
    "Cite": True,
    "Quotation": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Heading": {"levels": [2, 3, 4, 5, 6]},
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "DescriptionList": True,
    "Blockquote": True,
    "CodeBlock": True,
    "HorizontalRule": True,
    "HardBreak": True,
    "Figure": True,
    "Caption": True,
    "Image": True,
    "Embed": embed_config(),
    "Table": True,
    "TableRow": True,
    "TableHeader": True,
    "TableCell": True,
    "HtmlBlock": True,
    "BodyHTML": True,
    "History": True,
}

# Applicants' drafts: no images nor embeds (see contributors.drafts).
DRAFT_EXTENSIONS = {
    name: options
    for name, options in ARTICLE_EXTENSIONS.items()
    if name not in {"Figure", "Caption", "Image", "Embed"}
}
