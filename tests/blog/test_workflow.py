"""Editorial workflow: services guard status and permission, leave history, drive the admin."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.utils import timezone
from reversion.models import Version

from blog import services
from blog.models import Article
from epw.dashboard import dashboard_panels
from epw.roles import EDITOR_IN_CHIEF, WRITER
from tests.factories import ArticleFactory, CategoryFactory, StaffUserFactory, SubmissionFactory

pytestmark = pytest.mark.django_db
S = Article.Status


@pytest.fixture
def chief():
    return StaffUserFactory(role=EDITOR_IN_CHIEF)


@pytest.fixture
def writer():
    return StaffUserFactory(role=WRITER)


def draft(**kwargs):
    return ArticleFactory(status=S.DRAFT, published_at=None, **kwargs)


def test_the_full_path_from_draft_to_unpublished(chief, writer):
    article = draft(created_by=writer)
    services.article_submit_for_review(article=article, by=writer)
    assert Article.objects.get(pk=article.pk).status == S.REVIEW
    services.article_publish(article=article, by=chief)
    article.refresh_from_db()
    assert article.status == S.PUBLISHED and article.is_public
    services.article_unpublish(article=article, by=chief)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    services.article_return_to_draft(article=article, by=writer)
    assert Article.objects.get(pk=article.pk).status == S.DRAFT


def test_each_move_is_recorded_with_who_and_when_in_admin_history_and_revisions(chief, writer):
    article = draft(created_by=writer)
    services.article_submit_for_review(article=article, by=writer)
    services.article_publish(article=article, by=chief)
    entries = LogEntry.objects.filter(object_id=str(article.pk)).order_by("action_time")
    assert [(e.user, e.get_change_message()) for e in entries] == [
        (writer, "Soumis pour relecture."),
        (chief, "Publié."),
    ]
    comments = [
        (v.revision.user, v.revision.comment)
        for v in Version.objects.get_for_object(article).order_by("pk")
    ]
    assert comments == [(writer, "Soumis pour relecture."), (chief, "Publié.")]


def test_illegal_moves_raise_a_translated_error_and_change_nothing(chief):
    article = ArticleFactory(status=S.PUBLISHED)
    with pytest.raises(services.WorkflowError, match="Impossible de soumettre"):
        services.article_submit_for_review(article=article, by=chief)
    with pytest.raises(services.WorkflowError, match="Publié"):
        services.article_publish(article=article, by=chief)
    assert Article.objects.get(pk=article.pk).status == S.PUBLISHED
    assert not LogEntry.objects.exists()


def test_the_status_is_read_from_the_database_not_from_a_stale_object(chief):
    article = ArticleFactory(status=S.PUBLISHED)
    stale = Article.objects.get(pk=article.pk)
    services.article_unpublish(article=article, by=chief)
    with pytest.raises(services.WorkflowError):
        services.article_unpublish(article=stale, by=chief)


def test_a_writer_cannot_publish_schedule_or_unpublish(writer):
    article = ArticleFactory(status=S.REVIEW, published_at=None)
    later = timezone.now() + timedelta(days=1)
    for move, kwargs in [
        (services.article_publish, {}),
        (services.article_schedule, {"at": later}),
    ]:
        with pytest.raises(services.WorkflowError, match="pas le droit"):
            move(article=article, by=writer, **kwargs)
    published = ArticleFactory()
    with pytest.raises(services.WorkflowError, match="pas le droit"):
        services.article_unpublish(article=published, by=writer)
    assert Article.objects.get(pk=article.pk).status == S.REVIEW


def test_scheduling_needs_a_future_date_and_shows_the_article_from_that_date(chief):
    article = draft()
    with pytest.raises(services.WorkflowError, match="futur"):
        services.article_schedule(article=article, by=chief, at=timezone.now())
    at = timezone.now() + timedelta(hours=3)
    services.article_schedule(article=article, by=chief, at=at)
    assert not Article.objects.published().filter(pk=article.pk).exists()
    with time_machine.travel(at + timedelta(minutes=1)):
        assert Article.objects.published().filter(pk=article.pk).exists()


def test_a_scheduled_columnist_article_tells_its_author_once_it_is_live(
    chief, django_capture_on_commit_callbacks, mailoutbox
):
    from django.test import override_settings
    from django_tasks import default_task_backend

    from blog.tasks import announce_when_live
    from contributors.services import submission_accept

    submission = SubmissionFactory(email="chroniqueuse@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        article = submission_accept(submission=submission, editor=chief)
    at = timezone.now() + timedelta(hours=3)
    deferring = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=deferring):
        with django_capture_on_commit_callbacks(execute=True):
            services.article_schedule(article=article, by=chief, at=at)
        [announce] = default_task_backend.results
    assert announce.task.name == "announce_when_live" and announce.task.run_after == at

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        announce_when_live.call(article_id=article.pk)
    assert mailoutbox == []  # too early: nothing is public yet
    with (
        time_machine.travel(at + timedelta(minutes=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        announce_when_live.call(article_id=article.pk)
        announce_when_live.call(article_id=article.pk)
    assert [m.to for m in mailoutbox] == [["chroniqueuse@example.org"]]
    assert article.get_absolute_url() in mailoutbox[0].body


def test_publishing_a_scheduled_article_now_moves_its_date_to_now(chief):
    article = draft()
    services.article_schedule(article=article, by=chief, at=timezone.now() + timedelta(days=2))
    services.article_publish(article=article, by=chief)
    article.refresh_from_db()
    assert article.published_at <= timezone.now()
    assert Article.objects.published().filter(pk=article.pk).exists()


# The admin ---------------------------------------------------------------------------------


def form_data(article, **overrides):
    data = {
        "title": article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": article.body,
        "authors": [a.pk for a in article.authors.all()],
        "tags": "",
        "comments_open": "on",
        "published_at_0": "",
        "published_at_1": "",
        "version": Article.objects.get(pk=article.pk).version,  # as a page opened now
    }
    return {**data, **overrides}


def test_the_publish_button_publishes_and_saves_the_form_first(client, chief):
    article = ArticleFactory(status=S.REVIEW, published_at=None)
    client.force_login(chief)
    url = f"/admin/blog/article/{article.pk}/change/"
    assert 'value="publish"' in client.get(url).content.decode()
    response = client.post(url, form_data(article, title="Titre relu", _transition="publish"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status) == ("Titre relu", S.PUBLISHED)


def test_the_schedule_button_uses_the_date_of_the_form(client, chief):
    article = draft()
    client.force_login(chief)
    at = timezone.localtime(timezone.now() + timedelta(days=3)).replace(microsecond=0)
    client.post(
        f"/admin/blog/article/{article.pk}/change/",
        form_data(
            article,
            published_at_0=at.strftime("%d/%m/%Y"),
            published_at_1=at.strftime("%H:%M:%S"),
            _transition="schedule",
        ),
    )
    article.refresh_from_db()
    assert (article.status, article.published_at) == (S.SCHEDULED, at)


def test_a_writer_sees_no_publish_button_and_a_forged_post_is_refused(client, writer):
    article = ArticleFactory(status=S.REVIEW, published_at=None, created_by=writer)
    client.force_login(writer)
    url = f"/admin/blog/article/{article.pk}/change/"
    page = client.get(url).content.decode()
    assert 'value="publish"' not in page and 'value="schedule"' not in page
    response = client.post(
        url, form_data(article, status="published", _transition="publish"), follow=True
    )
    assert "pas le droit" in response.content.decode()
    article.refresh_from_db()
    assert article.status == S.REVIEW and not article.is_public


def test_a_writer_cannot_change_the_status_or_date_through_the_form_fields(client, writer):
    article = draft(created_by=writer)
    client.force_login(writer)
    client.post(
        f"/admin/blog/article/{article.pk}/change/",
        form_data(
            article, status="published", published_at_0="01/01/2020", published_at_1="10:00:00"
        ),
    )
    article.refresh_from_db()
    assert (article.status, article.published_at) == (S.DRAFT, None)


def test_a_writer_can_read_but_not_edit_a_live_article(client, writer):
    article = ArticleFactory(status=S.PUBLISHED, created_by=writer)
    client.force_login(writer)
    url = f"/admin/blog/article/{article.pk}/change/"
    page = client.get(url).content.decode()
    assert 'name="_save"' not in page and 'name="title"' not in page
    assert client.post(url, form_data(article, title="Modifié en ligne")).status_code == 403
    assert Article.objects.get(pk=article.pk).title == article.title


def test_writing_checks_are_shown_on_the_change_form(client, chief):
    article = ArticleFactory(standfirst="", body='<p><a href="/x/">cliquez ici</a></p>')
    client.force_login(chief)
    page = client.get(f"/admin/blog/article/{article.pk}/change/").content.decode()
    assert 'data-check="standfirst"' in page
    assert 'data-check="vague_link"' in page


def test_hostile_html_pasted_in_the_editor_is_removed_on_save(client, chief):
    article = draft()
    client.force_login(chief)
    hostile = (
        '<p onclick="steal()">Texte <script>alert(1)</script>'
        '<a href="javascript:alert(1)">lien</a></p><iframe src="https://evil.example/"></iframe>'
        '<p style="color:red" class="MsoNormal"><span style="font-size:12pt">Word</span></p>'
    )
    client.post(f"/admin/blog/article/{article.pk}/change/", form_data(article, body=hostile))
    body = Article.objects.get(pk=article.pk).body
    for bad in ("script", "onclick", "javascript:", "iframe", "style=", "class=", "<span"):
        assert bad not in body
    assert "Texte" in body and "Word" in body


# Bulk actions, search and filters ----------------------------------------------------------


def changelist_action(client, action, articles, **extra):
    return client.post(
        "/admin/blog/article/",
        {"action": action, "_selected_action": [a.pk for a in articles], **extra},
        follow=True,
    )


def test_bulk_publish_and_unpublish(client, chief):
    articles = [ArticleFactory(status=S.REVIEW, published_at=None) for _ in range(2)]
    client.force_login(chief)
    changelist_action(client, "publish_selected", articles)
    assert Article.objects.published().count() == 2
    changelist_action(client, "unpublish_selected", articles)
    assert Article.objects.published().count() == 0
    assert set(Article.objects.values_list("status", flat=True)) == {S.UNPUBLISHED}


def test_bulk_publish_is_not_offered_to_a_writer(client, writer):
    article = ArticleFactory(status=S.REVIEW, published_at=None)
    client.force_login(writer)
    page = client.get("/admin/blog/article/").content.decode()
    assert "publish_selected" not in page
    changelist_action(client, "publish_selected", [article])
    assert Article.objects.get(pk=article.pk).status == S.REVIEW


def test_bulk_add_and_remove_a_tag_and_change_category(client, chief):
    articles = [ArticleFactory(tags=["Titres"]) for _ in range(2)]
    category = CategoryFactory(name="Méthode")
    client.force_login(chief)
    changelist_action(client, "add_tag", articles, tag="Lisibilité")
    assert all(set(a.tags.names()) == {"Titres", "Lisibilité"} for a in articles)
    changelist_action(client, "remove_tag", articles, tag="titres")
    assert all(set(a.tags.names()) == {"Lisibilité"} for a in articles)
    changelist_action(client, "set_category", articles, category=category.pk)
    assert set(Article.objects.values_list("category", flat=True)) == {category.pk}
    response = changelist_action(client, "set_category", articles, category="pas-un-nombre")
    assert response.status_code == 200


def test_the_article_list_filters_by_status_tag_author_and_searches(client, chief):
    tagged = ArticleFactory(title="Le chapô parfait", tags=["Chapô"])
    other = ArticleFactory(title="Autre sujet", status=S.DRAFT, published_at=None)
    client.force_login(chief)

    def titles(query):
        response = client.get("/admin/blog/article/" + query)
        assert response.status_code == 200
        return {a.title for a in response.context["cl"].result_list}

    assert titles("?status__exact=draft") == {other.title}
    assert titles(f"?tag={tagged.tags.get().slug}") == {tagged.title}
    assert titles(f"?authors__id__exact={tagged.authors.get().pk}") == {tagged.title}
    assert titles("?q=parfait") == {tagged.title}
    assert titles(f"?q={tagged.authors.get().display_name}") == {tagged.title}


def test_the_list_shows_when_scheduled_articles_appear_and_filters_them(client, chief):
    soon = ArticleFactory(
        title="Bientôt", status=S.SCHEDULED, published_at=timezone.now() + timedelta(days=1)
    )
    ArticleFactory(title="Déjà là")
    ArticleFactory(title="Brouillon", status=S.DRAFT, published_at=None)
    client.force_login(chief)
    page = client.get("/admin/blog/article/").content.decode()
    assert "Paraîtra le" in page and "En ligne depuis le" in page

    def titles(visibility):
        response = client.get(f"/admin/blog/article/?visibilite={visibility}")
        return {a.title for a in response.context["cl"].result_list}

    assert titles("a-paraitre") == {soon.title}
    assert titles("en-ligne") == {"Déjà là"}
    assert titles("hors-ligne") == {"Brouillon"}
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert titles("en-ligne") == {"Déjà là", "Bientôt"}


@pytest.mark.parametrize("count", [2, 8])
def test_the_article_list_has_a_fixed_query_budget(client, chief, count, django_assert_num_queries):
    for _ in range(count):
        ArticleFactory(tags=["Titres"])
    client.force_login(chief)
    client.get("/admin/blog/article/")  # warm the session and content types
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get("/admin/blog/article/").status_code == 200


LIST_QUERIES = 17 + 2  # + the second factor: has a device? required?


def test_tag_suggestions_for_the_autocomplete(client, chief):
    ArticleFactory(tags=["Typographie", "Titres", "Accessibilité"])
    client.force_login(chief)
    response = client.get("/admin/blog/article/etiquettes-suggerees/?q=t")
    assert response.json() == {"tags": ["Titres", "Typographie"]}


def test_a_cover_needs_its_alt_text(client, chief):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.blog.test_admin_uploads import jpeg_with_exif_orientation

    article = draft()
    client.force_login(chief)
    upload = SimpleUploadedFile("photo.jpg", jpeg_with_exif_orientation(), "image/jpeg")
    response = client.post(
        f"/admin/blog/article/{article.pk}/change/",
        form_data(article, cover=upload, cover_alt=""),
    )
    assert response.status_code == 200
    assert "Décrivez l’image de couverture" in response.content.decode()


# Writers and live articles in bulk ---------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "kwargs"),
    [
        (services.articles_add_tag, {"tag": "Ajoutée"}),
        (services.articles_remove_tag, {"tag": "Titres"}),
        (services.articles_set_category, {"category": None}),
    ],
)
def test_bulk_changes_by_a_writer_leave_live_articles_alone(writer, service, kwargs):
    category = CategoryFactory()
    live = [
        ArticleFactory(status=S.PUBLISHED, tags=["Titres"], category=category),
        ArticleFactory(
            status=S.SCHEDULED,
            published_at=timezone.now() + timedelta(days=1),
            tags=["Titres"],
            category=category,
        ),
    ]
    desk = draft(tags=["Titres"], category=category, created_by=writer)
    before = {a.pk: (set(a.tags.names()), a.category_id) for a in [*live, desk]}

    result = service(articles=Article.objects.all(), by=writer, **kwargs)

    assert (result.changed, result.skipped) == (1, 2)
    for article in live:
        article = Article.objects.get(pk=article.pk)
        assert (set(article.tags.names()), article.category_id) == before[article.pk]
    desk = Article.objects.get(pk=desk.pk)
    assert (set(desk.tags.names()), desk.category_id) != before[desk.pk]
    assert [e.object_id for e in LogEntry.objects.all()] == [str(desk.pk)]


def test_bulk_changes_by_a_publisher_reach_live_articles(chief):
    articles = [ArticleFactory(status=S.PUBLISHED), draft()]
    result = services.articles_add_tag(articles=articles, tag="Lisibilité", by=chief)
    assert (result.changed, result.skipped) == (2, 0)
    assert all("Lisibilité" in a.tags.names() for a in articles)


def test_the_bulk_actions_tell_a_writer_how_many_live_articles_were_left(client, writer):
    published = ArticleFactory(status=S.PUBLISHED, tags=["Titres"], created_by=writer)
    desk = draft(tags=["Titres"], created_by=writer)
    category = CategoryFactory(name="Méthode")
    client.force_login(writer)

    response = changelist_action(client, "add_tag", [published, desk], tag="Lisibilité")
    notices = [str(m) for m in response.context["messages"]]
    assert "Étiquette « Lisibilité » ajoutée." in notices
    assert (
        "1 article publié ou programmé n’a pas été modifié : "
        "il faut le droit de publier pour modifier un article en ligne." in notices
    )
    changelist_action(client, "remove_tag", [published, desk], tag="Titres")
    response = changelist_action(client, "set_category", [published], category=category.pk)
    notices = [str(m) for m in response.context["messages"]]
    assert not any("appliquée" in notice for notice in notices)
    assert any(notice.startswith("1 article publié ou programmé") for notice in notices)

    assert Article.objects.get(pk=published.pk).category_id == published.category_id
    assert set(published.tags.names()) == {"Titres"}
    assert set(Article.objects.get(pk=desk.pk).tags.names()) == {"Lisibilité"}


# Workflow buttons that are refused ---------------------------------------------------------


def test_a_refused_schedule_saves_nothing_and_keeps_the_form(client, chief):
    article = ArticleFactory(status=S.REVIEW, published_at=None)
    client.force_login(chief)
    url = f"/admin/blog/article/{article.pk}/change/"
    response = client.post(
        url,
        form_data(
            article,
            title="Titre retravaillé",
            published_at_0="01/01/2020",
            published_at_1="10:00:00",
            _transition="schedule",
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Choisissez une date de publication dans le futur." in page
    assert 'value="Titre retravaillé"' in page and 'value="01/01/2020"' in page
    article.refresh_from_db()
    assert (article.status, article.published_at) == (S.REVIEW, None)
    assert article.title != "Titre retravaillé"
    assert not Version.objects.get_for_object(article).exists()
    assert not LogEntry.objects.exists()

    # Publishing afterwards does not pick up the refused past date.
    client.post(url, form_data(article, _transition="publish"))
    article.refresh_from_db()
    assert article.status == S.PUBLISHED
    assert article.published_at > timezone.now() - timedelta(minutes=1)


def test_a_workflow_button_leaves_one_revision_and_no_empty_history_entry(client, chief):
    article = ArticleFactory(status=S.REVIEW, published_at=None, category=None)
    client.force_login(chief)
    url = f"/admin/blog/article/{article.pk}/change/"
    client.post(url, form_data(article, _transition="publish"))
    assert [e.get_change_message() for e in LogEntry.objects.all()] == ["Publié."]
    assert [v.revision.comment for v in Version.objects.get_for_object(article)] == ["Publié."]

    LogEntry.objects.all().delete()
    at = timezone.localtime(timezone.now() - timedelta(days=1)).replace(microsecond=0)
    article = ArticleFactory(status=S.PUBLISHED, published_at=at, category=None)
    client.post(
        f"/admin/blog/article/{article.pk}/change/",
        form_data(
            article,
            title="Titre corrigé",
            published_at_0=at.strftime("%d/%m/%Y"),
            published_at_1=at.strftime("%H:%M:%S"),
            _transition="unpublish",
        ),
    )
    messages = [e.get_change_message() for e in LogEntry.objects.order_by("pk")]
    assert messages == ["Modification de Titre.", "Dépublié."]
    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.comment == "Modification de Titre. Dépublié."
    assert latest.field_dict["title"] == "Titre corrigé"


def test_a_move_refused_by_the_service_after_the_form_check_saves_nothing(
    client, chief, monkeypatch
):
    article = ArticleFactory(status=S.REVIEW, published_at=None)
    client.force_login(chief)

    def refused(**kwargs):
        raise services.WorkflowError("Un autre éditeur vient de changer le statut.")

    monkeypatch.setitem(services.TRANSITIONS, "publish", refused)
    response = client.post(
        f"/admin/blog/article/{article.pk}/change/",
        form_data(article, title="Titre perdu", _transition="publish"),
        follow=True,
    )
    assert "Un autre éditeur vient de changer le statut." in response.content.decode()
    article.refresh_from_db()
    assert article.title != "Titre perdu" and article.status == S.REVIEW
    assert not Version.objects.get_for_object(article).exists()
    assert not LogEntry.objects.exists()


def test_an_unknown_move_is_refused_without_saving(client, chief):
    article = draft()
    client.force_login(chief)
    response = client.post(
        f"/admin/blog/article/{article.pk}/change/",
        form_data(article, title="Autre", _transition="n-importe-quoi"),
    )
    assert response.status_code == 200 and "Action inconnue." in response.content.decode()
    assert Article.objects.get(pk=article.pk).title != "Autre"


# "Voir sur le site" -------------------------------------------------------------------------


def test_view_on_site_links_to_the_article_on_the_current_host(client, chief):
    from django.contrib.sites.models import Site

    Site.objects.update(domain="example.com")
    public = ArticleFactory()
    unpublished = draft()
    client.force_login(chief)
    page = client.get(f"/admin/blog/article/{public.pk}/change/").content.decode()
    assert f'href="{public.get_absolute_url()}" class="viewsitelink"' in page
    page = client.get(f"/admin/blog/article/{unpublished.pk}/change/").content.decode()
    assert f'href="/apercu/{unpublished.pk}/" class="viewsitelink"' in page
    assert "example.com" not in page


def test_an_online_article_cannot_be_taken_offline_by_a_future_date(client):
    client.force_login(StaffUserFactory(role=EDITOR_IN_CHIEF))
    article = ArticleFactory(status=Article.Status.PUBLISHED)
    later = timezone.localtime(timezone.now() + timedelta(days=5))
    response = client.post(
        f"/admin/blog/article/{article.pk}/change/",
        {
            "title": article.title,
            "slug": article.slug,
            "status": article.status,
            "published_at_0": later.strftime("%d/%m/%Y"),
            "published_at_1": "10:00:00",
            "authors": [a.pk for a in article.authors.all()],
            "tags": "",
            "comments_open": "on",
            "version": article.version,
        },
    )
    assert response.status_code == 200
    assert "utilisez « Programmer »" in response.content.decode()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_the_dashboard_counts_what_the_upcoming_filter_lists(admin_client, rf, admin_user):
    now = timezone.now()
    ArticleFactory(status=Article.Status.SCHEDULED, published_at=now + timedelta(days=1))
    ArticleFactory(status=Article.Status.PUBLISHED, published_at=now + timedelta(days=2))
    ArticleFactory(status=Article.Status.SCHEDULED, published_at=now - timedelta(days=1))
    request = rf.get("/admin/")
    request.user = admin_user
    panel = next(p for p in dashboard_panels(request) if p.key == "scheduled")
    assert panel.url.endswith("?visibilite=a-paraitre")
    listed = admin_client.get(panel.url)
    assert panel.count == listed.context["cl"].result_count == 2


def test_changing_a_live_articles_address_in_the_admin_leaves_a_301(client, chief):
    article = ArticleFactory(slug="ancienne-adresse")
    client.force_login(chief)
    published_at = timezone.localtime(article.published_at)
    response = client.post(
        f"/admin/blog/article/{article.pk}/change/",
        form_data(
            article,
            slug="nouvelle-adresse",
            published_at_0=published_at.strftime("%d/%m/%Y"),
            published_at_1=published_at.strftime("%H:%M:%S"),
        ),
    )
    assert response.status_code == 302
    client.logout()
    response = client.get("/articles/ancienne-adresse/")
    assert (response.status_code, response["Location"]) == (301, "/articles/nouvelle-adresse/")
