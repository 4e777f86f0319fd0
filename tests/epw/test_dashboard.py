"""The admin home page shows what needs the editors, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from blog.audience.models import AudienceDay
from blog.models import Article, CommentModeration
from epw.dashboard import dashboard_panels
from newsletter.models import Edition, Subscriber
from tests.factories import (
    ArticleFactory,
    CommentFactory,
    EditionFactory,
    SubmissionFactory,
    SubscriberFactory,
)

pytestmark = pytest.mark.django_db

# Two queries (a count and the first few) for each of the review, scheduled, comments and
# submissions panels, two for the newsletter (next edition, subscribers), one for the audience.
DASHBOARD_QUERIES = 11
# Plus the admin's own: session, user, the app list (SiteSettingsAdmin asks twice whether the
# row exists), the recent actions, and the second factor (has a device? required?).
ADMIN_INDEX_QUERIES = DASHBOARD_QUERIES + 7


def fill(n: int) -> None:
    now = timezone.now()
    article = ArticleFactory()
    for i in range(n):
        ArticleFactory(title=f"À relire {i}", status=Article.Status.REVIEW)
        ArticleFactory(
            title=f"Programmé {i}",
            status=Article.Status.SCHEDULED,
            published_at=now + timedelta(days=i + 1),
        )
        CommentFactory(
            article=article,
            user_name=f"Lectrice {i}",
            comment=f"Un avis à valider numéro {i}.",
            state=CommentModeration.State.HELD,
        )
        SubmissionFactory(title=f"Proposition {i}")
        EditionFactory(
            subject=f"Lettre {i}",
            status=Edition.Status.SCHEDULED,
            scheduled_at=now + timedelta(days=i + 1),
        )
        SubscriberFactory()
    SubscriberFactory(status=Subscriber.Status.PENDING)
    AudienceDay.objects.create(day=timezone.localdate(), page_views=321, visitors=45)


@pytest.mark.parametrize("n", [1, 12])
def test_the_admin_index_runs_a_fixed_number_of_queries(admin_client, n, django_assert_num_queries):
    fill(n)
    with django_assert_num_queries(ADMIN_INDEX_QUERIES):
        response = admin_client.get("/admin/")
    assert response.status_code == 200


@pytest.mark.parametrize("n", [1, 12])
def test_the_dashboard_panels_run_a_fixed_number_of_queries(
    admin_user, rf, n, django_assert_num_queries
):
    fill(n)
    request = rf.get("/admin/")
    request.user = admin_user
    with django_assert_num_queries(DASHBOARD_QUERIES):
        panels = dashboard_panels(request)
    assert [panel.count for panel in panels] == [n, n, n, n, n, 321]


def test_the_dashboard_shows_what_needs_attention(admin_client):
    fill(7)
    ArticleFactory(title="Déjà paru", status=Article.Status.SCHEDULED)  # its time has passed
    CommentFactory(state=CommentModeration.State.PUBLIC)
    CommentFactory(state=CommentModeration.State.UNCONFIRMED)
    html = admin_client.get("/admin/").content.decode()
    panels = {
        key: html.split(f'epw-panel--{key}"')[1].split('class="module')[0]
        for key in ["review", "scheduled", "comments", "submissions", "newsletter", "audience"]
    }
    assert "<strong>7</strong> à relire" in panels["review"]
    assert panels["review"].count("<li>") == 5  # the five waiting longest, then a link to all
    assert "?status__exact=review" in panels["review"]
    assert "<strong>7</strong> à paraître" in panels["scheduled"]
    assert "Programmé 0" in panels["scheduled"] and "Déjà paru" not in panels["scheduled"]
    assert "<strong>7</strong> à modérer" in panels["comments"]
    assert "Lectrice 6" in panels["comments"]
    assert "<strong>7</strong> nouvelles" in panels["submissions"]
    assert "Proposition 0" in panels["submissions"]
    assert "<strong>7</strong> abonnés confirmés" in panels["newsletter"]
    assert "Lettre 0" in panels["newsletter"] and "Lettre 1" not in panels["newsletter"]
    assert "<strong>321</strong> pages vues" in panels["audience"]
    assert "/admin/blog/audienceday/" in panels["audience"]


def test_spam_unconfirmed_or_published_comments_are_not_awaiting(admin_client):
    for state in ["spam", "unconfirmed", "public", "rejected"]:
        CommentFactory(state=state)
    html = admin_client.get("/admin/").content.decode()
    assert "<strong>0</strong> à modérer" in html


def test_a_moderator_sees_only_the_panels_of_their_permissions(client, django_user_model):
    from django.contrib.auth.models import Permission

    fill(2)
    moderator = django_user_model.objects.create_user("modo", password="x", is_staff=True)
    moderator.user_permissions.add(
        Permission.objects.get(codename="change_xtdcomment"),
        Permission.objects.get(codename="view_xtdcomment"),
    )
    client.force_login(moderator)
    html = client.get("/admin/").content.decode()
    assert "epw-panel--comments" in html
    assert "epw-panel--review" not in html and "epw-panel--audience" not in html
