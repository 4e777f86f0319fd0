"""The sanitiser keeps exactly what the editor declares, and every part of it survives."""

import re

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django_prose_editor.config import allowlist_from_extensions, expand_extensions

from blog.forms import BODY_EDITOR_CONFIG
from contributors.drafts import sanitize_draft
from contributors.forms import DRAFT_EDITOR_CONFIG, pasted_to_html
from epw.core.editor_schema import EXTENSIONS
from epw.core.html import allowlist, sanitize_html

# Where each element may stand, and a value for each attribute.
CONTEXT = {
    "li": "<ul>{}</ul>",
    "dt": "<dl>{}</dl>",
    "dd": "<dl>{}</dl>",
    "figcaption": "<figure>{}</figure>",
    "caption": "<table>{}<tbody><tr><td>x</td></tr></tbody></table>",
    "thead": "<table>{}</table>",
    "tbody": "<table>{}</table>",
    "tfoot": "<table>{}</table>",
    "tr": "<table><tbody>{}</tbody></table>",
    "td": "<table><tbody><tr>{}</tr></tbody></table>",
    "th": "<table><tbody><tr>{}</tr></tbody></table>",
}
INNER = {"table": "<tbody><tr><td>x</td></tr></tbody>", "thead": "<tr><th>x</th></tr>",
         "tbody": "<tr><td>x</td></tr>", "tfoot": "<tr><td>x</td></tr>", "tr": "<td>x</td>",
         "ul": "<li>x</li>", "ol": "<li>x</li>", "dl": "<dt>x</dt>"}  # fmt: skip
VALUES = {"href": "https://example.org/", "src": "/media/a.png", "cite": "https://example.org/",
          "start": "3", "colspan": "2", "rowspan": "2", "width": "20", "height": "10",
          "scope": "col", "loading": "lazy", "hreflang": "fr", "reversed": ""}  # fmt: skip
VOID = {"br", "hr", "img"}


def sample(tag: str, attributes: set[str]) -> str:
    values = "".join(f' {name}="{VALUES.get(name, "valeur")}"' for name in sorted(attributes))
    element = f"<{tag}{values}>" if tag in VOID else f"<{tag}{values}>{INNER.get(tag, 'x')}</{tag}>"
    return CONTEXT.get(tag, "{}").format(element)


def test_the_sanitiser_allows_what_the_article_and_draft_editors_declare():
    for kind, config in [("article", BODY_EDITOR_CONFIG), ("draft", DRAFT_EDITOR_CONFIG)]:
        declared = allowlist_from_extensions(expand_extensions(config["extensions"]))
        assert allowlist(kind) == declared
    assert not {"img", "figure", "figcaption"} & allowlist("draft")["tags"]
    assert {"table", "caption", "tfoot", "pre", "h6", "abbr", "dl"} <= allowlist("draft")["tags"]


def test_our_extensions_are_registered_and_their_modules_define_them():
    assert settings.DJANGO_PROSE_EDITOR_EXTENSIONS is EXTENSIONS
    for group in EXTENSIONS:
        source = "".join(
            open(finders.find(str(path).removeprefix(settings.STATIC_URL)), encoding="utf-8").read()
            for path in group["js"]
        )
        for name in group["extensions"]:
            assert re.search(rf"^export const {name}\b", source, re.M), name
            assert name in BODY_EDITOR_CONFIG["extensions"], name


@pytest.mark.parametrize("kind", ["article", "draft"])
def test_every_allowed_tag_and_attribute_survives_sanitising(kind):
    options = allowlist(kind)
    for tag in sorted(options["tags"]):
        attributes = options["attributes"].get(tag, set())
        html = sample(tag, attributes)
        clean = sanitize_html(html, kind=kind)
        opening = re.search(rf"<{tag}\b[^>]*>", clean)
        assert opening, (tag, html, clean)
        for name in attributes:
            assert f' {name}="{VALUES.get(name, "valeur")}"' in opening[0], (tag, name, clean)


def test_bold_and_italic_are_stored_as_the_editor_writes_them():
    assert sanitize_html('<p><b class="x">gras</b> et <i>italique</i></p>') == (
        "<p><strong>gras</strong> et <em>italique</em></p>"
    )
    untouched = '<p><abbr title="&lt;b&gt;">B</abbr><br><ins>i</ins><img src="/a.png"></p>'
    assert sanitize_html(untouched) == untouched


def test_images_without_an_address_are_dropped():
    assert sanitize_html('<p>a<img alt="vide">b<img src="javascript:alert(1)"></p>') == "<p>ab</p>"
    assert sanitize_html('<figure><img alt="x" title=" src="></figure><p>x</p>') == "<p>x</p>"
    kept = '<figure><img src="/media/a.png" alt=""></figure>'
    assert sanitize_html(kept) == kept


def test_drafts_hold_tables_and_code_but_no_images():
    draft = sanitize_draft(
        '<table><caption>Légende</caption><tbody><tr><td colspan="2">x</td></tr></tbody></table>'
        '<pre><code>code</code></pre><p><img src="/a.png" alt="Un trait"></p>'
    )
    assert draft == (
        '<table><caption>Légende</caption><tbody><tr><td colspan="2">x</td></tr></tbody></table>'
        "<pre><code>code</code></pre><p>Un trait</p>"
    )


def test_a_draft_the_editor_posts_is_read_as_html_whatever_block_starts_it():
    bodies = [
        "<dl><dt>Chapô</dt><dd>Intro</dd></dl>",
        "<table><tbody><tr><td>x</td></tr></tbody></table>",
        "<pre>code</pre>",
        "<h6>Titre</h6>",
    ]
    for body in bodies:
        assert pasted_to_html(body) == body
