"""Importing the fixture export: every mapping from WordPress to EPW."""

from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from django_comments_xtd.models import XtdComment
from taggit.models import Tag

from blog.models import Article, Category, Page, TagDescription
from contributors.models import Contributor
from tests.blog.wordpress.conftest import EXPORT
from tests.factories import ArticleFactory, ContributorFactory, PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(run_import):
    return run_import()


def test_author_names_are_shown_without_html_entities(run_import, tmp_path):
    export = tmp_path / "entites.xml"
    text = EXPORT.read_text(encoding="utf-8")
    old = "<wp:author_display_name><![CDATA[Yanis Ferrand]]>"
    assert old in text
    text = text.replace(old, "<wp:author_display_name><![CDATA[Sophie N&#039;Diaye &amp; co]]>")
    export.write_text(text, encoding="utf-8")
    run_import(export)
    assert Contributor.objects.get(slug="yanis").display_name == "Sophie N'Diaye & co"


def test_authors_become_contributor_profiles(imported):
    claire = Contributor.objects.get(slug="claire-vasseur")
    assert claire.display_name == "Claire Vasseur"
    assert Contributor.objects.get(slug="yanis").display_name == "Yanis Ferrand"
    assert list(Article.objects.get(slug="le-chapo").authors.all()) == [claire]


def test_an_existing_profile_is_matched_by_email_and_left_as_it_is(run_import):
    user = get_user_model().objects.create_user("claire", email="CLAIRE@atelier-des-mots.example")
    profile = ContributorFactory(user=user, display_name="C. Vasseur", slug="c-vasseur")
    run_import()
    assert Contributor.objects.filter(display_name__icontains="Vasseur").count() == 1
    profile.refresh_from_db()
    assert profile.display_name == "C. Vasseur"
    assert list(Article.objects.get(slug="le-chapo").authors.all()) == [profile]


def test_categories_keep_their_hierarchy_slugs_and_descriptions(imported):
    titres = Category.objects.get(slug="titres")
    assert titres.name == "Titres & intertitres"
    assert titres.parent == Category.objects.get(slug="redaction")
    assert titres.description == "Trouver le titre qui donne envie de lire."
    assert Category.objects.get(slug="outils").parent is None


def test_tags_keep_their_slugs_and_descriptions(imported):
    tag = Tag.objects.get(slug="lisibilite")
    assert tag.name == "Lisibilité"
    assert TagDescription.objects.get(tag=tag).description == "Des phrases qu’on lit sans effort."
    article = Article.objects.get(slug="le-chapo")
    assert set(article.tags.values_list("slug", flat=True)) == {"lisibilite", "seo"}


def test_posts_keep_title_slug_gmt_date_excerpt_sticky_category_and_comment_setting(imported):
    article = Article.objects.get(slug="le-chapo")
    assert article.title == "Le chapô, ce paragraphe qu’on lit en premier"  # entity decoded
    assert article.published_at == datetime(2021, 3, 14, 8, 30, tzinfo=UTC)
    assert article.standfirst == "Deux phrases pour donner envie de lire la suite."
    assert article.featured is True
    assert article.category.slug == "titres"
    assert article.comments_open is True
    other = Article.objects.get(slug="regles-titres")
    assert other.featured is False
    assert other.comments_open is False


def test_statuses_map_to_epw_statuses_and_only_published_ones_are_public(imported):
    statuses = dict(Article.objects.values_list("slug", "status"))
    assert statuses == {
        "le-chapo": "published",
        "regles-titres": "published",
        "relire": "unpublished",  # private
        "guide-des-liens": "scheduled",  # future
        "brouillon-les-listes-a-puces": "draft",  # no slug in WordPress: made from the title
        "ponctuation": "published",
    }
    public = set(Article.objects.published().values_list("slug", flat=True))
    assert public == {"le-chapo", "regles-titres", "ponctuation"}


def test_classic_content_gets_real_paragraphs(imported):
    body = Article.objects.get(slug="le-chapo").body
    assert "<p>Le chapô résume l’article en deux phrases.<br>\nIl ne répète pas le titre.</p>" in (
        body
    )
    assert "<p>Il donne au lecteur une raison de continuer &amp; il tient sa promesse.</p>" in body


def test_block_editor_content_loses_its_comments_and_keeps_emoji(imported):
    article = Article.objects.get(slug="regles-titres")
    assert article.title == "Titres : 5 règles & un émoji ✍️"  # CDATA title
    assert "<!--" not in article.body and "wp:" not in article.body
    assert "<p>Un bon titre tient en une ligne &amp; promet une seule chose. 🚀</p>" in article.body
    assert "<h2>Règle n° 1 : le verbe</h2>" in article.body


def test_caption_becomes_a_figure_and_unknown_shortcodes_are_removed_and_reported(imported):
    out, report = imported
    body = Article.objects.get(slug="le-chapo").body
    assert '<img src="/media/wordpress/2021/03/plume.jpg" alt="Une plume posée sur un carnet"' in (
        body
    )
    assert "<figcaption>Une plume, un carnet : le début de tout chapô</figcaption></figure>" in body
    assert "[" not in body
    assert "Code court inconnu [page_announcements] retiré de l’élément 101." in report


def test_gallery_shows_the_images_found(imported):
    _out, report = imported
    body = Article.objects.get(slug="regles-titres").body
    assert '<figure><img src="/media/wordpress/2021/04/carnet.png" alt=""></figure>' in body
    assert "Fichier 203 du code court [gallery] introuvable dans l’élément 102." in report


def test_attachments_are_copied_and_missing_files_reported_not_fatal(imported):
    _out, report = imported
    article = Article.objects.get(slug="le-chapo")
    assert article.cover.name == "wordpress/2021/03/plume.jpg"
    assert (article.cover_width, article.cover_height) == (640, 427)
    folders, _files = default_storage.listdir("renditions")
    assert folders  # the featured image's renditions are made during the import
    assert default_storage.exists("wordpress/2021/04/carnet.png")
    assert "Fichier manquant : 2021/04/stylo-perdu.jpg" in report
    assert "Fichier manquant : 2021/03/grille-absente.pdf" in report
    assert "Image mise en avant 203 introuvable pour l’article 102." in report
    # A link to a missing file keeps its old address rather than pointing nowhere.
    assert "https://atelier-des-mots.example/wp-content/uploads/2021/03/grille-absente.pdf" in (
        article.body
    )
    assert not Article.objects.get(slug="regles-titres").cover


def test_pages_are_imported(imported):
    page = Page.objects.get(slug="atelier")
    assert page.title == "À propos de l’atelier"
    assert page.is_published
    assert page.body == (
        "<p>Nous aidons les rédactions à écrire clair.</p>\n<p>Écrivez-nous pour une formation.</p>"
    )


def test_threaded_comments_keep_their_tree_and_an_orphan_goes_to_the_article(imported):
    _out, report = imported
    article = Article.objects.get(slug="le-chapo")
    comments = {c.comment[:12]: c for c in XtdComment.objects.filter(object_pk=str(article.pk))}
    merci, plaisir, lecteurs = (
        comments["Merci, je re"],
        comments["Avec plaisir"],
        comments["Mes lecteurs"],
    )
    assert merci.user_name == "Léa" and merci.user_url == "https://lea.example/"
    assert merci.user_email == "lea@lecteurs.example"
    assert str(merci.ip_address) == "192.0.2.0"  # kept truncated
    assert merci.submit_date == datetime(2021, 3, 14, 10, tzinfo=UTC)
    assert (merci.thread_id, merci.parent_id, merci.level, merci.order) == (
        merci.pk,
        merci.pk,
        0,
        1,
    )
    assert (plaisir.thread_id, plaisir.parent_id, plaisir.level, plaisir.order) == (
        merci.pk,
        merci.pk,
        1,
        2,
    )
    assert (lecteurs.parent_id, lecteurs.level, lecteurs.order) == (plaisir.pk, 2, 3)
    assert merci.nested_count == 2
    assert "🙂" in plaisir.comment
    orphan = comments["Je réponds à"]
    assert (orphan.thread_id, orphan.parent_id, orphan.level) == (orphan.pk, orphan.pk, 0)
    assert "Commentaire 504 : son parent 499 manque, il est rattaché à l’article 101." in report


def test_comment_statuses_pending_held_spam_and_pingbacks_left_out(imported):
    comments = XtdComment.objects.all()
    assert comments.count() == 5
    held = comments.get(user_name="Nadia")
    assert held.is_public is False
    assert held.moderation.state == "held"  # waiting in the moderation queue
    assert {c.moderation.state for c in comments.exclude(pk=held.pk)} == {"public"}
    assert all(c.ip_address is None or c.ip_address.endswith(".0") for c in comments)
    assert not comments.filter(user_name__in=["Promo Montres", "Un autre blog"]).exists()


def test_spam_can_be_kept_hidden(run_import):
    run_import(EXPORT, "--keep-spam")
    spam = XtdComment.objects.get(user_name="Promo Montres")
    assert (spam.is_public, spam.is_removed) == (False, True)
    assert spam.moderation.state == "spam"


def test_a_slug_already_taken_gets_a_suffix_and_keeps_it_on_re_runs(run_import):
    ArticleFactory(slug="ponctuation", title="Ponctuation (article d’origine)")
    _out, report = run_import()
    assert Article.objects.get(title="Ponctuer pour respirer").slug == "ponctuation-2"
    assert "Adresse « ponctuation » déjà prise : « ponctuation-2 » pour l’élément 106." in report
    run_import()
    assert Article.objects.get(title="Ponctuer pour respirer").slug == "ponctuation-2"
    assert Article.objects.filter(slug__startswith="ponctuation").count() == 2


def test_the_report_counts_each_kind_and_is_written_to_a_file(imported):
    out, report = imported
    assert out.startswith(report)
    assert "Articles : 6 importés" in report
    assert "Commentaires : 5 importés, 2 ignorés" in report
    assert "Auteurs : 2 importés" in report


def test_the_report_agrees_with_each_kind_and_count(imported, run_import):
    _out, report = imported
    assert "Catégories : 3 importées" in report
    assert "Étiquettes : 2 importées" in report
    assert "Pages : 1 importée\n" in report
    assert "Autres éléments : 1 ignoré\n" in report
    assert "Fichiers joints : 3 importés" in report
    _out, report = run_import()
    assert "Catégories : 3 inchangées" in report
    assert "Pages : 1 inchangée\n" in report
    assert "Articles : 6 inchangés" in report


def with_alt_texts(tmp_path):
    """The export with alt texts in the media library, and a body image that has none."""
    text = EXPORT.read_text(encoding="utf-8")
    replacements = [
        (' alt="Une plume posée sur un carnet"', ""),
        *(
            (
                f"<wp:meta_value><![CDATA[{path}]]></wp:meta_value></wp:postmeta>",
                f"<wp:meta_value><![CDATA[{path}]]></wp:meta_value></wp:postmeta>"
                "<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key>"
                f"<wp:meta_value><![CDATA[{alt}]]></wp:meta_value></wp:postmeta>",
            )
            for path, alt in [
                ("2021/03/plume.jpg", "Une plume sur un carnet ouvert"),
                ("2021/04/carnet.png", "Un carnet à spirale"),
            ]
        ),
    ]
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    export = tmp_path / "alternatifs.xml"
    export.write_text(text, encoding="utf-8")
    return export


def test_alt_texts_of_the_media_library_are_kept(run_import, tmp_path):
    run_import(with_alt_texts(tmp_path))
    chapo = Article.objects.get(slug="le-chapo")
    assert chapo.cover_alt == "Une plume sur un carnet ouvert"
    assert 'alt="Une plume sur un carnet ouvert"' in chapo.body
    titles = Article.objects.get(slug="regles-titres")
    assert 'alt="Un carnet à spirale"' in titles.body


def test_a_cover_without_alt_text_gets_its_title_and_a_warning(run_import):
    _out, report = run_import()
    chapo = Article.objects.get(slug="le-chapo")
    assert chapo.cover_alt == "plume"
    assert "Image mise en avant 201 de l’article 101 sans texte alternatif : « plume »" in report
    # The body image keeps the alt text written in WordPress.
    assert 'alt="Une plume posée sur un carnet"' in chapo.body


def test_a_page_whose_address_is_taken_is_reported_with_its_old_address(client, run_import):
    PageFactory(slug="atelier", title="Notre atelier (page d’origine)")
    _out, report = run_import()
    assert Page.objects.get(title="À propos de l’atelier").slug == "atelier-2"
    assert (
        "Adresse « atelier » déjà prise : la page 110 est importée sous « atelier-2 », et son "
        "ancienne adresse /atelier/ continue d’afficher la page existante" in report
    )
    assert "Notre atelier (page d’origine)" in client.get("/atelier/").content.decode()


def test_embeds_are_imported_and_the_unknown_ones_reported(run_import, tmp_path):
    export = tmp_path / "embeds.xml"
    text = EXPORT.read_text(encoding="utf-8")
    assert "[page_announcements]" in text
    text = text.replace(
        "[page_announcements]",
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ\n\n[embed]https://video.example/v/42[/embed]",
    )
    export.write_text(text, encoding="utf-8")
    _out, report = run_import(export)
    body = Article.objects.get(slug="le-chapo").body
    assert '<figure data-embed="youtube"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' in (
        body
    )
    assert (
        "Contenu intégré non reconnu, gardé comme lien dans l’élément 101 : "
        "https://video.example/v/42"
    ) in report
