"""Sanitising is idempotent and removes what is hostile, whatever the input."""

from hypothesis import example, given, settings
from hypothesis import strategies as st

from epw.core.html import sanitize_html

FRAGMENTS = st.sampled_from(
    [
        "<p>", "</p>", "<script>alert(1)</script>", '<a href="javascript:alert(1)">x</a>',
        '<img src=x onerror="alert(1)">', '<iframe src="//evil"></iframe>', "<style>p{}</style>",
        '<span style="color:red" class="MsoNormal">', "</span>", "<h2>", "</h2>", "<b>", "<em>",
        "&amp;", "&lt;", "<", ">", "\"", "'", "é", "\u202f", "\x00", "<!-- c -->", "<ul><li>",
        '<a href="https://example.org/" onclick="x()">lien</a>', "<table><tr><td>", "texte ",
    ]
)  # fmt: skip
HTML = st.one_of(st.text(max_size=200), st.lists(FRAGMENTS, max_size=40).map("".join))


@settings(max_examples=500, deadline=None)
@given(HTML)
@example("<H2><A0><H2>")  # nested blocks that a second parse rebuilds differently
def test_sanitising_is_idempotent(html):
    once = sanitize_html(html)
    assert sanitize_html(once) == once


@settings(max_examples=500, deadline=None)
@given(HTML)
def test_nothing_executable_survives(html):
    clean = sanitize_html(html).lower()
    for bad in ("<script", "<iframe", "<style", "javascript:", "onerror=", "onclick=", "style="):
        assert bad not in clean


def test_word_and_google_docs_paste_becomes_plain_semantic_html():
    word = (
        '<p class="MsoNormal" style="margin-bottom:0cm;line-height:normal">'
        '<b><span style="font-size:14.0pt;font-family:&quot;Calibri&quot;">Titre</span></b>'
        '<o:p></o:p></p><!--[if !supportLists]--><p class="MsoListParagraph">'
        '<span lang="FR" style="mso-bidi-font-family:Arial">Un point</span></p>'
    )
    google = (
        '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1">'
        '<p dir="ltr" style="line-height:1.38;"><span style="font-size:11pt;color:#000000;">'
        "Texte</span></p></b>"
    )
    assert sanitize_html(word) == "<p><strong>Titre</strong></p><p>Un point</p>"
    assert sanitize_html(google) == "<strong><p>Texte</p></strong>"
