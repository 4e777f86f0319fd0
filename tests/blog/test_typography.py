import pytest

from blog.typography import NBSP, NNBSP, elide_before, french_typography


def test_spaces_before_double_punctuation_become_non_breaking():
    assert french_typography("Pourquoi ? Parce que ! Voilà ; enfin") == (
        f"Pourquoi{NNBSP}? Parce que{NNBSP}! Voilà{NNBSP}; enfin"
    )
    assert french_typography("Vraiment?") == f"Vraiment{NNBSP}?"


def test_colon_and_guillemets():
    assert french_typography("Règle : « écrire court »") == (
        f"Règle{NBSP}: «{NBSP}écrire court{NBSP}»"
    )
    assert french_typography("<strong>Clarté</strong> : un mot") == (
        f"<strong>Clarté</strong>{NBSP}: un mot"
    )


def test_apostrophes_become_curly():
    assert french_typography("l'écriture d'aujourd'hui") == "l’écriture d’aujourd’hui"


def test_urls_entities_times_and_code_are_left_alone():
    html = (
        '<a href="https://example.org/?a=1&amp;b=2" title="l\'accueil : ici">'
        "https://example.org/?a=1&amp;b=2</a> à 10:30 : "
        "<code>a : b ? l'c</code> <pre>x ; y</pre> mailto:x@example.org"
    )
    fixed = french_typography(html)
    assert '<a href="https://example.org/?a=1&amp;b=2" title="l\'accueil : ici">' in fixed
    assert "https://example.org/?a=1&amp;b=2</a>" in fixed
    assert f"10:30{NBSP}:" in fixed
    assert "<code>a : b ? l'c</code>" in fixed
    assert "<pre>x ; y</pre>" in fixed
    assert "mailto:x@example.org" in fixed


def test_applying_twice_changes_nothing_more():
    text = "Titre : « citation » ? l'idée !"
    once = french_typography(text)
    assert french_typography(once) == once


def test_article_page_shows_french_typography(client, db):
    from tests.factories import ArticleFactory

    article = ArticleFactory(
        title="Faut-il écrire court ?",
        body='<p>Le principe : « moins » ! Voir <a href="https://example.org/a:b?c=1">ici</a>.</p>',
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"Faut-il écrire court{NNBSP}?" in html
    assert f"principe{NBSP}: «{NBSP}moins{NBSP}»{NNBSP}!" in html
    assert 'href="https://example.org/a:b?c=1"' in html


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Les articles de Alice Martin", "Alice Martin", "Les articles d’Alice Martin"),
        ("Le portrait de Hélène", "Hélène", "Le portrait d’Hélène"),
        ("Voir le Écrire pour le web", "Écrire pour le web", "Voir l’Écrire pour le web"),
        ("De Ulysse et la Ida", "Ulysse", "D’Ulysse et la Ida"),
        ("Les articles de Bruno Petit", "Bruno Petit", "Les articles de Bruno Petit"),
        ("Articles by Alice Martin", "Alice Martin", "Articles by Alice Martin"),
        ("Monde Alice", "Alice", "Monde Alice"),
    ],
)
def test_elision_before_a_name(text, name, expected):
    assert elide_before(text, name) == expected


@pytest.mark.parametrize("space", ["&nbsp;", "&#160;", "&#xA0;", "\u00a0"])
def test_a_no_break_space_written_as_an_entity_is_not_doubled(space):
    fixed = french_typography(f"<p>programme{space}: ateliers</p>")
    assert fixed == "<p>programme\u00a0: ateliers</p>"
    assert french_typography(f"<p>«{space}mot{space}»</p>") == "<p>«\u00a0mot\u00a0»</p>"


def test_a_narrow_no_break_space_entity_is_kept_before_a_question_mark():
    assert french_typography("<p>Vraiment&#8239;?</p>") == "<p>Vraiment\u202f?</p>"
