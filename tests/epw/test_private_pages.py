"""Pages reached through a private link, or following a form, stay out of search engines and
never name their own address in a canonical or og:url."""

import pytest
from django.urls import reverse

from blog.models import Article
from blog.preview import share_url
from contributors import links
from newsletter.tokens import confirm_token, unsubscribe_token
from tests.factories import ArticleFactory, SubmissionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

NOINDEX = '<meta name="robots" content="noindex">'


def assert_private(client, path: str, status: int = 200) -> None:
    response = client.get(path)
    assert response.status_code == status
    head = response.content.decode().split("</head>")[0]
    assert NOINDEX in head
    assert 'rel="canonical"' not in head
    assert "og:url" not in head


@pytest.mark.parametrize(
    "name", ["contributors:apply_done", "contributors:lost_link", "newsletter:signup_done"]
)
def test_pages_following_a_form_are_not_indexed(client, name):
    assert_private(client, reverse(name))


def test_contributors_private_links_and_their_dead_ends(client):
    submission = SubmissionFactory(status="unconfirmed", confirmed_at=None)
    assert_private(
        client, reverse("contributors:submission_confirm", args=[links.confirm_token(submission)])
    )
    assert_private(client, links.status_path(SubmissionFactory()))
    for name in ["contributors:submission_confirm", "contributors:submission_status"]:
        assert_private(client, reverse(name, args=["jeton-secret-invalide"]), status=404)


def test_newsletter_private_links_and_their_dead_ends(client):
    subscriber = SubscriberFactory()
    assert_private(client, reverse("newsletter:confirm", args=[confirm_token(subscriber)]))
    assert_private(client, reverse("newsletter:unsubscribe", args=[unsubscribe_token(subscriber)]))
    assert_private(client, reverse("newsletter:unsubscribe", args=["jeton-invalide"]), status=400)


def test_a_shared_preview_never_names_its_secret_address(client):
    draft = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    assert_private(client, share_url(draft))
    assert_private(client, "/apercu/partage/jeton-invalide/", status=404)


def test_a_public_article_seen_through_its_preview_link_is_shared_by_its_public_address(client):
    article = ArticleFactory(slug="publie")
    page = client.get(share_url(article)).content.decode()
    assert "%2Farticles%2Fpublie%2F" in page
    assert "apercu" not in page.split('class="share"')[1].split("</section>")[0]
