"""Comment feeds and the routes left out on purpose."""

from xml.etree import ElementTree

import pytest

from tests.factories import ArticleFactory, CommentFactory

pytestmark = pytest.mark.django_db


def rss_items(response) -> list[ElementTree.Element]:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    return ElementTree.fromstring(response.content).findall("./channel/item")


def test_site_feed_lists_public_comments_on_public_articles(client, article):
    public = CommentFactory(article=article, user_name="Camille", comment="<b>Bravo</b>")
    CommentFactory(article=article, state="held", comment="Pas encore")
    CommentFactory(article=ArticleFactory(status="draft"), comment="Brouillon")

    items = rss_items(client.get("/commentaires/flux/"))

    assert len(items) == 1
    assert items[0].findtext("title") == "Camille sur « Écrire pour le web »"
    assert "&lt;b&gt;Bravo&lt;/b&gt;" in items[0].findtext("description")
    assert items[0].findtext("link").endswith(f"{article.get_absolute_url()}#c{public.pk}")


def test_article_feed_is_linked_from_the_article(client, article):
    comment = CommentFactory(article=article)
    CommentFactory(article=ArticleFactory())
    feed = f"/commentaires/articles/{article.slug}/flux/"

    assert f'href="{feed}"' in client.get(article.get_absolute_url()).content.decode()
    items = rss_items(client.get(feed))
    assert [i.findtext("link").rsplit("#", 1)[1] for i in items] == [f"c{comment.pk}"]
    assert client.get("/commentaires/articles/inconnu/flux/").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/commentaires/api/", "/commentaires/post/", "/commentaires/reply/1/", "/commentaires/sent/"],
)
def test_xtd_api_and_own_posting_views_are_not_routed(client, path):
    assert client.get(path).status_code == 404
    assert client.post(path, {}).status_code in (403, 404)


def test_the_comment_feed_speaks_the_site_language_whatever_the_browser_asks(client, article):
    CommentFactory(article=article)
    response = client.get("/commentaires/flux/", headers={"accept-language": "en"})
    channel = ElementTree.fromstring(response.content).find("channel")
    assert channel.findtext("title") == "Écrire pour le web — derniers commentaires"
    assert channel.findtext("description").startswith("Les derniers commentaires publiés")
    assert channel.findtext("language") == "fr"
