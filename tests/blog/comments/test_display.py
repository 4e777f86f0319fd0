"""Comments under an article: threads, reply links without JavaScript, load more, budget."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from epw.chrome import chrome_load
from epw.core.chrome_cache import site_changed
from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def page_of(client, article, query: str = "") -> str:
    response = client.get(article.get_absolute_url() + query)
    assert response.status_code == 200
    return response.content.decode()


def test_threads_count_permalinks_and_initials(article, client):
    first = CommentFactory(article=article, user_name="Camille Martin")
    reply = CommentFactory(article=article, parent=first, user_name="léa")
    CommentFactory(article=article, state="held", comment="Pas encore relu")

    page = page_of(client, article)

    assert "2 commentaires" in page
    assert "Pas encore relu" not in page
    assert f'id="c{first.pk}" class="comment comment--level-0"' in page
    assert f'id="c{reply.pk}" class="comment comment--level-1"' in page
    assert f'href="#c{reply.pk}"' in page
    assert ">CM</span>" in page and ">L</span>" in page
    assert "gravatar" not in page


def test_reply_link_moves_the_form_under_the_comment_without_javascript(article, client):
    first = CommentFactory(article=article, user_name="Camille")
    second = CommentFactory(article=article)
    page = page_of(client, article)
    assert f'href="?reply_to={first.pk}#comment-form"' in page
    assert page.index('id="comment-form"') > page.index(f'id="c{second.pk}"')

    page = page_of(client, article, f"?reply_to={first.pk}")

    form_at = page.index('id="comment-form"')
    assert page.index(f'id="c{first.pk}"') < form_at < page.index(f'id="c{second.pk}"')
    assert f'name="reply_to" value="{first.pk}"' in page
    assert "Répondre à Camille" in page
    assert page.count('id="comment-form"') == 1


def test_reply_link_works_for_comment_ids_past_ten_thousand(article, client):
    CommentFactory(article=article, id=123_456)

    page = page_of(client, article, "?reply_to=123456")

    assert 'name="reply_to" value="123456"' in page


def test_no_reply_link_at_the_deepest_level(article, client, settings):
    settings.COMMENTS_XTD_MAX_THREAD_LEVEL = 1
    first = CommentFactory(article=article)
    child = CommentFactory(article=article, parent=first)

    page = page_of(client, article, f"?reply_to={child.pk}")

    assert f"reply_to={first.pk}#" in page
    assert f"reply_to={child.pk}#" not in page
    assert 'name="reply_to" value="0"' in page  # the form stays at the bottom


@pytest.mark.parametrize("query", ["?reply_to=abc", "?reply_to=-1", "?reply_to=99999999999"])
def test_odd_reply_parameters_are_ignored(article, client, query):
    CommentFactory(article=article)
    assert 'name="reply_to" value="0"' in page_of(client, article, query)


def test_long_discussions_load_more_threads(article, client, settings):
    settings.EPW_COMMENTS_THREADS_PER_PAGE = 2
    threads = [CommentFactory(article=article, comment=f"Fil {i}") for i in range(5)]

    page = page_of(client, article)
    assert "5 commentaires" in page
    assert "Fil 1" in page and "Fil 2" not in page
    assert 'href="?commentaires=2#commentaires"' in page

    page = page_of(client, article, "?commentaires=3")
    assert all(f"Fil {i}" in page for i in range(5))
    assert "Afficher plus de commentaires" not in page
    assert f"?commentaires=3&amp;reply_to={threads[0].pk}#comment-form" in page


def test_closed_article_shows_comments_without_form_or_reply_links(client):
    article = ArticleFactory(comments_open=False)
    CommentFactory(article=article, comment="Ancien avis")
    page = page_of(client, article)
    assert "Ancien avis" in page
    assert "Répondre" not in page
    assert 'id="comment-form"' not in page


def test_remembered_commenter_finds_the_form_filled(article, post_comment, client):
    CommentFactory(article=article, user_email="camille@example.org")
    response = post_comment(article, remember="on", url="https://camille.example")
    cookie = response.cookies["epw_commentateur"]
    assert cookie["httponly"] and cookie["max-age"]

    page = page_of(client, article)
    assert 'value="Camille Martin"' in page and 'value="camille@example.org"' in page

    response = post_comment(article, comment="Sans mémoire cette fois")
    assert response.cookies["epw_commentateur"].value == ""
    assert 'value="camille@example.org"' not in page_of(client, article)


def test_no_cookie_without_consent(article, post_comment):
    response = post_comment(article)
    assert not response.cookies.get("epw_commentateur", None) or (
        response.cookies["epw_commentateur"].value == ""
    )


def test_forged_remember_cookie_is_ignored(article, client):
    client.cookies["epw_commentateur"] = '{"name": "Pirate"}'
    assert "Pirate" not in page_of(client, article)


def count_queries(client, path: str) -> int:
    """The queries of the page as built after a change (the chrome warm, the rest anew)."""
    client.get(path)
    site_changed()
    chrome_load()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_article_page_queries_do_not_grow_with_comments(client):
    """0, 10 and 200 comments (threads and replies, some held) cost the same queries."""
    counts = []
    for size in (0, 10, 200):
        article = ArticleFactory()
        parents = []
        for i in range(size):
            parent = parents[i % len(parents)] if i % 3 and parents else None
            comment = CommentFactory(article=article, parent=parent)
            if parent is None:
                parents.append(comment)
        if size:
            CommentFactory(article=article, state="held")
        counts.append(count_queries(client, article.get_absolute_url()))
        counts.append(count_queries(client, f"{article.get_absolute_url()}?reply_to=1"))
    assert len(set(counts)) == 1, counts
    # the next clock change; the article, its authors, tags and comments; its neighbours
    assert counts[0] == 8


def test_comment_dates_read_naturally_in_each_language(article, client):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    CommentFactory(
        article=article, submit_date=datetime(2026, 5, 15, 9, 5, tzinfo=ZoneInfo("Europe/Paris"))
    )
    french = client.get(article.get_absolute_url()).content.decode()
    assert "15 mai 2026 à 09:05" in french
    english = client.get(article.get_absolute_url(), headers={"accept-language": "en"})
    assert "15 May 2026, 09:05" in english.content.decode()
