"""Writing checks: each rule of writing for the web is flagged, and only when it applies."""

import pytest

from blog.models import Article
from blog.writing_checks import check_article

CLEAN = {
    "title": "Écrire un bon chapô",
    "standfirst": "Deux phrases qui donnent envie\u202f!",
    "body": "<p>Un texte propre.</p><h2>Partie</h2><h3>Détail</h3>"
    '<p>Voir <a href="https://example.org/">le guide des titres</a>.</p>'
    '<p><img src="https://example.org/a.png" alt="Un schéma"></p>',
}


def codes(**overrides) -> list[str]:
    article = Article(**{**CLEAN, **overrides})
    return [warning.code for warning in check_article(article)]


def test_a_clean_article_has_no_warning():
    assert codes() == []


def test_a_title_longer_than_60_characters_is_flagged():
    assert codes(title="x" * 60) == []
    assert codes(title="Un titre bien trop long pour tenir dans un résultat de recherche") == [
        "title_length"
    ]


def test_a_missing_standfirst_is_flagged():
    assert codes(standfirst="  ") == ["standfirst"]


def test_a_cover_without_alt_text_is_flagged():
    cover = {"cover": "covers/a.png", "cover_width": 40, "cover_height": 30}
    assert codes(**cover, cover_alt="") == ["cover_alt"]
    assert codes(**cover, cover_alt="Une plume") == []


@pytest.mark.parametrize(
    "img", ['<img src="/a.png">', '<img src="/a.png" alt="">', '<img src="/a.png" alt="  ">']
)
def test_body_images_without_alt_text_are_flagged(img):
    article = Article(**{**CLEAN, "body": f"<p>{img}{img}</p>"})
    warnings = check_article(article)
    assert [w.code for w in warnings] == ["image_alt"]
    assert "2 image(s)" in warnings[0].message


def test_skipped_heading_levels_are_flagged():
    assert codes(body="<h2>A</h2><h4>B</h4>") == ["heading_skip"]
    assert codes(body="<h3>Starts too deep</h3>") == ["heading_skip"]
    assert codes(body="<h2>A</h2><h3>B</h3><h2>C</h2><h3>D</h3>") == []


@pytest.mark.parametrize(
    "text", ["cliquez ici", "Ici", "lire la suite…", "En savoir plus", "click here"]
)
def test_vague_link_texts_are_flagged(text):
    warnings = check_article(Article(**{**CLEAN, "body": f'<p><a href="/x/">{text}</a></p>'}))
    assert [w.code for w in warnings] == ["vague_link"]
    assert text.strip() in warnings[0].message


def test_descriptive_link_texts_are_not_flagged():
    assert codes(body='<p><a href="/x/">Lire la suite du guide des titres</a></p>') == []


@pytest.mark.parametrize(
    "text",
    ["Vraiment ?", "Attention !", "Deux points : voilà", "Un point-virgule ; ici", "« Citation »"],
)
def test_missing_french_non_breaking_spaces_are_flagged(text):
    warnings = check_article(Article(**{**CLEAN, "body": f"<p>{text}</p>"}))
    assert [w.code for w in warnings] == ["french_spaces"]


def test_french_spacing_is_checked_in_the_title_too_but_reported_once():
    assert codes(title="Pourquoi ?", body="<p>Et alors ?</p>") == ["french_spaces"]


@pytest.mark.parametrize(
    "text",
    [
        "Vraiment\u202f?",
        "«\u00a0Citation\u00a0»",
        "Il est 10:30.",
        "Voir https://example.org/?q=1",
        "<code>a ? b : c</code>",
    ],
)
def test_correct_spacing_urls_times_and_code_are_not_flagged(text):
    assert codes(body=f"<p>{text}</p>") == []
