"""Preview: the public page for staff, or by a signed link that expires; never indexed."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from blog.models import Article
from blog.preview import share_url
from epw.roles import WRITER
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    return ArticleFactory(
        status=Article.Status.DRAFT, published_at=None, body="<p>Texte secret du brouillon.</p>"
    )


def test_staff_see_the_draft_as_the_public_will_with_a_banner(client, draft):
    client.force_login(StaffUserFactory(role=WRITER))
    response = client.get(f"/apercu/{draft.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Texte secret du brouillon." in page and "preview-banner" in page
    assert "noindex" in response["X-Robots-Tag"]
    assert "no-cache" in response["Cache-Control"]
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login_page(client, draft):
    response = client.get(f"/apercu/{draft.pk}/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_shared_link_works_without_an_account_for_seven_days(client, draft):
    url = share_url(draft)
    response = client.get(url)
    assert response.status_code == 200 and "Texte secret du brouillon." in response.content.decode()
    assert "noindex" in response["X-Robots-Tag"]
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert client.get(url).status_code == 404


def test_a_tampered_link_is_refused(client, draft):
    other = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    token = share_url(draft).split("/")[-2]
    forged = token.replace(f"{draft.pk}:", f"{other.pk}:", 1)
    assert client.get(f"/apercu/partage/{forged}/").status_code == 404
    assert client.get("/apercu/partage/n-importe-quoi/").status_code == 404


def test_the_preview_of_an_unpublished_article_offers_no_comments_nor_sharing(client, draft):
    shared = client.get(share_url(draft)).content.decode()
    client.force_login(StaffUserFactory(role=WRITER))
    staff = client.get(f"/apercu/{draft.pk}/").content.decode()
    feed = reverse("blog_comments:article_feed", args=[draft.slug])
    for page in (shared, staff):
        assert 'id="comment-form"' not in page
        assert feed not in page and "Flux RSS des commentaires" not in page
        assert "linkedin.com" not in page and 'class="share"' not in page
        assert "Les commentaires s’ouvriront à la publication de l’article." in page


def test_the_preview_of_a_public_article_keeps_its_comments_and_sharing(client):
    article = ArticleFactory()
    client.force_login(StaffUserFactory(role=WRITER))
    page = client.get(f"/apercu/{article.pk}/").content.decode()
    assert 'id="comment-form"' in page and "linkedin.com" in page


def test_the_admin_gives_the_shared_link_on_the_sites_public_address(client, draft, settings):
    settings.EPW_SITE_URL = "https://blog.example.org"
    client.force_login(StaffUserFactory(role=WRITER))
    with time_machine.travel(timezone.now(), tick=False):  # the link is signed with the time
        page = client.get(f"/admin/blog/article/{draft.pk}/change/").content.decode()
        assert f'value="https://blog.example.org{share_url(draft)}"' in page
