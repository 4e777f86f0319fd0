"""A quotation's source (`cite`) is a web address or nothing: never a script."""

import pytest

from epw.core.html import sanitize_html

HOSTILE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;&#x61;vascript&colon;alert(1)",
    "java&#9;script:alert(1)",
    "java\nscript:alert(1)",
    " \x01javascript:alert(1)",
    "&#32;javascript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "/relative/page",
]


@pytest.mark.parametrize("kind", ["article", "draft"])
@pytest.mark.parametrize("tag", ["blockquote", "q"])
@pytest.mark.parametrize("source", HOSTILE)
def test_a_source_that_is_not_a_web_address_is_dropped(kind, tag, source):
    html = f'<p><{tag} cite="{source}">Citation</{tag}></p>'
    if tag == "blockquote":
        html = f'<{tag} cite="{source}"><p>Citation</p></{tag}>'
    cleaned = sanitize_html(html, kind=kind)
    assert "cite" not in cleaned
    assert "Citation" in cleaned


@pytest.mark.parametrize(
    "source", ["https://example.org/a?b=1&amp;c=2", "http://example.org/", " HTTPS://example.org/"]
)
def test_a_web_address_source_is_kept(source):
    cleaned = sanitize_html(f'<blockquote cite="{source}"><p>Citation</p></blockquote>')
    assert 'cite="' in cleaned
    assert sanitize_html(cleaned) == cleaned
