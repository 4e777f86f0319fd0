"""WordPress menus become EPW's main and footer menus."""

import pytest

from blog.models import Menu, MenuItem
from blog.wordpress.importer import import_wordpress

pytestmark = pytest.mark.django_db

HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Blog</title><link>https://ancien.example</link><wp:wxr_version>1.2</wp:wxr_version>
  <wp:category><wp:term_id>5</wp:term_id><wp:category_nicename>redaction</wp:category_nicename>
    <wp:category_parent></wp:category_parent><wp:cat_name>Rédaction</wp:cat_name></wp:category>
  <wp:tag><wp:term_id>11</wp:term_id><wp:tag_slug>seo</wp:tag_slug><wp:tag_name>SEO</wp:tag_name></wp:tag>
"""
CONTENT = """
  <item><title>Qui sommes-nous</title><link>https://ancien.example/qui/</link>
    <wp:post_id>20</wp:post_id><wp:post_name>qui</wp:post_name><wp:status>publish</wp:status>
    <wp:post_type>page</wp:post_type><content:encoded>Nous.</content:encoded></item>
  <item><title>Le chapô</title><link>https://ancien.example/le-chapo/</link>
    <wp:post_id>30</wp:post_id><wp:post_name>le-chapo</wp:post_name><wp:status>publish</wp:status>
    <wp:post_date_gmt>2021-03-14 08:30:00</wp:post_date_gmt>
    <wp:post_type>post</wp:post_type><content:encoded>Un chapô.</content:encoded></item>
"""


def link(
    wp_id, menu, order, kind, subject="", object_id=0, url="", parent=0, title="", status="publish"
):
    meta = {
        "_menu_item_type": kind,
        "_menu_item_object": subject,
        "_menu_item_object_id": object_id,
        "_menu_item_url": url,
        "_menu_item_menu_item_parent": parent,
    }
    postmeta = "".join(
        f"<wp:postmeta><wp:meta_key>{key}</wp:meta_key><wp:meta_value><![CDATA[{value}]]>"
        "</wp:meta_value></wp:postmeta>"
        for key, value in meta.items()
    )
    return f"""
  <item><title>{title}</title><link>https://ancien.example/?p={wp_id}</link><wp:post_id>{wp_id}</wp:post_id><wp:status>{status}</wp:status>
    <wp:post_type>nav_menu_item</wp:post_type><wp:menu_order>{order}</wp:menu_order>
    <category domain="nav_menu" nicename="{menu}"><![CDATA[{menu}]]></category>{postmeta}</item>"""


def export(tmp_path, *links: str, content_first: bool = True):
    body = CONTENT + "".join(links) if content_first else "".join(links) + CONTENT
    path = tmp_path / "export.xml"
    path.write_text(HEAD + body + "\n</channel>\n</rss>\n", encoding="utf-8")
    return path


def tree(slot: str) -> list:
    items = MenuItem.objects.filter(menu__slot=slot, parent=None).order_by("position")
    return [
        (str(item), [str(child) for child in item.children.order_by("position")]) for item in items
    ]


def test_the_first_menu_becomes_the_main_menu_and_the_second_the_footer(tmp_path):
    path = export(
        tmp_path,
        # Links of a menu come in their post id order; menu_order is their place.
        link(104, "principal", 4, "custom", url="https://ancien.example/contact/", title="Contact"),
        link(101, "principal", 1, "taxonomy", "category", 5),
        link(102, "principal", 2, "taxonomy", "post_tag", 11, parent=101),
        link(103, "principal", 3, "post_type", "post", 30, parent=102, title="À lire"),
        link(105, "principal", 5, "post_type", "page", 20),
        link(
            106, "principal", 6, "custom", url="https://mastodon.example/@atelier", title="Mastodon"
        ),
        link(201, "pied", 1, "custom", url="/mentions/", title="Mentions légales"),
        link(301, "reseaux", 1, "custom", url="https://mastodon.example/", title="Mastodon"),
        content_first=False,
    )
    report = import_wordpress(path).render()
    # One level of nesting: « À lire », under « SEO », goes under their top link.
    assert tree(Menu.Slot.MAIN) == [
        ("Rédaction", ["SEO", "À lire"]),
        ("Contact", []),
        ("Qui sommes-nous", []),
        ("Mastodon", []),
    ]
    assert tree(Menu.Slot.FOOTER) == [("Mentions légales", [])]
    # A link to the old blog now points here (its old address redirects to the new page).
    assert MenuItem.objects.get(label="Contact").url == "/contact/"
    assert MenuItem.objects.get(label="Mastodon").url == "https://mastodon.example/@atelier"
    assert "Liens de menu : 7 importés, 1 ignoré" in report
    assert "Menu WordPress « reseaux » non repris : EPW n’a que deux menus." in report

    # A re-run, or a menu an editor already made, is left as it is.
    rerun = import_wordpress(path).render()
    assert tree(Menu.Slot.MAIN)[0] == ("Rédaction", ["SEO", "À lire"])
    assert MenuItem.objects.count() == 7
    assert "« Menu principal » a déjà des liens" in rerun


def test_links_that_cannot_be_kept_are_reported(tmp_path):
    path = export(
        tmp_path,
        link(101, "principal", 1, "custom", url="javascript:alert(1)", title="Piège"),
        link(102, "principal", 2, "post_type", "post", 999),
        link(103, "principal", 3, "post_type_archive", "portfolio"),
        link(104, "principal", 4, "custom", url="/a-propos/", title="À propos"),
        link(105, "principal", 5, "custom", url="/brouillon/", title="Pas fini", status="draft"),
    )
    report = import_wordpress(path).render()
    assert tree(Menu.Slot.MAIN) == [("À propos", [])]
    assert "Lien de menu 101 ignoré : Indiquez une adresse du site" in report
    assert "Lien de menu 102 ignoré : sa cible (post 999) n’a pas été importée." in report
    assert "Lien de menu 103 ignoré : lien de type « portfolio » non pris en charge." in report
    assert "Liens de menu : 1 importé, 4 ignorés" in report


def test_a_dry_run_leaves_the_menus_alone(tmp_path):
    path = export(tmp_path, link(101, "principal", 1, "taxonomy", "category", 5))
    report = import_wordpress(path, dry_run=True)
    assert report.get("menu", "created") == 1
    assert not MenuItem.objects.exists()
