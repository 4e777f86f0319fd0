"""No lost update: a save made from a page opened before someone else's save is refused, with
everything typed kept, who saved and when, and what they changed."""

import re
from datetime import datetime, timedelta

import pytest
import reversion
import time_machine
from django.contrib.admin.models import LogEntry
from django.db import transaction
from django.test import Client
from django.utils import timezone
from reversion.models import Version

from blog import services
from blog.admin.articles import ArticleAdmin
from blog.forms import ArticleAdminForm
from blog.models import Article, Page
from epw.core.versioning import StaleVersion
from epw.roles import EDITOR_IN_CHIEF
from tests.factories import ArticleFactory, CategoryFactory, PageFactory, StaffUserFactory

pytestmark = pytest.mark.django_db
S = Article.Status
TEN_FORTY_TWO = datetime(2026, 3, 10, 10, 42, tzinfo=timezone.get_fixed_timezone(60))


def editor(first_name: str, last_name: str) -> Client:
    client = Client()
    client.force_login(
        StaffUserFactory(role=EDITOR_IN_CHIEF, first_name=first_name, last_name=last_name)
    )
    return client


@pytest.fixture
def claire():
    return editor("Claire", "Vasseur")


@pytest.fixture
def bruno():
    return editor("Bruno", "Lenoir")


def change_url(article) -> str:
    return f"/admin/blog/article/{article.pk}/change/"


def opened_version(client, url) -> str:
    """The version a change page carries, as the editor's browser would send it back."""
    page = client.get(url).content.decode()
    return re.search(r'name="version" value="(\d+)"', page).group(1)


def article_form(article, version, **overrides):
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
        "version": version,
    }
    return {**data, **overrides}


def draft(**kwargs):
    """A draft with its first revision, as when it is added in the admin."""
    with reversion.create_revision():
        return ArticleFactory(
            status=S.DRAFT, published_at=None, body="<p>Le texte de départ.</p>", **kwargs
        )


# The version itself ------------------------------------------------------------------------


def test_the_version_moves_on_every_save():
    article = draft()
    first = article.version
    article.title = "Autre titre"
    article.save()
    assert article.version == first + 1
    assert Article.objects.get(pk=article.pk).version == first + 1


def test_a_stale_copy_cannot_be_saved_and_writes_nothing():
    article = draft()
    mine, theirs = Article.objects.get(pk=article.pk), Article.objects.get(pk=article.pk)
    theirs.body = "<p>Leur texte.</p>"
    theirs.save()
    mine.title = "Mon titre"
    with pytest.raises(StaleVersion), transaction.atomic():
        mine.save()
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.body) == (article.title, "<p>Leur texte.</p>")
    assert stored.version == theirs.version


def test_two_forms_checked_at_the_same_moment_cannot_both_save(claire):
    """Both forms pass the version check before either saves: the compare-and-set in the save
    itself refuses the second one."""
    article = draft()
    version = article.version
    forms = [
        ArticleAdminForm(
            article_form(article, version, title=title, status=S.DRAFT),
            instance=Article.objects.get(pk=article.pk),
        )
        for title in ("Titre de Claire", "Titre de Bruno")
    ]
    assert [form.errors for form in forms] == [{}, {}]
    forms[0].save()
    with pytest.raises(StaleVersion), transaction.atomic():
        forms[1].save()
    assert Article.objects.get(pk=article.pk).title == "Titre de Claire"


def test_a_page_and_an_edition_refuse_a_stale_copy_too():
    from tests.factories import EditionFactory

    for obj in (PageFactory(), EditionFactory()):
        model = type(obj)
        mine, theirs = model.objects.get(pk=obj.pk), model.objects.get(pk=obj.pk)
        theirs.save()
        with pytest.raises(StaleVersion), transaction.atomic():
            mine.save()


def test_a_deleted_row_saved_again_is_inserted_as_before():
    page = PageFactory()
    Page.objects.filter(pk=page.pk).delete()
    page.save()
    assert Page.objects.filter(pk=page.pk).exists()


# Services and bulk actions -----------------------------------------------------------------


def test_workflow_services_and_bulk_changes_move_the_version():
    chief = StaffUserFactory(role=EDITOR_IN_CHIEF)
    article = draft()
    start = Article.objects.get(pk=article.pk).version
    services.article_publish(article=article, by=chief)
    services.articles_add_tag(articles=[article], tag="Lisibilité", by=chief)
    services.articles_set_category(articles=[article], category=CategoryFactory(), by=chief)
    services.articles_remove_tag(articles=[article], tag="Lisibilité", by=chief)
    assert Article.objects.get(pk=article.pk).version == start + 4


def test_a_service_given_a_stale_copy_refuses_with_a_workflow_error():
    chief = StaffUserFactory(role=EDITOR_IN_CHIEF)
    article = draft()
    stale = Article.objects.get(pk=article.pk)
    services.articles_add_tag(articles=[article], tag="Lisibilité", by=chief)
    with pytest.raises(services.WorkflowError, match="modifié par quelqu’un d’autre"):
        services.article_publish(article=stale, by=chief)
    assert Article.objects.get(pk=article.pk).status == S.DRAFT


def test_bulk_actions_work_and_refuse_a_page_opened_before_them(claire):
    articles = [draft(), draft()]
    url = change_url(articles[0])
    version = opened_version(claire, url)
    response = claire.post(
        "/admin/blog/article/",
        {"action": "add_tag", "_selected_action": [a.pk for a in articles], "tag": "Titres"},
    )
    assert response.status_code == 302
    assert all(a.tags.filter(name="Titres").exists() for a in articles)
    response = claire.post(
        "/admin/blog/article/",
        {"action": "publish_selected", "_selected_action": [a.pk for a in articles]},
    )
    assert Article.objects.filter(status=S.PUBLISHED).count() == 2

    # The page opened before the bulk changes would drop the tag and the status: refused.
    response = claire.post(url, article_form(articles[0], version, title="Vieux formulaire"))
    assert response.status_code == 200
    assert "Claire Vasseur a enregistré cet article" in response.content.decode()
    stored = Article.objects.get(pk=articles[0].pk)
    assert stored.title != "Vieux formulaire" and stored.tags.filter(name="Titres").exists()


# The admin: refused, explained, nothing lost -----------------------------------------------


def test_a_stale_save_is_refused_with_who_when_what_and_the_values_kept(claire, bruno):
    article = draft()
    url = change_url(article)
    bruno_version = opened_version(bruno, url)

    with time_machine.travel(TEN_FORTY_TWO, tick=False):
        claire_version = opened_version(claire, url)
        response = claire.post(
            url, article_form(article, claire_version, body="<p>Le texte de Claire, revu.</p>")
        )
    assert response.status_code == 302

    response = bruno.post(
        url,
        article_form(
            article, bruno_version, title="Le titre de Bruno", standfirst="Chapô de Bruno"
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        "Claire Vasseur a enregistré cet article le 10/03/2026 à 10 h 42 pendant que vous le "
        "modifiiez."
    ) in page
    assert "reportez-y les modifications de la version actuelle" in page
    # What Claire changed, word by word, escaped.
    assert "Ce que Claire Vasseur a changé pendant que vous modifiiez l’article" in page
    assert "Le texte de <del>départ.</del>" in page and "<ins>Claire, revu.</ins>" in page
    # Everything Bruno typed is still in the form, with the current version.
    form = response.context["adminform"].form
    assert form["title"].value() == "Le titre de Bruno"
    assert form["standfirst"].value() == "Chapô de Bruno"
    current = Article.objects.get(pk=article.pk)
    assert f'name="version" value="{current.version}"' in page
    # Nothing of Bruno's was saved, nothing of Claire's was lost.
    assert (current.title, current.body) == (article.title, "<p>Le texte de Claire, revu.</p>")

    # Bruno merges Claire's text into his and saves again: it goes through.
    response = bruno.post(
        url,
        article_form(
            article,
            form["version"].value(),
            title="Le titre de Bruno",
            body="<p>Le texte de Claire, revu.</p>",
        ),
    )
    assert response.status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.body) == ("Le titre de Bruno", "<p>Le texte de Claire, revu.</p>")


def test_a_workflow_button_on_a_stale_page_saves_and_moves_nothing(claire, bruno):
    article = ArticleFactory(status=S.REVIEW, published_at=None)
    url = change_url(article)
    bruno_version = opened_version(bruno, url)
    claire.post(url, article_form(article, opened_version(claire, url), title="Titre de Claire"))

    response = bruno.post(
        url, article_form(article, bruno_version, title="Titre de Bruno", _transition="publish")
    )
    assert response.status_code == 200
    assert "Claire Vasseur a enregistré cet article" in response.content.decode()
    assert response.context["adminform"].form["title"].value() == "Titre de Bruno"
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.status) == ("Titre de Claire", S.REVIEW)
    assert not LogEntry.objects.filter(change_message__contains="Publié").exists()


@pytest.mark.parametrize("version", [None, "", "abc", "-1", "999", "1" * 40])
def test_a_missing_or_forged_version_is_refused_cleanly_then_the_next_save_goes_through(
    claire, version
):
    article = draft()
    url = change_url(article)
    data = article_form(article, version, title="Titre proposé")
    if version is None:
        del data["version"]
    response = claire.post(url, data)
    assert response.status_code == 200
    assert (
        "Ce formulaire ne dit pas quelle version vous aviez ouverte." in response.content.decode()
    )
    assert Article.objects.get(pk=article.pk).title != "Titre proposé"
    form = response.context["adminform"].form
    response = claire.post(url, {**data, "version": form["version"].value()})
    assert response.status_code == 302
    assert Article.objects.get(pk=article.pk).title == "Titre proposé"


def test_a_save_that_loses_the_race_after_the_form_check_comes_back_refused(claire, monkeypatch):
    """A rival's save commits after this request loaded the article and checked the form, before
    its own save: the compare-and-set refuses it, and the form comes back as for any stale page,
    values kept."""
    article = draft()
    url = change_url(article)
    version = opened_version(claire, url)
    loaded_before_the_rival = Article.objects.get(pk=article.pk)
    rival = Article.objects.get(pk=article.pk)
    rival.body = "<p>Le texte du rival.</p>"
    rival.save()
    get_object = ArticleAdmin.get_object
    calls = []

    def first_load_is_stale(self, request, object_id, from_field=None):
        calls.append(object_id)
        if len(calls) == 1:
            return loaded_before_the_rival
        return get_object(self, request, object_id, from_field)

    monkeypatch.setattr(ArticleAdmin, "get_object", first_load_is_stale)
    response = claire.post(url, article_form(article, version, title="Titre de Claire"))
    assert len(calls) == 2  # refused by the save, then checked again
    assert response.status_code == 200
    assert "pendant que vous le modifiiez" in response.content.decode()
    assert response.context["adminform"].form["title"].value() == "Titre de Claire"
    stored = Article.objects.get(pk=article.pk)
    assert (stored.title, stored.body) == (article.title, "<p>Le texte du rival.</p>")
    assert Version.objects.get_for_object(article).count() == 1  # only the first one


def test_no_diff_when_the_history_does_not_know_the_opened_version(claire, bruno):
    article = ArticleFactory(status=S.DRAFT, published_at=None)  # no revision of version 1
    url = change_url(article)
    bruno_version = opened_version(bruno, url)
    chief = StaffUserFactory(role=EDITOR_IN_CHIEF, first_name="Claire", last_name="Vasseur")
    services.article_submit_for_review(article=article, by=chief)  # a revision, version 2
    response = bruno.post(url, article_form(article, bruno_version, title="Titre de Bruno"))
    page = response.content.decode()
    assert "Claire Vasseur a enregistré cet article" in page
    assert "Le détail des modifications n’est pas disponible" in page


def test_a_stale_page_is_refused_with_its_values_kept(claire, bruno):
    page = PageFactory(title="À propos", body="<p>Qui sommes-nous.</p>")
    url = f"/admin/blog/page/{page.pk}/change/"
    bruno_version = opened_version(bruno, url)

    def page_form(version, **overrides):
        return {
            "title": page.title,
            "slug": page.slug,
            "body": page.body,
            "position": 0,
            "is_published": "on",
            "version": version,
            **overrides,
        }

    assert (
        claire.post(url, page_form(opened_version(claire, url), body="<p>Neuf.</p>")).status_code
        == 302
    )
    response = bruno.post(url, page_form(bruno_version, title="À propos de nous"))
    assert response.status_code == 200
    assert (
        "Claire Vasseur a enregistré cette page à" in response.content.decode()
        and "pendant que vous la modifiiez." in response.content.decode()
    )
    form = response.context["adminform"].form
    assert form["title"].value() == "À propos de nous"
    assert Page.objects.get(pk=page.pk).body == "<p>Neuf.</p>"
    response = bruno.post(url, page_form(form["version"].value(), title="À propos de nous"))
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).title == "À propos de nous"


def test_a_stale_edition_is_refused_with_its_values_and_articles_kept(claire, bruno):
    from newsletter.models import Edition
    from tests.factories import EditionFactory

    edition = EditionFactory(subject="Lettre de mars")
    article = ArticleFactory()
    url = f"/admin/newsletter/edition/{edition.pk}/change/"
    bruno_version = opened_version(bruno, url)

    def edition_form(version, **overrides):
        return {
            "subject": edition.subject,
            "intro": edition.intro,
            "version": version,
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
            **overrides,
        }

    response = claire.post(url, edition_form(opened_version(claire, url), intro="Bonjour !"))
    assert response.status_code == 302
    response = bruno.post(
        url,
        edition_form(
            bruno_version,
            subject="Lettre de Bruno",
            **{"items-TOTAL_FORMS": "1", "items-0-position": "1", "items-0-article": article.pk},
        ),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Claire Vasseur a enregistré cette édition à" in page
    assert response.context["adminform"].form["subject"].value() == "Lettre de Bruno"
    assert f'name="items-0-article" value="{article.pk}"' in page
    stored = Edition.objects.get(pk=edition.pk)
    assert (stored.subject, stored.intro, stored.items.count()) == (
        "Lettre de mars",
        "Bonjour !",
        0,
    )


def test_a_save_from_an_up_to_date_page_goes_through_and_names_no_version_change(claire):
    article = draft()
    url = change_url(article)
    response = claire.post(url, article_form(article, opened_version(claire, url), title="Neuf"))
    assert response.status_code == 302
    entry = LogEntry.objects.get(object_id=str(article.pk))
    assert "version" not in entry.get_change_message().lower()


def test_scheduling_an_edition_moves_its_version_and_refuses_a_page_opened_before(claire):
    from newsletter import services as newsletter_services
    from tests.factories import EditionFactory

    edition = EditionFactory(subject="Lettre d’avril")
    edition.items.create(article=ArticleFactory(), position=1)
    url = f"/admin/newsletter/edition/{edition.pk}/change/"
    version = opened_version(claire, url)
    chief = StaffUserFactory(role=EDITOR_IN_CHIEF)
    later = timezone.now() + timedelta(days=2)
    newsletter_services.edition_schedule(edition=edition, at=later, by=chief)
    edition.refresh_from_db()
    assert edition.version == int(version) + 1
    response = claire.post(
        url,
        {"subject": "Autre objet", "intro": "", "version": version}
        | {"items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 200
    assert "pendant que vous la modifiiez" in response.content.decode()


def test_a_new_article_ignores_whatever_version_is_posted(claire):
    author = ArticleFactory().authors.get()
    response = claire.post(
        "/admin/blog/article/add/",
        {
            "title": "Tout neuf",
            "slug": "tout-neuf",
            "body": "<p>Premier jet.</p>",
            "authors": [author.pk],
            "tags": "",
            "comments_open": "on",
            "published_at_0": "",
            "published_at_1": "",
            "version": "n-importe-quoi",
        },
    )
    assert response.status_code == 302
    assert Article.objects.get(slug="tout-neuf").version == 1


def test_a_read_only_page_shows_no_version():
    from epw.roles import WRITER

    client = Client()
    client.force_login(StaffUserFactory(role=WRITER))
    page = PageFactory()
    html = client.get(f"/admin/blog/page/{page.pk}/change/").content.decode()
    assert page.title in html and "version" not in html.lower().split("<body", 1)[1]
