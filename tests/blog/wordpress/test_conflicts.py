"""Running the import again after editors changed imported articles and pages in EPW."""

import pytest

from blog.models import Article, Page
from blog.services import article_save, articles_add_tag, site_item_save
from tests.blog.wordpress.test_reruns_and_errors import edited_export

pytestmark = pytest.mark.django_db
CONFLICT = "modifié dans EPW depuis l’import, non remplacé"
WORDPRESS_EDIT = ("Il ne répète pas le titre.", "Il ne répète jamais le titre.")


def edit_in_epw(title: str, by) -> Article:
    article = Article.objects.get(slug="le-chapo")
    article.title = title
    return article_save(article=article, by=by)


def test_an_article_changed_on_both_sides_keeps_the_epw_edit_and_reports_the_conflict(
    run_import, tmp_path, admin_user
):
    run_import()
    edit_in_epw("Le chapô, relu par la rédaction", admin_user)
    _out, report = run_import(edited_export(tmp_path, WORDPRESS_EDIT))
    article = Article.objects.get(slug="le-chapo")
    assert article.title == "Le chapô, relu par la rédaction"
    assert "Il ne répète pas le titre." in article.body
    assert f"- Article 101 « Le chapô, relu par la rédaction » : {CONFLICT}." in report.splitlines()
    assert "Articles : 5 inchangés, 1 en conflit" in report


def test_the_conflict_is_reported_again_on_the_next_run(run_import, tmp_path, admin_user):
    run_import()
    edit_in_epw("Le chapô, relu par la rédaction", admin_user)
    export = edited_export(tmp_path, WORDPRESS_EDIT)
    run_import(export)
    _out, report = run_import(export)
    assert CONFLICT in report
    assert Article.objects.get(slug="le-chapo").title == "Le chapô, relu par la rédaction"


def test_an_edit_made_only_in_epw_is_kept_without_a_word(run_import, admin_user):
    run_import()
    edit_in_epw("Le chapô, relu par la rédaction", admin_user)
    _out, report = run_import()
    assert Article.objects.get(slug="le-chapo").title == "Le chapô, relu par la rédaction"
    assert CONFLICT not in report
    assert "Articles : 6 inchangés" in report


def test_a_change_made_only_in_wordpress_is_brought_in(run_import, tmp_path, admin_user):
    run_import()
    article = Article.objects.get(slug="le-chapo")
    article_save(article=article, by=admin_user)  # saved in the admin, nothing changed
    _out, report = run_import(edited_export(tmp_path, WORDPRESS_EDIT))
    assert "Il ne répète jamais le titre." in Article.objects.get(slug="le-chapo").body
    assert CONFLICT not in report
    assert "Articles : 1 mis à jour, 5 inchangés" in report


def test_tags_added_in_epw_count_as_an_edit(run_import, tmp_path, admin_user):
    run_import()
    articles_add_tag(articles=Article.objects.filter(slug="le-chapo"), tag="Relu", by=admin_user)
    _out, report = run_import(edited_export(tmp_path, WORDPRESS_EDIT))
    assert CONFLICT in report
    assert "Relu" in Article.objects.get(slug="le-chapo").tags.names()


def test_a_page_changed_on_both_sides_keeps_the_epw_edit(run_import, tmp_path):
    run_import()
    page = Page.objects.get(slug="atelier")
    page.body = "<p>Notre nouvelle présentation.</p>"
    site_item_save(item=page)
    export = edited_export(
        tmp_path, ("Écrivez-nous pour une formation.", "Écrivez-nous pour un atelier.")
    )
    _out, report = run_import(export)
    assert Page.objects.get(slug="atelier").body == "<p>Notre nouvelle présentation.</p>"
    assert f"Page 110 « À propos de l’atelier » : {CONFLICT}." in report
    assert "Pages : 1 en conflit" in report
