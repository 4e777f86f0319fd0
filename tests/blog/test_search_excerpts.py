"""Excerpts of search results: what is marked, and where the text is cut."""

import re

import pytest
from django.db import connection

from blog.search.excerpts import excerpt, prefix_matcher, stem, stem_matcher
from blog.search.text import fold
from tests.blog.test_search import excerpts, search
from tests.factories import ArticleFactory

FRENCH = (
    "Les lecteurs pressés lisent en diagonale : ils parcourent les intertitres, les canaux "
    "sociaux et les premières lignes. Écrire pour eux, c’est hiérarchiser l’information, "
    "choisir des verbes précis, réécrire sans relâche et relire à voix haute. Nos chroniqueuses "
    "expérimentées publieraient volontiers davantage d’applications concrètes."
)


def marked(excerpt_html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", excerpt_html)


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL stems words")


@pytest.mark.django_db
def test_the_stems_are_those_of_the_index(postgresql_only):
    words = {fold(word) for word in re.findall(r"[^\W\d_]{2,}", FRENCH)}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, tsvector_to_array(to_tsvector('french_unaccent', word)) "
            "FROM unnest(%s::text[]) AS word",
            [sorted(words)],
        )
        index = {word: lexemes for word, lexemes in cursor.fetchall() if lexemes}
    assert len(index) > 30
    assert {word: [stem(word)] for word in index} == index


@pytest.mark.django_db
def test_other_forms_of_a_word_are_marked_and_look_alikes_are_not(client, postgresql_only):
    ArticleFactory(
        title="Un article",
        standfirst="Rien ici.",
        body="<p>Un lecteur, des lectures, deux canaux et un canal ; les lectrices.</p>",
    )
    [found] = excerpts(search(client, "lecteurs canal"))
    assert marked(found) == ["lecteur", "canaux", "canal"]


def test_negated_words_are_not_marked():
    matcher = stem_matcher("'ecrir' & !'roman' & 'l''ecran'")
    found = excerpt("", "<p>Écrire un roman à l'écran.</p>", matcher)
    assert marked(found) == ["Écrire"]


def test_nothing_to_mark_gives_the_first_words():
    body = "<p>" + " ".join(f"mot{number}" for number in range(100)) + "</p>"
    for matcher in (stem_matcher("T"), stem_matcher(""), prefix_matcher("introuvable")):
        found = excerpt("Le chapô.", body, matcher)
        assert found.startswith("Le chapô. mot0 mot1")
        assert "mot39" not in found
        assert "<mark>" not in found


def test_a_long_article_is_cut_around_the_first_match():
    before = " ".join(f"avant{number}" for number in range(3000))
    after = " ".join(f"après{number}" for number in range(3000))
    body = f"<p>{before}</p><h2>Le titre</h2><p>On y parle de typographie. {after}</p>"
    found = excerpt("Un chapô.", body, stem_matcher("'typograph'"))
    assert found.startswith("… ")
    assert found.endswith(" …")
    assert "avant2999 Le titre On y parle de <mark>typographie</mark>." in found
    assert len(found) < 400


def test_markup_and_entities_of_the_text_stay_text():
    body = '<p title="a>b">Le &lt;mark&gt; de la <em>typographie</em> &amp; rien d’autre.</p>'
    found = excerpt("", body, prefix_matcher("typographie"))
    assert found == "Le &lt;mark&gt; de la <mark>typographie</mark> &amp; rien d’autre."
