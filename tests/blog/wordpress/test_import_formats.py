"""Exports from WordPress.com, from old WordPress versions and from plugins that give no ids."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_comments_xtd.models import XtdComment
from taggit.models import Tag

from blog.models import Article, Category, Page
from blog.wordpress.parser import Author, Item, WXRReader
from contributors.models import Contributor
from tests.blog.wordpress.conftest import EXPORT, FIXTURES

pytestmark = pytest.mark.django_db
WORDPRESS_COM = FIXTURES / "wordpress-com.xml"
WXR_1_0 = FIXTURES / "wxr-1.0.xml"


def read(namespace: str) -> tuple:
    export = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="{namespace}" xmlns:excerpt="{namespace}excerpt/"><channel>
<wp:author><wp:author_login>ana</wp:author_login></wp:author>
<item><title>Titre</title><excerpt:encoded>Chapô</excerpt:encoded>
<wp:post_id>4</wp:post_id><wp:post_type>post</wp:post_type></item>
</channel></rss>"""
    reader = WXRReader(BytesIO(export.encode()))
    entries = list(reader)
    return reader.channel, entries


@pytest.mark.parametrize("scheme", ["http", "https"])
@pytest.mark.parametrize("version", ["1.0", "1.1", "1.2"])
def test_every_export_version_is_read_in_both_namespace_forms(scheme, version):
    channel, (author, item) = read(f"{scheme}://wordpress.org/export/{version}/")
    assert channel.version == version
    assert isinstance(author, Author) and author.login == "ana"
    assert isinstance(item, Item) and (item.wp_id, item.excerpt) == (4, "Chapô")


def test_an_item_terms_are_read_once_each_whatever_the_export_version():
    namespace = "http://wordpress.org/export/1.0/"
    export = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="{namespace}"><channel><item>
<category><![CDATA[Outils]]></category>
<category domain="category" nicename="outils"><![CDATA[Outils]]></category>
<category domain="category" nicename="outils-2"><![CDATA[Outils]]></category>
<category><![CDATA[Sans slug]]></category>
<category domain="tag"><![CDATA[virgule]]></category>
<category domain="tag" nicename="virgule"><![CDATA[virgule]]></category>
<category domain="post_format" nicename="post-format-aside"><![CDATA[Aparté]]></category>
<wp:post_id>4</wp:post_id><wp:post_type>post</wp:post_type></item>
</channel></rss>"""
    (item,) = list(WXRReader(BytesIO(export.encode())))
    assert item.categories == [
        ("outils", "Outils"),
        ("outils-2", "Outils"),
        ("Sans slug", "Sans slug"),
    ]
    assert item.tags == [("virgule", "virgule")]


def test_a_wordpress_com_export_is_imported(run_import, client):
    _out, report = run_import(WORDPRESS_COM, media=None)
    article = Article.objects.get(slug="espace-point-virgule")
    assert article.standfirst == "Une espace, et pas n’importe laquelle."
    assert article.category.name == "Orthotypographie"
    assert list(article.tags.names()) == ["Espaces insécables"]
    assert [author.display_name for author in article.authors.all()] == ["Margot Lemaire"]
    assert "Commentaires : 4 importés" in report  # one on the post, three on the page
    response = client.get(article.get_absolute_url())
    assert "Et devant les deux-points ?" in response.content.decode()


def test_comments_on_a_page_are_imported_and_shown_under_it(run_import, client):
    _out, report = run_import(WORDPRESS_COM, media=None)
    assert "ne sont pas repris" not in report
    page = Page.objects.get(slug="contact")
    html = client.get(page.get_absolute_url()).content.decode()
    assert "2 commentaires" in html
    assert "« Après que » se construit-il avec l’indicatif ?" in html
    assert "Oui : l’action est accomplie, donc indicatif." in html
    assert "Une offre en attente de modération." not in html  # held, as it was in WordPress
    assert "Les commentaires sont fermés pour cette page." in html
    reply = XtdComment.objects.get(comment__startswith="Oui")
    parent = XtdComment.objects.get(pk=reply.parent_id)
    assert reply.level == 1 and parent.comment.startswith("« Après que »")
    assert 'id="comment-form' not in html


def test_a_page_without_comments_shows_no_comments_block(run_import, client):
    run_import(media=None)
    html = client.get(Page.objects.get(slug="atelier").get_absolute_url()).content.decode()
    assert 'id="commentaires"' not in html


def with_more_page_comments(tmp_path, count: int):
    """The WordPress.com export with `count` more approved comments on its page, half replies."""
    text = WORDPRESS_COM.read_text(encoding="utf-8")
    more = "".join(
        f"""<wp:comment><wp:comment_id>{900 + number}</wp:comment_id>
        <wp:comment_author>Lecteur {number}</wp:comment_author>
        <wp:comment_content>Commentaire {number}</wp:comment_content>
        <wp:comment_approved>1</wp:comment_approved>
        <wp:comment_date_gmt>2026-07-06 10:00:00</wp:comment_date_gmt>
        <wp:comment_parent>{900 + number - 1 if number % 2 else 0}</wp:comment_parent>
        </wp:comment>"""
        for number in range(count)
    )
    end_of_page = "\t</item>\n</channel>"  # the page is the last item
    assert end_of_page in text
    export = tmp_path / "nombreux.xml"
    export.write_text(text.replace(end_of_page, more + end_of_page), encoding="utf-8")
    return export


def page_queries(client, path: str) -> int:
    client.get(path)  # the layout and the page's comments are kept from the first view on
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_a_page_runs_the_same_queries_whatever_its_number_of_comments(
    run_import, client, tmp_path, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run_import(WORDPRESS_COM, media=None)
    path = Page.objects.get(slug="contact").get_absolute_url()
    few = page_queries(client, path)
    with django_capture_on_commit_callbacks(execute=True):
        run_import(with_more_page_comments(tmp_path, 30), media=None)
    assert "32 commentaires" in client.get(path).content.decode()
    assert page_queries(client, path) == few


def test_a_wxr_1_0_export_is_imported_with_its_authors_terms_and_comments(run_import):
    _out, report = run_import(WXR_1_0, media=None)
    assert "Auteurs : 2 importés" in report
    assert "Catégories : 2 importées" in report
    assert "Étiquettes : 2 importées" in report
    odile, jules = Contributor.objects.get(slug="odile"), Contributor.objects.get(slug="jules")
    guillemets = Article.objects.get(slug="guillemets")
    assert list(guillemets.authors.all()) == [odile]
    assert list(Article.objects.get(slug="majuscules-accentuees").authors.all()) == [jules]
    assert guillemets.standfirst == "Des chevrons, pas des apostrophes."
    assert guillemets.category.slug == "guillemets"
    assert list(guillemets.tags.values_list("slug", flat=True)) == ["chevrons"]
    assert Category.objects.get(slug="majuscules").description == "Quand mettre une capitale."
    assert Tag.objects.count() == 2
    assert XtdComment.objects.get().comment.startswith("Et les guillemets anglais")
    assert "inconnu" not in report


def test_a_wxr_1_0_export_run_again_finds_its_authors_and_terms(run_import):
    run_import(WXR_1_0, media=None)
    _out, report = run_import(WXR_1_0, media=None)
    assert "Auteurs : 2 inchangés" in report
    assert "Catégories : 2 inchangées" in report
    assert "Étiquettes : 2 inchangées" in report
    assert (Contributor.objects.count(), Category.objects.count(), Tag.objects.count()) == (2, 2, 2)


def without_author_ids(tmp_path):
    text = EXPORT.read_text(encoding="utf-8")
    for author_id in ("<wp:author_id>2</wp:author_id>", "<wp:author_id>3</wp:author_id>"):
        assert author_id in text
        text = text.replace(author_id, "")
    path = tmp_path / "sans-identifiants.xml"
    path.write_text(text, encoding="utf-8")
    return path


def test_authors_without_ids_are_told_apart_by_their_login(run_import, tmp_path):
    _out, report = run_import(without_author_ids(tmp_path))
    assert "Auteurs : 2 importés" in report
    claire, yanis = (
        Contributor.objects.get(slug="claire-vasseur"),
        Contributor.objects.get(slug="yanis"),
    )
    assert (claire.display_name, yanis.display_name) == ("Claire Vasseur", "Yanis Ferrand")
    assert list(Article.objects.get(slug="le-chapo").authors.all()) == [claire]


def test_authors_without_ids_are_found_again_by_their_login_on_a_re_run(run_import, tmp_path):
    export = without_author_ids(tmp_path)
    run_import(export)
    _out, report = run_import(export)
    assert "Auteurs : 2 inchangés" in report
    assert Contributor.objects.count() == 2
