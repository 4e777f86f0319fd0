"""Hostile input in every field: escaped or refused in French, never a 500 nor a mail header."""

import pytest
from django.core import mail
from django_comments_xtd.models import XtdComment

from tests.blog.comments.conftest import prove_address
from tests.factories import CommentFactory

pytestmark = pytest.mark.django_db

PAYLOADS = {
    "script": "<script>alert('x')</script>",
    "handler": '<img src=x onerror="alert(1)">',
    "javascript_url": "javascript:alert(document.cookie)",
    "crlf": "Camille\r\nBcc: victime@example.org",
    "huge": "a" * 10_000,
    "zero_width": "Cam\u200bille",
    "rtl": "Camille \u202egnp.exe",
    "nul": "Cam\x00ille",
}
FIELDS = ["name", "email", "url", "comment", "reply_to", "followup", "timestamp", "object_pk"]


@pytest.mark.parametrize("payload", PAYLOADS.values(), ids=PAYLOADS.keys())
@pytest.mark.parametrize("field", FIELDS)
def test_never_a_server_error(article, post_comment, field, payload):
    response = post_comment(article, **{field: payload})

    assert response.status_code in (302, 400), response.status_code
    for message in mail.outbox:
        for value in (message.subject, *message.to, *message.extra_headers.values()):
            assert "\n" not in value and "\r" not in value
        assert "victime@example.org" not in message.recipients()
    if response.status_code == 400:
        page = response.content.decode()
        assert "<script>alert" not in page
        assert 'onerror="alert' not in page
        assert "\x00" not in page


@pytest.mark.parametrize(
    "field, payload, message",
    [
        ("name", PAYLOADS["crlf"], "caractères invisibles ou de contrôle"),
        ("name", PAYLOADS["zero_width"], "caractères invisibles ou de contrôle"),
        ("name", PAYLOADS["rtl"], "caractères invisibles ou de contrôle"),
        ("name", PAYLOADS["huge"], "50 caractères"),
        ("email", "camille@example.org\r\nBcc: victime@example.org", "adresse de courriel valide"),
        ("url", PAYLOADS["javascript_url"], "URL valide"),
        ("comment", PAYLOADS["huge"], "3000 caractères"),
        ("comment", PAYLOADS["nul"], "caractère nul"),
        ("comment", PAYLOADS["rtl"], "caractères de contrôle"),
    ],
)
def test_refused_with_a_french_message_next_to_the_field(
    article, post_comment, field, payload, message
):
    response = post_comment(article, **{field: payload})

    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="error-{field}"' in page
    assert message in page
    assert not XtdComment.norel_objects.exists()
    assert mail.outbox == []


def test_markup_in_a_published_comment_is_shown_as_text(article, post_comment, client):
    CommentFactory(article=article, user_email="camille@example.org")
    prove_address(client)
    text = "<script>alert('x')</script>\n<b onmouseover=alert(1)>gras</b> https://exemple.fr"

    post_comment(article, name="<i>Camille</i>", comment=text, url="https://camille.example")

    page = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "&lt;b onmouseover=alert(1)&gt;gras&lt;/b&gt;" in page
    assert "&lt;i&gt;Camille&lt;/i&gt;" in page
    assert '<a href="https://exemple.fr" rel="nofollow">https://exemple.fr</a>' in page
    assert '<a href="https://camille.example" rel="nofollow ugc noopener">' in page


def test_javascript_text_is_not_autolinked(article, client):
    CommentFactory(article=article, comment="javascript:alert(1) et data:text/html,xx")
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'href="javascript' not in page
    assert 'href="data' not in page


@pytest.mark.parametrize("reply_to", ["999999999999999999999999999999", "2147483648", "-1", "abc"])
def test_a_bad_reply_target_gets_a_clear_message_not_a_server_error(
    article, post_comment, reply_to
):
    response = post_comment(article, reply_to=reply_to)

    assert response.status_code == 400
    page = response.content.decode()
    assert "Le commentaire auquel vous répondez est introuvable" in page
    assert "corrigez les champs signalés" not in page  # no visible field is at fault
    assert not XtdComment.norel_objects.exists()


def test_a_textarea_at_its_maxlength_is_accepted_whatever_its_line_breaks(
    article, post_comment, client
):
    lines = ["x" * 26] * 103 + ["y" * (2990 - 103 - 26 * 103)]
    sent = "\r\n".join(lines)  # as a browser sends 2,990 characters of which 103 line breaks
    assert len(sent) == 3093

    assert post_comment(article, comment=sent).status_code == 302
    stored = XtdComment.norel_objects.get().comment
    assert stored == "\n".join(lines)
    assert len(stored) == 2990

    post_comment(article, comment="Un\rdeux\r\ntrois", email="autre@example.org")
    assert XtdComment.norel_objects.latest("pk").comment == "Un\ndeux\ntrois"
