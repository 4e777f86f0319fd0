"""Article search, as readers see it, on SQLite and on PostgreSQL."""

import html
import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from blog.models import Article
from blog.search import search_articles
from tests.factories import ArticleFactory, ContributorFactory

pytestmark = pytest.mark.django_db

# With the site chrome cached: index catch-up, the ranked ids, the page's excerpts; and for the
# result cards not kept yet, their rows, authors and tags.
# PostgreSQL: one statement says whether the index has work waiting and ranks, with the first
# page's excerpts. Elsewhere: the queue looked at, the ranking, the page's excerpts.
SEARCH_QUERY_BUDGET = {"postgresql": 1, "sqlite": 3}
CARD_QUERIES = 3

TITLE_RE = re.compile(r'<h2 class="card__title"><a href="[^"]*">(.*?)</a></h2>', re.S)
EXCERPT_RE = re.compile(r'<p class="card__summary search-result__excerpt">(.*?)</p>', re.S)


@pytest.fixture
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL full-text search only")


def search(client, query: str):
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    return response


def found_titles(response) -> list[str]:
    return [html.unescape(title) for title in TITLE_RE.findall(response.content.decode())]


def excerpts(response) -> list[str]:
    return EXCERPT_RE.findall(response.content.decode())


@pytest.mark.parametrize(
    "where",
    [
        {"title": "Le référencement naturel expliqué"},
        {"standfirst": "Tout savoir sur le référencement naturel."},
        {"body": "<p>Parlons enfin du <strong>référencement</strong> naturel.</p>"},
    ],
    ids=["title", "standfirst", "body"],
)
def test_finds_a_word_in_the_title_the_standfirst_or_the_body(client, where):
    ArticleFactory(title="Sans rapport", standfirst="Rien à voir.", body="<p>Autre chose.</p>")
    fields = {"title": "Un article", **where}
    ArticleFactory(**fields)
    response = search(client, "référencement")
    assert found_titles(response) == [fields["title"]]
    assert "1 résultat pour « référencement »" in response.content.decode()


def test_every_word_of_the_query_must_match(client):
    ArticleFactory(title="Écrire pour le web", body="<p>Des conseils de référencement.</p>")
    ArticleFactory(title="Écrire un roman", body="<p>Des personnages.</p>")
    assert found_titles(search(client, "écrire référencement")) == ["Écrire pour le web"]


def test_case_accents_and_ligatures_are_ignored(client):
    ArticleFactory(title="ÉCRIRE pour être lu", body="<p>Le référencement, un chef-d’œuvre.</p>")
    for query in ("ecrire", "Écrire", "REFERENCEMENT", "etre", "oeuvre", "Œuvre"):
        assert found_titles(search(client, query)) == ["ÉCRIRE pour être lu"], query


def test_french_words_match_their_other_forms(client, postgresql_only):
    ArticleFactory(title="Référencer ses articles", body="<p>Les écritures changent.</p>")
    for query in ("referencement", "écriture", "article"):
        assert found_titles(search(client, query)) == ["Référencer ses articles"], query


@pytest.mark.parametrize("query", ["strong", "href", "class", "title", "span"])
def test_the_body_markup_is_not_searched(client, query):
    ArticleFactory(
        title="Un article",
        body=(
            '<p class="intro">Le <strong>référencement</strong> et '
            '<a href="/x" title="Lien">un lien</a>, <span>voilà</span>.</p>'
        ),
    )
    response = search(client, query)
    assert found_titles(response) == []
    assert f"0 résultat pour « {query} »" in response.content.decode()


def test_a_word_is_not_found_inside_another(client):
    ArticleFactory(title="Un article", body="<p>Les méta-descriptions du dossier.</p>")
    for query in ("script", "criptions", "ossier", "ier"):
        assert found_titles(search(client, query)) == [], query
    assert found_titles(search(client, "dossier")) == ["Un article"]


def test_words_either_side_of_a_tag_stay_two_words(client):
    ArticleFactory(title="Un article", body="<p>Voici la fin</p><h2>Début suivant</h2>")
    assert found_titles(search(client, "début")) == ["Un article"]
    [excerpt] = excerpts(search(client, "fin"))
    assert "la <mark>fin</mark> Début" in excerpt


def test_plurals_and_other_endings_are_still_found(client):
    ArticleFactory(title="Des titres efficaces", body="<p>Les méta-descriptions.</p>")
    for query in ("titre", "efficace", "description", "méta"):
        assert found_titles(search(client, query)) == ["Des titres efficaces"], query


@pytest.mark.parametrize("query", ["p", "l", "l'", "qu’"])
def test_one_letter_words_and_elided_articles_alone_find_nothing(client, query):
    ArticleFactory(title="Un article", body="<p>Le plan de l’écran, qu’il a à placer.</p>")
    assert found_titles(search(client, query)) == []


@pytest.mark.parametrize("query", ["l'écran", "L’écran", "d'écran", "de l’écran"])
def test_elided_articles_are_ignored_in_a_query(client, query):
    ArticleFactory(title="Un article", body="<p>La lumière de l’écran, le soir.</p>")
    ArticleFactory(title="Un autre", body="<p>La lumière du soir.</p>")
    response = search(client, query)
    assert found_titles(response) == ["Un article"]
    [excerpt] = excerpts(response)
    marked = re.findall(r"<mark>(.*?)</mark>", excerpt)
    assert "écran" in marked
    assert set(marked) <= {"écran", "de"}  # never « l » nor the « l » of « lumière »


def test_highlights_whole_words_only(client):
    ArticleFactory(
        title="Un article",
        standfirst="Rien ici.",
        body="<p>Des méta-descriptions et une description, un script.</p>",
    )
    [excerpt] = excerpts(search(client, "description script"))
    assert "<mark>descriptions</mark>" in excerpt
    assert "<mark>description</mark>" in excerpt
    assert "<mark>script</mark>" in excerpt
    assert excerpt.count("<mark>") == 3


@pytest.mark.parametrize(
    "hidden",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"status": Article.Status.UNPUBLISHED},
        {"status": Article.Status.SCHEDULED, "published_at_in_days": 2},
        {"status": Article.Status.PUBLISHED, "published_at_in_days": 2},
        {"status": Article.Status.PUBLISHED, "published_at": None},
    ],
    ids=["draft", "review", "unpublished", "scheduled", "future", "undated"],
)
def test_articles_not_public_never_appear(client, hidden):
    fields = dict(hidden)
    if "published_at_in_days" in fields:
        fields["published_at"] = timezone.now() + timedelta(days=fields.pop("published_at_in_days"))
    ArticleFactory(title="Typographie secrète", **fields)
    ArticleFactory(title="Typographie publique")
    response = search(client, "typographie")
    assert found_titles(response) == ["Typographie publique"]
    assert "secrète" not in response.content.decode()


def test_a_scheduled_article_appears_once_its_time_has_come(client):
    ArticleFactory(
        title="Typographie programmée",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() - timedelta(minutes=1),
    )
    assert found_titles(search(client, "typographie")) == ["Typographie programmée"]


def test_title_matches_come_first(client):
    now = timezone.now()
    ArticleFactory(
        title="Dans le corps",
        body="<p>La typographie, la typographie, toujours la typographie.</p>",
        published_at=now - timedelta(hours=1),
    )
    ArticleFactory(
        title="Dans le chapô",
        standfirst="Un mot sur la typographie.",
        published_at=now - timedelta(hours=2),
    )
    ArticleFactory(title="La typographie du Web", published_at=now - timedelta(days=30))
    titles = found_titles(search(client, "typographie"))
    assert titles[0] == "La typographie du Web"
    assert set(titles[1:]) == {"Dans le corps", "Dans le chapô"}


def test_the_chapo_outranks_the_body(client, postgresql_only):
    now = timezone.now()
    ArticleFactory(
        title="Dans le corps",
        body="<p>Un mot sur la typographie.</p>",
        published_at=now - timedelta(hours=1),
    )
    ArticleFactory(
        title="Dans le chapô",
        standfirst="Un mot sur la typographie.",
        published_at=now - timedelta(days=30),
    )
    assert found_titles(search(client, "typographie")) == ["Dans le chapô", "Dans le corps"]


def test_changes_to_an_article_are_searchable_at_once(client):
    article = ArticleFactory(title="Premier titre")
    article.title = "Calligraphie ancienne"
    article.save()
    Article.objects.filter(pk=article.pk).update(standfirst="Enluminures médiévales.")
    assert found_titles(search(client, "calligraphie")) == ["Calligraphie ancienne"]
    assert found_titles(search(client, "enluminures")) == ["Calligraphie ancienne"]
    assert found_titles(search(client, "premier")) == []


def test_search_operators_are_understood(client, postgresql_only):
    ArticleFactory(title="Écrire pour le Web", body="<p>Le référencement.</p>")
    ArticleFactory(title="Écrire pour soi", body="<p>Un journal intime.</p>")
    assert found_titles(search(client, "écrire -référencement")) == ["Écrire pour soi"]
    assert found_titles(search(client, '"pour le web"')) == ["Écrire pour le Web"]
    assert len(found_titles(search(client, "intime or référencement"))) == 2


HOSTILE_QUERIES = [
    "",
    "   ",
    "x" * 1000,
    "écrire " * 200,
    "!!!???",
    "...,;:",
    "' OR 1=1 --",
    "'; DROP TABLE blog_article; --",
    "<script>alert(1)</script>",
    "a\x00b",
    "écrire\x00",
    "&|!:*()",
    "écrire & | ! : * ( )",
    "écrire:* | !!pour",
    '"unterminated',
    "-",
    "- écrire",
    "\\",
    "%_",
    "le la les",
    "\ue000écrire\ue001",
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_give_a_clean_page(client, query):
    ArticleFactory(title="Écrire pour être lu")
    response = search(client, query)
    content = response.content.decode()
    assert "<script>alert(1)" not in content
    if query.strip():
        assert re.search(r"\d+ résultats? pour «", content)
    assert Article.objects.count() == 1


def test_an_empty_query_shows_the_form_only(client):
    ArticleFactory(title="Écrire pour être lu")
    response = search(client, "")
    assert found_titles(response) == []
    assert "résultat" not in response.content.decode()
    assert 'name="q"' in response.content.decode()


def test_no_match_says_so(client):
    ArticleFactory(title="Écrire pour être lu")
    content = search(client, "zygomatique").content.decode()
    assert "0 résultat pour « zygomatique »" in content
    assert "Aucun article ne correspond à cette recherche." in content


def test_the_excerpt_highlights_the_match(client):
    ArticleFactory(
        title="Un article",
        standfirst="Un chapô sans le mot.",
        body="<p>Il faut savoir <em>écrire</em> pour être lu sur le Web.</p>",
    )
    [excerpt] = excerpts(search(client, "ecrire"))
    assert "<mark>écrire</mark>" in excerpt
    assert "<em>" not in excerpt


def test_a_long_body_is_cut_around_the_match(client):
    before = " ".join(f"avant{i}" for i in range(300))
    after = " ".join(f"après{i}" for i in range(300))
    ArticleFactory(
        title="Un article",
        standfirst="Un chapô sans le mot.",
        body=f"<p>{before} Parlons enfin de typographie. {after}</p>",
    )
    [excerpt] = excerpts(search(client, "typographie"))
    assert "<mark>typographie</mark>" in excerpt
    assert "avant299 Parlons" in excerpt
    assert "chapô" not in excerpt
    assert "après299" not in excerpt
    assert len(excerpt) < 600


def test_the_excerpt_cannot_inject_markup(client):
    ArticleFactory(
        title="<script>alert(1)</script> Typographie",
        standfirst='Le chapô <img src=x onerror="alert(1)"> sur la typographie.',
        body=(
            "<p>La typographie &lt;script&gt;alert(1)&lt;/script&gt; et "
            "&lt;mark&gt;faux&lt;/mark&gt;.</p><script>alert(1)</script>"
            '<p><a href="javascript:alert(1)" title="a>b">typographie</a></p>'
        ),
    )
    response = search(client, "typographie <script>alert(1)</script>")
    content = response.content.decode()
    assert "<script>alert(1)" not in content
    assert "onerror" not in content
    assert "javascript:" not in content
    [excerpt] = excerpts(response)
    assert "<mark>" in excerpt
    tags = re.findall(r"<[^>]*>", excerpt)
    assert set(tags) <= {"<mark>", "</mark>"}
    assert tags.count("<mark>") == tags.count("</mark>")
    text = excerpt.replace("<mark>", "").replace("</mark>", "")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text  # shown as text, never run
    assert "&lt;mark&gt;faux&lt;/mark&gt;" in text


def test_a_title_only_match_shows_the_chapo(client):
    ArticleFactory(title="Typographie", standfirst="Un chapô qui donne envie.", body="")
    [excerpt] = excerpts(search(client, "typographie"))
    assert "Un chapô qui donne envie." in excerpt


def test_results_are_paginated_and_keep_the_query(client):
    for i in range(12):
        ArticleFactory(title=f"Typographie {i}")
    first = search(client, "typographie")
    assert len(found_titles(first)) == 10
    assert "12 résultats pour « typographie »" in first.content.decode()
    assert "?q=typographie&amp;page=2" in first.content.decode()
    second = client.get("/recherche/", {"q": "typographie", "page": 2})
    assert len(found_titles(second)) == 2


def test_result_pages_are_not_called_newer_or_older(client):
    for i in range(12):
        ArticleFactory(title=f"Typographie {i}")
    first = search(client, "typographie").content.decode()
    assert "Résultats suivants →" in first
    second = client.get("/recherche/", {"q": "typographie", "page": 2}).content.decode()
    assert "← Résultats précédents" in second
    for content in (first, second):
        assert "plus récents" not in content
        assert "plus anciens" not in content
    listing = client.get("/", {"page": 1}).content.decode()
    assert "Articles plus anciens →" in listing
    assert "Résultats suivants" not in listing


@pytest.mark.parametrize("matching", [3, 15])
def test_search_runs_a_fixed_number_of_queries(client, django_assert_num_queries, matching):
    for i in range(matching):
        ArticleFactory(
            title=f"Typographie {i}",
            body="<p>Sur la typographie.</p>" * 20,
            tags=["fontes", f"etiquette-{i}", f"autre-{i}"],
        )
    ArticleFactory(title="Sans rapport")
    search(client, "zz")  # warms the site chrome cache, finds nothing
    budget = SEARCH_QUERY_BUDGET[connection.vendor]
    with django_assert_num_queries(budget + CARD_QUERIES):
        response = search(client, "typographie")
    assert len(found_titles(response)) == min(matching, 10)
    with django_assert_num_queries(0):  # the same search again, from the cache
        assert found_titles(search(client, "Typographie")) == found_titles(response)
    with django_assert_num_queries(budget):  # the same articles: cards kept
        assert found_titles(search(client, "fontes")) == found_titles(response)


def test_the_gin_index_serves_the_search(postgresql_only):
    now = timezone.now()
    Article.objects.bulk_create(
        Article(
            title=f"Article {i}",
            slug=f"remplissage-{i}",
            body="<p>Du texte ordinaire.</p>",
            status=Article.Status.PUBLISHED,
            published_at=now,
        )
        for i in range(2000)
    )
    ArticleFactory(title="Typographie")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE blog_article")
        # Tiny tables are read whole; leave the planner only bitmap scans to choose from.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    plan = search_articles("typographie").explain()
    assert "blog_article_search_idx" in plan


def test_a_kept_result_card_gets_each_search_s_excerpt_and_follows_changes(
    client, django_capture_on_commit_callbacks
):
    article = ArticleFactory(
        title="Typographie", body="<p>Les guillemets français. Les espaces fines.</p>"
    )
    assert "<mark>guillemets</mark>" in excerpts(search(client, "guillemets"))[0]
    second = excerpts(search(client, "fines"))[0]  # the same card, kept, another excerpt
    assert "<mark>fines</mark>" in second and "<mark>guillemets</mark>" not in second
    author = ContributorFactory(display_name="Noémie Plume")
    with django_capture_on_commit_callbacks(execute=True):
        article.authors.add(author)
        article.save()
    assert "Noémie Plume" in search(client, "espaces").content.decode()
