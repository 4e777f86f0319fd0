"""Revisions: every admin save keeps one; two can be compared; one can be restored."""

import pytest
from reversion.models import Version

from blog.models import Article
from epw.roles import EDITOR_IN_CHIEF, WRITER
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief(client):
    user = StaffUserFactory(role=EDITOR_IN_CHIEF)
    client.force_login(user)
    return user


def save_body(client, article, body, title=None):
    data = {
        "title": title or article.title,
        "slug": article.slug,
        "standfirst": article.standfirst,
        "body": body,
        "authors": [a.pk for a in article.authors.all()],
        "tags": "",
        "comments_open": "on",
        "published_at_0": "",
        "published_at_1": "",
        "version": Article.objects.get(pk=article.pk).version,  # as a page opened now
    }
    response = client.post(f"/admin/blog/article/{article.pk}/change/", data)
    assert response.status_code == 302


def test_each_save_keeps_a_revision_with_its_author(client, chief):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    save_body(client, article, "<p>Première version.</p>")
    save_body(client, article, "<p>Deuxième version.</p>")
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    assert {v.revision.user for v in versions} == {chief}
    assert versions[0].field_dict["body"] == "<p>Deuxième version.</p>"


def test_two_revisions_are_compared_in_the_history(client, chief):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    save_body(client, article, "<p>Un paragraphe.</p><p>Ancienne phrase.</p>")
    save_body(client, article, "<p>Un paragraphe.</p><p>Nouvelle phrase.</p>", title="Neuf")
    history = client.get(f"/admin/blog/article/{article.pk}/history/").content.decode()
    assert "Comparer les deux versions" in history
    newer, older = Version.objects.get_for_object(article)
    page = client.get(
        f"/admin/blog/article/{article.pk}/revisions/comparer/?a={newer.pk}&b={older.pk}"
    ).content.decode()
    # The older version is on the left; only the changed words are marked.
    assert page.index("<del>Ancienne</del> phrase.") < page.index("<ins>Nouvelle</ins> phrase.")
    assert "<ins>Neuf</ins>" in page and "No Differences" not in page
    assert (
        client.get(
            f"/admin/blog/article/{article.pk}/revisions/comparer/?a=x&b={older.pk}"
        ).status_code
        == 404
    )


def test_a_revision_is_restored_only_on_post_and_the_restore_is_itself_a_revision(client, chief):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    save_body(client, article, "<p>Le bon texte.</p>")
    save_body(client, article, "<p>Une erreur.</p>")
    good = Version.objects.get_for_object(article).last()
    url = f"/admin/blog/article/{article.pk}/revisions/{good.pk}/restaurer/"
    assert "Restaurer cette version" in client.get(url).content.decode()
    assert Article.objects.get(pk=article.pk).body == "<p>Une erreur.</p>"
    client.post(url)
    assert Article.objects.get(pk=article.pk).body == "<p>Le bon texte.</p>"
    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.comment.startswith("Version du")
    assert Version.objects.get_for_object(article).count() == 3


def test_a_writer_cannot_restore_a_version_of_a_live_article(client):
    from blog import services

    writer = StaffUserFactory(role=WRITER)
    article = ArticleFactory(created_by=writer)
    services.article_unpublish(article=article, by=StaffUserFactory(role=EDITOR_IN_CHIEF))
    article.refresh_from_db()
    version = Version.objects.get_for_object(article).get()
    services.article_restore_revision(article=article, version=version, by=writer)
    article.status = Article.Status.PUBLISHED
    with pytest.raises(services.WorkflowError):
        services.article_restore_revision(article=article, version=version, by=writer)


def test_reversions_full_revert_and_recover_cannot_bring_back_a_status(client):
    from blog import services

    chief = StaffUserFactory(role=EDITOR_IN_CHIEF)
    article = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    services.article_publish(article=article, by=chief)
    published = Version.objects.get_for_object(article).get()
    services.article_unpublish(article=article, by=chief)
    client.force_login(StaffUserFactory(role=WRITER))
    response = client.get(f"/admin/blog/article/{article.pk}/history/{published.pk}/")
    assert response["Location"].endswith(f"/revisions/{published.pk}/restaurer/")
    assert client.get("/admin/blog/article/recover/").status_code == 403
    assert client.get(f"/admin/blog/article/recover/{published.pk}/").status_code == 403


def test_a_version_of_another_article_cannot_be_restored(client, chief):
    article, other = ArticleFactory(), ArticleFactory()
    save_body(client, other, "<p>Autre.</p>")
    version = Version.objects.get_for_object(other).get()
    url = f"/admin/blog/article/{article.pk}/revisions/{version.pk}/restaurer/"
    assert client.post(url).status_code == 404


def test_the_history_shows_who_changed_the_status_and_when(client, chief):
    writer = StaffUserFactory(role=WRITER)
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None, created_by=writer)
    from blog import services

    services.article_submit_for_review(article=article, by=writer)
    services.article_publish(article=article, by=chief)
    page = client.get(f"/admin/blog/article/{article.pk}/history/").content.decode()
    assert "Soumis pour relecture." in page and "Publié." in page
    assert writer.get_full_name() in page and chief.get_full_name() in page


def compare(client, article):
    newer, older = Version.objects.get_for_object(article)[:2]
    url = f"/admin/blog/article/{article.pk}/revisions/comparer/?a={older.pk}&b={newer.pk}"
    return client.get(url).content.decode()


def test_the_comparison_reads_as_text_with_everything_escaped(client, chief):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    save_body(client, article, "<p>Dupont &amp; fils&nbsp;: «&nbsp;oui&nbsp;».</p><p>Fin.</p>")
    save_body(
        client,
        article,
        "<h2>Le &lt;script&gt; du jour</h2><p>Dupont &amp; <strong>fille</strong>&nbsp;: "
        "«&nbsp;oui&nbsp;».</p><p>Fin.</p>",
    )
    page = compare(client, article)
    # The readers' text, not the HTML source: no tags, no double-escaped entities.
    assert "&lt;p&gt;" not in page and "&amp;nbsp;" not in page and "&amp;amp;" not in page
    assert "<del>fils\u00a0:</del>" in page and "<ins>fille\u00a0:</ins>" in page
    assert "Dupont &amp;" in page
    # Text that reads as a tag is shown escaped, never as markup.
    assert "<ins>Le &lt;script&gt; du jour" in page and "<script> du" not in page


def test_a_change_of_formatting_only_is_said_so(client, chief):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    save_body(client, article, "<p>Un mot important.</p>")
    save_body(client, article, "<p>Un mot <strong>important</strong>.</p>")
    page = compare(client, article)
    assert "seule la mise en forme change" in page


def test_the_restore_page_lists_every_field_that_would_change(client, chief):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    save_body(client, article, "<p>Même corps.</p>", title="Ancien titre")
    save_body(client, article, "<p>Même corps.</p>", title="Nouveau titre")
    Article.objects.filter(pk=article.pk).update(
        cover_alt="Une autre image", seo_description="Résumé pour les moteurs"
    )
    old = Version.objects.get_for_object(article).last()
    page = client.get(f"/admin/blog/article/{article.pk}/revisions/{old.pk}/restaurer/")
    html = page.content.decode()
    changes = {change.label: change for change in page.context["changes"]}
    assert set(changes) == {"Titre", "Texte alternatif de la couverture", "Description SEO"}
    assert "<del>Nouveau</del> titre" in html and "<ins>Ancien</ins> titre" in html
    assert "<del>Une autre image</del>" in html
    assert "No Differences" not in html and "Restaurer cette version" in html


def test_restoring_the_current_texts_says_nothing_would_change(client, chief):
    article = ArticleFactory(status=Article.Status.DRAFT, published_at=None)
    save_body(client, article, "<p>Le texte.</p>")
    version = Version.objects.get_for_object(article).get()
    page = client.get(
        f"/admin/blog/article/{article.pk}/revisions/{version.pk}/restaurer/"
    ).content.decode()
    assert "la restaurer ne changerait rien" in page
    assert "No Differences" not in page and "Restaurer cette version" not in page
