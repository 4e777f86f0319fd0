"""The main and footer menus: what editors may build, and what readers see."""

import re

import pytest
from django.core.exceptions import ValidationError
from taggit.models import Tag

from blog import services
from blog.models import Article, Menu, MenuItem
from tests.factories import ArticleFactory, CategoryFactory, ContributorFactory, PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def main():
    return Menu.objects.get(slot=Menu.Slot.MAIN)


@pytest.fixture
def footer():
    return Menu.objects.get(slot=Menu.Slot.FOOTER)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Runs a block as a real commit would: its after-commit work (the chrome refresh) happens."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def nav(html: str, label: str) -> str:
    return re.search(rf'<nav[^>]*aria-label="{label}">(.*?)</nav>', html, re.S)[1]


def links(fragment: str) -> list[str]:
    return [
        re.sub(r"\s+", " ", text).strip() for text in re.findall(r"<a [^>]*>(.*?)</a>", fragment)
    ]


def errors(item: MenuItem) -> list[str]:
    with pytest.raises(ValidationError) as raised:
        item.full_clean()
    return raised.value.messages


# What an item may be -----------------------------------------------------------------------------


def test_an_item_links_to_exactly_one_target(main):
    one_of = (
        "Choisissez une seule cible : une catégorie, une étiquette, une page, un article, "
        "un auteur ou une adresse."
    )
    assert errors(MenuItem(menu=main, label="Rien")) == [one_of]
    both = MenuItem(menu=main, category=CategoryFactory(), url="/a-propos/", label="Deux")
    assert errors(both) == [one_of]
    MenuItem(menu=main, category=CategoryFactory()).full_clean()


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "//ailleurs.example/", "ftp://example.org/", "a-propos"]
)
def test_an_address_is_a_web_address_or_a_path_of_the_site(main, url):
    messages = errors(MenuItem(menu=main, url=url, label="Lien"))
    assert any("commençant par « / »" in message for message in messages)


def test_an_address_needs_a_label(main):
    assert errors(MenuItem(menu=main, url="https://example.org/")) == [
        "Donnez un libellé au lien vers une adresse."
    ]
    MenuItem(menu=main, url="https://example.org/", label="Ailleurs").full_clean()


def test_items_nest_one_level_within_their_menu(main, footer):
    top = MenuItem.objects.create(menu=main, category=CategoryFactory())
    sub = MenuItem.objects.create(menu=main, category=CategoryFactory(), parent=top)
    assert errors(MenuItem(menu=main, category=CategoryFactory(), parent=sub)) == [
        "Un menu n’a qu’un niveau de sous-éléments : choisissez un élément de premier niveau."
    ]
    assert errors(MenuItem(menu=footer, page=PageFactory(), parent=top)) == [
        "Choisissez un élément du même menu."
    ]
    other = MenuItem.objects.create(menu=main, category=CategoryFactory())
    top.parent = other
    assert errors(top) == [
        "Cet élément a lui-même des sous-éléments : il ne peut pas devenir un sous-élément."
    ]
    other.parent = other
    assert errors(other) == ["Un élément ne peut pas être son propre sous-élément."]


# What readers see --------------------------------------------------------------------------------


def test_without_items_the_site_shows_its_default_links(client):
    CategoryFactory(name="Rédaction", position=1)
    technique = CategoryFactory(name="Technique", position=2)
    PageFactory(title="Mentions légales", in_footer=True)
    PageFactory(title="Brouillon de page", in_footer=True, is_published=False)
    PageFactory(title="Hors pied", in_footer=False)
    html = client.get(technique.get_absolute_url()).text
    main_nav = nav(html, "Navigation principale")
    assert links(main_nav) == ["Accueil", "Rédaction", "Technique", "Étiquettes", "À propos"]
    assert f'href="{technique.get_absolute_url()}" aria-current="page"' in main_nav
    assert links(nav(html, "Pages du site")) == ["Mentions légales", "Étiquettes"]
    english = client.get("/", headers={"accept-language": "en"}).text
    assert links(nav(english, "Main navigation"))[0] == "Home"


def test_each_kind_of_target_is_linked_with_its_name_unless_labelled(client, main):
    category = CategoryFactory(name="Rédaction")
    tag = Tag.objects.create(name="Newsletters", slug="newsletters")
    page = PageFactory(title="Charte")
    article = ArticleFactory(title="Écrire court")
    author = ContributorFactory(display_name="Alice Martin")
    targets = [
        {"category": category},
        {"tag": tag},
        {"page": page, "label": "Notre charte"},
        {"article": article},
        {"author": author},
        {"url": "https://example.org/", "label": "Ailleurs"},
    ]
    for position, target in enumerate(targets):
        MenuItem.objects.create(menu=main, position=position, **target)
    main_nav = nav(client.get("/").text, "Navigation principale")
    assert links(main_nav) == [
        "Rédaction", "Newsletters", "Notre charte", "Écrire court", "Alice Martin", "Ailleurs"
    ]  # fmt: skip
    for url in (
        category.get_absolute_url(),
        "/etiquettes/newsletters/",
        page.get_absolute_url(),
        article.get_absolute_url(),
        author.get_absolute_url(),
        "https://example.org/",
    ):
        assert f'href="{url}"' in main_nav


def test_links_to_what_is_not_public_are_not_shown(client, main):
    draft = ArticleFactory(title="Pas encore", status=Article.Status.DRAFT, published_at=None)
    hidden = PageFactory(title="Page cachée", is_published=False)
    MenuItem.objects.create(menu=main, position=1, article=draft)
    parent = MenuItem.objects.create(menu=main, position=2, page=hidden)
    MenuItem.objects.create(menu=main, parent=parent, url="/sous/", label="Sous-lien")
    MenuItem.objects.create(menu=main, position=3, url="/", label="Accueil")
    assert links(nav(client.get("/").text, "Navigation principale")) == ["Accueil"]


def test_deleting_a_linked_category_removes_its_link(client, commit, main):
    category = CategoryFactory(name="Éphémère")
    MenuItem.objects.create(menu=main, category=category)
    MenuItem.objects.create(menu=main, position=1, url="/", label="Accueil")
    assert "Éphémère" in links(nav(client.get("/").text, "Navigation principale"))
    with commit():
        services.site_items_delete(items=[category])
    response = client.get("/")
    assert response.status_code == 200
    assert links(nav(response.text, "Navigation principale")) == ["Accueil"]


def test_deleting_a_linked_tag_in_its_own_admin_removes_its_link(
    admin_client, client, commit, main
):
    tag = Tag.objects.create(name="Newsletters", slug="newsletters")
    MenuItem.objects.create(menu=main, tag=tag)
    MenuItem.objects.create(menu=main, position=1, url="/", label="Accueil")
    assert "Newsletters" in links(nav(client.get("/").text, "Navigation principale"))
    with commit():
        admin_client.post(f"/admin/taggit/tag/{tag.pk}/delete/", {"post": "yes"})
    assert not Tag.objects.exists()
    assert links(nav(client.get("/").text, "Navigation principale")) == ["Accueil"]


def test_the_footer_menu_replaces_the_footer_pages(client, footer):
    PageFactory(title="Mentions légales", in_footer=True)
    MenuItem.objects.create(menu=footer, position=2, url="/flux/", label="Flux RSS")
    MenuItem.objects.create(menu=footer, position=1, page=PageFactory(title="Contact"))
    html = client.get("/").text
    assert links(nav(html, "Pages du site")) == ["Contact", "Flux RSS"]
    assert "Accueil" in links(nav(html, "Navigation principale"))  # the main one stays default


# Building a menu in the admin --------------------------------------------------------------------


def inline(rows: list[dict], initial: int = 0) -> dict:
    data = {
        "items-TOTAL_FORMS": len(rows),
        "items-INITIAL_FORMS": initial,
        "items-MIN_NUM_FORMS": 0,
        "items-MAX_NUM_FORMS": 1000,
    }
    fields = ("id", "position", "label", "parent", "category", "tag", "page", "article")
    for index, row in enumerate(rows):
        for name in (*fields, "author", "url"):
            data[f"items-{index}-{name}"] = row.get(name, "")
    return data


def test_an_editor_builds_the_main_menu_in_the_admin(admin_client, client, commit, main):
    writing = CategoryFactory(name="Rédaction")
    seo = CategoryFactory(name="Référencement")
    about = PageFactory(title="À propos de nous", slug="qui")
    url = f"/admin/blog/menu/{main.pk}/change/"
    page = admin_client.get(url).text
    assert "Menu principal" in page and 'name="items-0-category"' in page
    client.get("/")  # the chrome is built and kept with the default links

    with commit():
        response = admin_client.post(
            url,
            inline(
                [
                    {"position": 1, "category": writing.pk},
                    {"position": 3, "page": about.pk, "label": "Qui sommes-nous"},
                    {"position": 2, "url": "javascript:alert(1)", "label": "Piège"},
                ]
            ),  # fmt: skip
        )
    assert response.status_code == 200  # refused: nothing saved
    assert "commençant par « / »" in response.text
    assert not main.items.exists()

    with commit():
        response = admin_client.post(
            url,
            inline(
                [
                    {"position": 1, "category": writing.pk},
                    {"position": 3, "page": about.pk, "label": "Qui sommes-nous"},
                    {"position": 2, "url": "https://example.org/", "label": "Ailleurs"},
                ]
            ),  # fmt: skip
        )
    assert response.status_code == 302
    items = {item.target_kind: item for item in main.items.all()}

    # A sub-item under « Rédaction », chosen among the saved top items.
    rows = [
        {"id": item.pk, "position": item.position, "label": item.label, "url": item.url,
         item.target_kind: getattr(item, f"{item.target_kind}_id", None) or item.url}
        for item in main.items.order_by("pk")
    ]  # fmt: skip
    rows.append({"position": 1, "category": seo.pk, "parent": items["category"].pk})
    with commit():
        response = admin_client.post(url, inline(rows, initial=3))
    assert response.status_code == 302

    main_nav = nav(client.get("/").text, "Navigation principale")
    assert links(main_nav) == ["Rédaction", "Référencement", "Ailleurs", "Qui sommes-nous"]
    nested = re.search(r"Rédaction</a>\s*<ul>(.*?)</ul>", main_nav, re.S)[1]
    assert links(nested) == ["Référencement"]


def test_a_change_shows_at_once_on_kept_pages(admin_client, client, commit, main, settings):
    settings.EPW_PAGE_CACHE_ENABLED = True
    category = CategoryFactory(name="Rédaction")
    assert "Rédaction" in links(nav(client.get("/").text, "Navigation principale"))
    assert client.get("/").text == client.get("/").text  # kept
    with commit():
        admin_client.post(
            f"/admin/blog/menu/{main.pk}/change/",
            inline([{"position": 1, "url": "/etiquettes/", "label": "Toutes les étiquettes"}]),
        )
    assert links(nav(client.get("/").text, "Navigation principale")) == ["Toutes les étiquettes"]
    assert category.name not in links(nav(client.get("/").text, "Navigation principale"))
