"""Running the import again, simulating it, and stopping cleanly on a bad file."""

import pytest
from django.core.files.storage import default_storage
from django.core.management.base import CommandError
from django_comments_xtd.models import XtdComment
from PIL import Image
from taggit.models import Tag

from blog.models import Article, Category, Page, WordPressItem
from blog.wordpress.importer import Importer
from contributors.models import Contributor
from tests.blog.wordpress.conftest import EXPORT

pytestmark = pytest.mark.django_db
MODELS = [Article, Category, Page, Tag, Contributor, XtdComment, WordPressItem]


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MODELS}


def edited_export(tmp_path, *replacements: tuple[str, str]):
    text = EXPORT.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "export-modifie.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_re_run_changes_nothing(run_import):
    run_import()
    before = counts()
    modified = dict(Article.objects.values_list("slug", "modified_at"))
    _out, report = run_import()
    assert counts() == before
    assert dict(Article.objects.values_list("slug", "modified_at")) == modified
    assert "Articles : 6 inchangés" in report
    assert "Commentaires : 5 inchangés, 2 ignorés" in report


def test_a_re_run_leaves_an_attachment_whose_file_is_still_missing_alone(run_import):
    _out, report = run_import()
    assert "Fichier manquant : 2021/04/stylo-perdu.jpg" in report
    missing = WordPressItem.objects.get(kind="attachment", wp_id=203)
    _out, report = run_import()
    assert "Fichiers joints : 3 inchangés" in report
    assert WordPressItem.objects.get(pk=missing.pk).updated_at == missing.updated_at


def test_a_re_run_brings_in_a_file_added_to_the_media_folder(run_import, media_dir):
    run_import()
    Image.new("RGB", (200, 100), "#000").save(media_dir / "2021" / "04" / "stylo-perdu.jpg")
    _out, report = run_import()
    assert "Fichiers joints : 1 mis à jour, 2 inchangés" in report
    record = WordPressItem.objects.get(kind="attachment", wp_id=203)
    assert record.media_path == "wordpress/2021/04/stylo-perdu.jpg"


def test_a_re_run_after_an_edit_in_wordpress_updates_the_post_and_adds_the_new_reply(
    run_import, tmp_path
):
    run_import()
    before = counts()
    reply = """<wp:comment>
			<wp:comment_id>508</wp:comment_id>
			<wp:comment_author><![CDATA[Paul]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[paul@lecteurs.example]]></wp:comment_author_email>
			<wp:comment_author_url></wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[192.0.2.44]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[2021-03-20 10:00:00]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[2021-03-20 09:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[Et pour les chapôs de portraits ?]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>501</wp:comment_parent>
			<wp:comment_user_id>0</wp:comment_user_id>
		</wp:comment>
		<wp:comment>
			<wp:comment_id>502</wp:comment_id>"""
    export = edited_export(
        tmp_path,
        ("Il ne répète pas le titre.", "Il ne répète jamais le titre."),
        ("<wp:comment>\n\t\t\t<wp:comment_id>502</wp:comment_id>", reply),
    )
    _out, report = run_import(export)
    assert "Articles : 1 mis à jour, 5 inchangés" in report
    assert "Commentaires : 1 importé, 5 inchangés, 2 ignorés" in report
    after = counts()
    assert after["Article"] == before["Article"]
    assert after["XtdComment"] == before["XtdComment"] + 1
    article = Article.objects.get(slug="le-chapo")
    assert "Il ne répète jamais le titre." in article.body
    thread = list(
        XtdComment.objects.filter(object_pk=str(article.pk), thread_id__gt=0)
        .order_by("thread_id", "order")
        .values_list("user_name", "level", "order")
    )
    # The later reply to Léa comes after the earlier sub-thread, as xtd would place it.
    assert thread[:4] == [("Léa", 0, 1), ("Claire Vasseur", 1, 2), ("Léa", 2, 3), ("Paul", 1, 4)]
    root = XtdComment.objects.get(comment__startswith="Merci")
    assert root.nested_count == 3


def test_dry_run_writes_nothing(run_import):
    out, report = run_import(EXPORT, "--dry-run")
    assert all(count == 0 for count in counts().values())
    assert not default_storage.exists("wordpress/2021/03/plume.jpg")
    assert report.startswith("Import WordPress : simulation, rien n’a été enregistré.")
    assert "Articles : 6 importés" in report


def test_one_bad_item_is_reported_and_skipped_without_losing_the_others(run_import, monkeypatch):
    fill = Importer._fill_article

    def failing(self, article, item):
        fill(self, article, item)
        if item.wp_id == 102:
            raise ValueError("contenu illisible")

    monkeypatch.setattr(Importer, "_fill_article", failing)
    _out, report = run_import()
    assert "post 102 ignoré : contenu illisible" in report
    assert "Articles : 5 importés, 1 ignoré" in report
    assert not Article.objects.filter(slug="regles-titres").exists()
    assert not WordPressItem.objects.filter(kind="post", wp_id=102).exists()
    assert Article.objects.filter(slug="ponctuation").exists()


def test_a_truncated_file_is_refused_before_anything_is_written(run_import, tmp_path):
    text = EXPORT.read_text(encoding="utf-8")
    cut = text.index("<title>Relire à voix haute</title>") + 10
    export = tmp_path / "tronque.xml"
    export.write_text(text[:cut], encoding="utf-8")
    line = text[:cut].count("\n") + 1
    with pytest.raises(CommandError) as error:
        run_import(export)
    message = str(error.value)
    assert message.startswith(f"Import refusé : XML illisible ligne {line}, colonne ")
    assert message.endswith("Rien n’a été importé.")
    assert "line" not in message and "token" not in message
    assert "déjà importés" not in message
    assert all(count == 0 for count in counts().values())
    assert not default_storage.exists("wordpress/2021/03/plume.jpg")
    assert "Arrêté sur une erreur" in (tmp_path / "rapport.txt").read_text(encoding="utf-8")


def test_items_imported_before_a_break_stay(run_import, tmp_path):
    run_import()
    text = EXPORT.read_text(encoding="utf-8").replace("Il ne répète pas", "Il ne répète plus")
    export = tmp_path / "casse.xml"
    export.write_text(text.replace("<title>Ponctuer", "<title>Ponctuer <b>", 1), encoding="utf-8")
    with pytest.raises(CommandError, match="XML illisible"):
        run_import(export)
    assert Article.objects.count() == 6
    assert "Il ne répète pas le titre." in Article.objects.get(slug="le-chapo").body


def test_a_non_wordpress_xml_file_is_refused(run_import, tmp_path):
    feed = tmp_path / "flux.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Un flux</title>'
        "<item><title>Pas un export</title></item></channel></rss>",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="Ce fichier n’est pas un export WordPress"):
        run_import(feed)
    other = tmp_path / "autre.xml"
    other.write_text('<?xml version="1.0"?><catalogue><livre/></catalogue>', encoding="utf-8")
    with pytest.raises(CommandError, match="Ce fichier n’est pas un export WordPress"):
        run_import(other)
    assert all(count == 0 for count in counts().values())


def test_entity_declarations_are_refused(run_import, tmp_path):
    bomb = tmp_path / "bombe.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">]>'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>&a;</title>'
        "</channel></rss>",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="XML refusé"):
        run_import(bomb)


def test_wxr_1_1_exports_are_read_too(run_import, tmp_path):
    export = edited_export(
        tmp_path,
        ("export/1.2/", "export/1.1/"),
        ("<wp:wxr_version>1.2<", "<wp:wxr_version>1.1<"),
    )
    _out, report = run_import(export)
    assert "Articles : 6 importés" in report
    assert Article.objects.get(slug="le-chapo").standfirst


def test_progress_is_shown_on_stderr(tmp_path, media_dir):
    from io import StringIO

    from django.core.management import call_command

    err = StringIO()
    call_command(
        "import_wordpress",
        str(EXPORT),
        "--report",
        str(tmp_path / "r.txt"),
        stdout=StringIO(),
        stderr=err,
    )
    assert "Articles, pages et commentaires [" in err.getvalue()
    assert "éléments" in err.getvalue() and "/s" in err.getvalue()


def test_a_re_run_with_the_media_folder_brings_the_images_in(run_import):
    _out, report = run_import(EXPORT, media=None)
    assert "Fichier manquant : 2021/03/plume.jpg" in report
    assert not Article.objects.get(slug="le-chapo").cover
    run_import()
    article = Article.objects.get(slug="le-chapo")
    assert article.cover.name == "wordpress/2021/03/plume.jpg"
    assert 'src="/media/wordpress/2021/03/plume.jpg"' in article.body
