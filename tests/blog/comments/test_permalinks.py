"""Links to a comment open the page of threads that shows it, whatever its place in the list."""

import re
from xml.etree import ElementTree

import pytest
from django.core import mail
from django_comments_xtd.models import XtdComment

from blog.comments import services
from blog.comments.permalinks import comment_path
from tests.blog.comments.conftest import prove_address
from tests.factories import ArticleFactory, CommentFactory, ContributorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(django_user_model):
    return django_user_model.objects.create_user(
        "modo", "modo@example.org", "x", is_staff=True, is_superuser=True
    )


@pytest.fixture
def writer(django_user_model):
    return django_user_model.objects.create_user("plume", "plume@example.org", "x")


@pytest.fixture
def long_article(writer):
    """An article with 25 threads: the newest 5 are behind « Afficher plus »."""
    article = ArticleFactory(authors=[ContributorFactory(user=writer)])
    for i in range(25):
        CommentFactory(article=article, comment=f"Fil {i}", followup=True)
    return article


def shows(client, path: str, comment: XtdComment) -> bool:
    page = client.get(path.split("#")[0]).content.decode()
    return path.endswith(f"#c{comment.pk}") and f'id="c{comment.pk}"' in page


def site_path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def link_to(message, comment: XtdComment) -> str:
    return site_path(re.search(rf"https?://\S+#c{comment.pk}", message.body)[0])


def test_a_comment_in_a_later_thread_links_to_its_page(long_article, client):
    threads = list(XtdComment.norel_objects.order_by("thread_id"))
    first, twentieth, last = threads[0], threads[19], threads[-1]
    reply = CommentFactory(article=long_article, parent=last)
    url = long_article.get_absolute_url()

    assert comment_path(first, long_article) == f"{url}#c{first.pk}"
    assert comment_path(twentieth, long_article) == f"{url}#c{twentieth.pk}"
    assert comment_path(last, long_article) == f"{url}?commentaires=2#c{last.pk}"
    assert comment_path(reply, long_article) == f"{url}?commentaires=2#c{reply.pk}"
    assert not shows(client, f"{url}#c{reply.pk}", reply)  # the plain anchor lands nowhere
    assert shows(client, comment_path(reply, long_article), reply)


def test_the_sent_page_links_to_the_comments_page(long_article, post_comment, client):
    reader = XtdComment.norel_objects.earliest("pk").user_email  # trusted: published before
    prove_address(client, reader)

    response = post_comment(long_article, email=reader)

    comment = XtdComment.norel_objects.latest("pk")
    assert comment.is_public
    page = client.get(response["Location"]).content.decode()
    link = re.search(r'href="([^"]+)">Le voir sous l’article', page)[1]
    assert link.endswith(f"?commentaires=2#c{comment.pk}")
    assert shows(client, link, comment)


def test_emails_link_to_the_comments_page(
    long_article, moderator, client, django_capture_on_commit_callbacks
):
    last = XtdComment.norel_objects.latest("pk")
    held = CommentFactory(
        article=long_article, parent=last, state="held", user_email="nouveau@example.org"
    )

    with django_capture_on_commit_callbacks(execute=True):
        services.comment_approve(comment_id=held.pk, by=moderator)

    told = {message.to[0]: message for message in mail.outbox}
    assert set(told) == {"nouveau@example.org", last.user_email, "plume@example.org"}
    for message in told.values():  # approval, reply notification, article author
        assert shows(client, link_to(message, held), held), message.to


def test_feed_items_link_to_the_comments_page(long_article, client):
    last = XtdComment.norel_objects.latest("pk")
    for feed in ("/commentaires/flux/", f"/commentaires/articles/{long_article.slug}/flux/"):
        items = ElementTree.fromstring(client.get(feed).content).findall("./channel/item")
        links = {item.findtext("link").rsplit("#", 1)[1]: item.findtext("link") for item in items}
        assert shows(client, site_path(links[f"c{last.pk}"]), last)


def test_feed_links_cost_one_query_whatever_the_number_of_items(
    client, django_assert_max_num_queries
):
    for _ in range(3):
        article = ArticleFactory()
        for _ in range(10):
            CommentFactory(article=article)
    client.get("/commentaires/flux/")  # warm the caches

    with django_assert_max_num_queries(4):
        assert client.get("/commentaires/flux/").status_code == 200


def test_the_admin_view_on_site_link_opens_the_comments_page(long_article, moderator, client):
    last = XtdComment.norel_objects.latest("pk")
    client.force_login(moderator)

    page = client.get(f"/admin/django_comments_xtd/xtdcomment/{last.pk}/change/").content.decode()

    assert f'href="{long_article.get_absolute_url()}?commentaires=2#c{last.pk}"' in page
