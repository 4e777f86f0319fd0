"""The back office read out: messages announced, every input named, the audience in figures."""

import re

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from blog.audience.models import AudienceDay
from blog.models import Category
from tests.factories import ArticleFactory, EditionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(client):
    user = User.objects.create_superuser("racine", "racine@example.org", "mot-de-passe")
    client.force_login(user)
    return user


def test_a_confirmation_is_announced_politely(client, superuser):
    response = client.post(
        "/admin/blog/category/add/",
        {"name": "Récits", "slug": "recits", "position": 0},
        follow=True,
    )
    assert Category.objects.filter(slug="recits").exists()
    page = response.content.decode()
    assert re.search(r'<div role="status">\s*<ul class="messagelist">\s*<li class="success">', page)
    assert 'role="alert"' not in page


def test_a_warning_is_announced_politely(client, superuser):
    # An action run on nothing: Django answers with a warning on the list.
    response = client.post(
        "/admin/blog/category/", {"action": "delete_selected", "index": 0}, follow=True
    )
    page = response.content.decode()
    assert re.search(r'<div role="status">\s*<ul class="messagelist">\s*<li class="warning">', page)


def test_an_error_is_announced_at_once(client, superuser):
    edition = EditionFactory()  # a draft: there is nothing to unschedule
    response = client.post(
        f"/admin/newsletter/edition/{edition.pk}/envoi/", {"action": "unschedule"}
    )
    page = response.content.decode()
    assert re.search(
        r'<div role="alert">\s*<ul class="messagelist">\s*<li class="error">'
        r"Seule une édition programmée peut être déprogrammée.</li>",
        page,
    )


def test_date_and_time_inputs_are_named_after_their_field(client, superuser):
    article = ArticleFactory()
    page = client.get(f"/admin/blog/article/{article.pk}/change/").content.decode()
    date = re.search(r'<input[^>]*id="id_published_at_0"[^>]*>', page).group(0)
    time = re.search(r'<input[^>]*id="id_published_at_1"[^>]*>', page).group(0)
    assert 'aria-label="Date de publication (date)"' in date
    assert 'aria-label="Date de publication (heure)"' in time


def test_the_inputs_of_a_table_of_articles_are_named_like_their_column(client, superuser):
    edition = EditionFactory()
    page = client.get(f"/admin/newsletter/edition/{edition.pk}/change/").content.decode()
    position = re.search(r'<input[^>]*id="id_items-0-position"[^>]*>', page).group(0)
    article = re.search(r'<input[^>]*id="id_items-0-article"[^>]*>', page).group(0)
    delete = re.search(r'<input[^>]*id="id_items-0-DELETE"[^>]*>', page)
    assert 'aria-label="Position"' in position
    assert 'aria-label="Article"' in article
    assert delete is None or 'aria-label="Supprimer' in delete.group(0)


def test_the_audience_chart_has_its_figures_in_a_table(client, superuser):
    today = timezone.localdate()
    AudienceDay.objects.create(day=today, page_views=1234, visitors=321)
    page = client.get("/admin/blog/audienceday/").content.decode()
    assert re.search(r'<div class="epw-chart" aria-hidden="true">', page)
    rows = re.findall(r'<tr><th scope="row">[^<]+</th><td>([^<]+)</td><td>([^<]+)</td></tr>', page)
    assert ("1\xa0234", "321") in rows
