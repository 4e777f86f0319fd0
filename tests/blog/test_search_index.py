"""What search finds besides the text (tags, category, authors), the index staying right after
every kind of change, « Vouliez-vous dire … ? », and results cached briefly."""

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from blog import services
from blog.models import Article, TaggedArticle
from blog.search import search_page
from blog.search.index import search_index_catch_up
from blog.search.models import SearchQueue, SearchWord
from tests.blog.test_search import found_titles
from tests.blog.test_search import search as cached_search
from tests.factories import ArticleFactory, CategoryFactory, ContributorFactory

pytestmark = pytest.mark.django_db


def search(client, query: str):
    """A search once the results cached by an earlier one have expired."""
    cache.clear()
    return cached_search(client, query)


def test_a_tag_finds_the_articles_tagged_with_it(client):
    ArticleFactory(title="Bien se faire lire", tags=["SEO"])
    ArticleFactory(title="Sans étiquette", tags=["Typographie"])
    assert found_titles(search(client, "SEO")) == ["Bien se faire lire"]
    assert found_titles(search(client, "seo")) == ["Bien se faire lire"]


def test_an_author_name_finds_their_articles(client):
    marguerite = ContributorFactory(display_name="Marguerite Duras")
    ArticleFactory(title="Écrire", authors=[marguerite])
    ArticleFactory(title="Lire", authors=[ContributorFactory(display_name="Georges Perec")])
    assert found_titles(search(client, "Marguerite Duras")) == ["Écrire"]
    assert found_titles(search(client, "duras")) == ["Écrire"]


def test_a_category_name_finds_its_articles(client):
    ArticleFactory(title="Un entretien", category=CategoryFactory(name="Portraits"))
    ArticleFactory(title="Une chronique", category=CategoryFactory(name="Chroniques"))
    assert found_titles(search(client, "portraits")) == ["Un entretien"]


def test_tags_authors_and_categories_follow_their_changes(client):
    article = ArticleFactory(title="Un article", tags=["SEO"])
    article.tags.set(["Référencement"])
    assert found_titles(search(client, "SEO")) == []
    assert found_titles(search(client, "referencement")) == ["Un article"]

    tag = Tag.objects.get(name="Référencement")
    tag.name = "Visibilité"
    tag.save()
    assert found_titles(search(client, "visibilite")) == ["Un article"]

    author = ContributorFactory(display_name="Colette")
    author.articles.add(article)  # from the contributor's side
    assert found_titles(search(client, "colette")) == ["Un article"]
    author.display_name = "Sidonie-Gabrielle Colette"
    author.save()
    assert found_titles(search(client, "sidonie")) == ["Un article"]
    author.articles.clear()
    assert found_titles(search(client, "sidonie")) == []

    category = article.category
    category.name = "Enquêtes"
    category.save()
    assert found_titles(search(client, "enquetes")) == ["Un article"]
    category.delete()
    assert found_titles(search(client, "enquetes")) == []


def test_links_and_changes_written_in_bulk_are_found(client):
    """As the WordPress import and scripts do: links inserted in bulk, rows updated in bulk."""
    article = ArticleFactory(title="Un article importé")
    tag = Tag.objects.create(name="Archives", slug="archives")
    TaggedArticle.objects.bulk_create([TaggedArticle(content_object=article, tag=tag)])
    assert found_titles(search(client, "archives")) == ["Un article importé"]
    Article.authors.through.objects.filter(article=article).delete()
    Article.objects.filter(pk=article.pk).update(category=CategoryFactory(name="Mémoires"))
    assert found_titles(search(client, "memoires")) == ["Un article importé"]
    TaggedArticle.objects.filter(content_object=article).delete()
    assert found_titles(search(client, "archives")) == []


def test_edits_unpublishing_and_deletion_keep_the_index_right(client, django_user_model):
    editor = django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    article = ArticleFactory(title="Calligraphie", body="<p>Des pleins et des déliés.</p>")
    assert found_titles(search(client, "délié")) == ["Calligraphie"]

    Article.objects.filter(pk=article.pk).update(body="<p>Des enluminures.</p>")
    assert found_titles(search(client, "enluminures")) == ["Calligraphie"]
    assert found_titles(search(client, "pleins")) == []

    article.refresh_from_db()
    services.article_unpublish(article=article, by=editor)
    assert found_titles(search(client, "calligraphie")) == []
    article.refresh_from_db()
    services.article_publish(article=article, by=editor)
    assert found_titles(search(client, "calligraphie")) == ["Calligraphie"]

    Article.objects.filter(pk=article.pk).delete()
    assert found_titles(search(client, "calligraphie")) == []
    assert search_index_catch_up() == 0
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM blog_search_fts")
            assert cursor.fetchone() == (0,)


def test_accents_and_case_are_folded_both_ways(client):
    ArticleFactory(title="Les cafés de la rue", tags=["Été"])
    for query in ("cafe", "CAFÉS", "ete", "été", "Rue"):
        assert found_titles(search(client, query)) == ["Les cafés de la rue"], query
    ArticleFactory(title="Le cafe sans accent")
    assert set(found_titles(search(client, "café"))) == {
        "Les cafés de la rue",
        "Le cafe sans accent",
    }


def test_a_misspelling_gets_a_suggestion_that_runs_the_corrected_search(client):
    ArticleFactory(title="La typographie française", body="<p>Des espaces insécables.</p>")
    content = search(client, "typografie").content.decode()
    assert "0 résultat pour « typografie »" in content
    assert "Vouliez-vous dire" in content
    assert '<a href="/recherche/?q=typographie" rel="nofollow">typographie</a>' in content
    assert found_titles(search(client, "typographie")) == ["La typographie française"]
    content = search(client, "espaces insecabels").content.decode()
    assert "?q=espaces%20ins%C3%A9cables" in content


def test_no_suggestion_when_something_is_found_or_nothing_is_close(client):
    ArticleFactory(title="La typographie française")
    assert "Vouliez-vous dire" not in search(client, "typographie").content.decode()
    assert "Vouliez-vous dire" not in search(client, "zygomatique").content.decode()


def test_words_of_articles_not_public_are_never_suggested(client):
    ArticleFactory(title="Projet confidentiel", status=Article.Status.DRAFT)
    content = search(client, "confidentiels").content.decode()
    assert "Vouliez-vous dire" not in content
    assert not SearchWord.objects.filter(word="confidentiel").exists()


def test_results_are_cached_briefly(client, settings):
    first = ArticleFactory(title="Typographie")
    assert found_titles(cached_search(client, "typographie")) == ["Typographie"]
    ArticleFactory(title="Typographie nouvelle")
    # The same search, however typed, from the cache for a few seconds…
    assert found_titles(cached_search(client, "Typographie ")) == ["Typographie"]
    assert [found.pk for found in search_page("typographie", 1).articles] == [first.pk]
    # …but not in another language.
    settings.LANGUAGE_CODE = "en"
    response = client.get("/recherche/", {"q": "typographie"}, HTTP_ACCEPT_LANGUAGE="en")
    assert len(found_titles(response)) == 2


def test_a_page_past_the_last_is_not_found(client):
    ArticleFactory(title="Typographie")
    response = client.get("/recherche/", {"q": "typographie", "page": 3})
    assert response.status_code == 404


def test_the_reindex_command_derives_everything_again(client):
    article = ArticleFactory(title="Un article", tags=["SEO"])
    search(client, "seo")
    Article.objects.filter(pk=article.pk).update(search_terms="")
    SearchWord.objects.all().delete()
    call_command("search_reindex", verbosity=0)
    assert Article.objects.get(pk=article.pk).search_terms.endswith("SEO")
    assert SearchWord.objects.filter(word="article").exists()
    assert not SearchQueue.objects.exists()


def test_a_scheduled_article_whose_time_came_is_found(client):
    ArticleFactory(
        title="Typographie programmée",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now(),
    )
    assert found_titles(search(client, "programmee")) == ["Typographie programmée"]


def test_a_scheduled_article_s_words_are_suggested_once_its_time_came(client):
    ArticleFactory(
        title="Calligraphie programmée",
        status=Article.Status.SCHEDULED,
        published_at=timezone.now() + timedelta(hours=1),
    )
    search_index_catch_up()
    assert not SearchWord.objects.filter(word="calligraphie").exists()
    assert "Vouliez-vous dire" not in search(client, "caligraphie").content.decode()
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        content = search(client, "caligraphie").content.decode()
    assert '<a href="/recherche/?q=calligraphie" rel="nofollow">calligraphie</a>' in content


def test_a_word_no_public_article_holds_any_more_is_not_suggested(client, django_user_model):
    article = ArticleFactory(title="La calligraphie", body="<p>Des pleins et des déliés.</p>")
    search_index_catch_up()
    assert SearchWord.objects.filter(word="calligraphie").exists()
    Article.objects.filter(pk=article.pk).update(status=Article.Status.DRAFT)
    content = search(client, "caligraphie").content.decode()
    assert "Vouliez-vous dire" not in content
    assert not SearchWord.objects.filter(word="calligraphie").exists()


def test_postgresql_ranks_only_the_most_recent_matches(client, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("bounded ranking on PostgreSQL only; SQLite counts every match")
    monkeypatch.setattr("blog.search.BOUND", 3)
    monkeypatch.setattr("blog.search.query.BOUND", 3)
    now = timezone.now()
    ArticleFactory(title="Typographie ancienne", published_at=now - timedelta(days=30))
    for days in (1, 2, 3, 4):
        ArticleFactory(
            title=f"Chronique {days}",
            body="<p>La typographie.</p>",
            published_at=now - timedelta(days=days),
        )
    response = search(client, "typographie")
    assert found_titles(response) == ["Chronique 1", "Chronique 2", "Chronique 3"]
    assert "Au moins 3 résultats pour « typographie » : voici les 3 plus récents" in (
        response.content.decode()
    )


def test_a_search_finding_nothing_runs_a_bounded_number_of_queries(
    client, django_assert_max_num_queries
):
    ArticleFactory(title="La typographie française", body="<p>Des espaces insécables.</p>")
    search(client, "fontes")  # warm the site chrome cache
    # Articles gone live, catch-up, matches (and on SQLite the empty page), known words, and
    # for at most 3 words a look-up and the check that the word found is still on the site.
    with django_assert_max_num_queries(11):
        content = cached_search(client, "typografie insecabels fransaise zzzz").content.decode()
    assert "Vouliez-vous dire" in content
