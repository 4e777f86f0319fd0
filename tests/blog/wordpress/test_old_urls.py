"""After an import, every old WordPress address answers 301 to its new page, and the imported
content shows on the public site."""

import pytest
from django.urls import reverse

from blog.models import Page

pytestmark = pytest.mark.django_db

OLD_URLS = {
    # permalinks found in the export (dated structure)
    "/2021/03/14/le-chapo/": "/articles/le-chapo/",
    "/2021/04/02/regles-titres/": "/articles/regles-titres/",
    "/2021/07/08/ponctuation/": "/articles/ponctuation/",
    # other permalink structures WordPress answered for the same posts
    "/2021/03/le-chapo/": "/articles/le-chapo/",
    "/le-chapo/": "/articles/le-chapo/",
    "/?p=101": "/articles/le-chapo/",
    "/?page_id=110": "/atelier/",
    "/?p=110": "/atelier/",
    # attachment pages go to the article they belong to
    "/2021/03/14/le-chapo/plume/": "/articles/le-chapo/",
    "/?attachment_id=201": "/articles/le-chapo/",
    # terms and authors
    "/category/redaction/": "/categories/redaction/",
    "/category/redaction/titres/": "/categories/titres/",
    "/?cat=7": "/categories/outils/",
    "/tag/lisibilite/": "/etiquettes/lisibilite/",
    "/?tag=seo": "/etiquettes/seo/",
    "/author/claire-vasseur/": "/auteurs/claire-vasseur/",
    "/?author=3": "/auteurs/yanis/",
    # feeds
    "/feed/": "/flux/",
    "/feed/atom/": "/flux/atom/",
    "/feed/rss2/": "/flux/",
    "/?feed=rss2": "/flux/",
    "/?feed=atom": "/flux/atom/",
    "/comments/feed/": "/commentaires/flux/",
    "/?feed=comments-rss2": "/commentaires/flux/",
    "/category/outils/feed/": "/categories/outils/flux/",
    "/category/outils/feed/atom/": "/categories/outils/flux/atom/",
    "/tag/seo/feed/": "/etiquettes/seo/flux/",
    "/author/yanis/feed/": "/auteurs/yanis/flux/",
    "/author/yanis/feed/atom/": "/auteurs/yanis/flux/atom/",
    "/2021/03/14/le-chapo/feed/": "/commentaires/articles/le-chapo/flux/",
    "/le-chapo/feed/": "/commentaires/articles/le-chapo/flux/",
    "/atelier/feed/": "/atelier/",
    # pagination
    "/page/2/": "/?page=2",
    "/category/redaction/page/2/": "/categories/redaction/?page=2",
    "/category/redaction/titres/page/3/": "/categories/titres/?page=3",
    "/tag/lisibilite/page/2/": "/etiquettes/lisibilite/?page=2",
    "/author/yanis/page/2/": "/auteurs/yanis/?page=2",
    "/2021/03/page/2/": "/archives/2021/3/?page=2",
    # date archives and search
    "/2021/03/": "/archives/2021/3/",
    "/2021/": "/archives/2021/",
    "/?s=chap%C3%B4": "/recherche/?q=chap%C3%B4",
}


@pytest.fixture
def imported(run_import):
    return run_import()


@pytest.mark.parametrize(("old", "new"), OLD_URLS.items())
def test_old_addresses_answer_301_to_the_new_page(client, imported, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


@pytest.mark.parametrize(
    "old",
    [
        "/2021/03/14/le-chapo/",
        "/?p=101",
        "/category/redaction/titres/",
        "/tag/lisibilite/",
        "/author/claire-vasseur/",
        "/feed/",
        "/feed/atom/",
        "/comments/feed/",
        "/2021/03/14/le-chapo/feed/",
        "/category/outils/feed/atom/",
        "/2021/03/",
        "/2021/03/14/le-chapo/plume/",
    ],
)
def test_the_new_page_of_a_public_item_answers(client, imported, old):
    assert client.get(old, follow=True).status_code == 200


def test_the_imported_page_keeps_its_address(client, imported):
    response = client.get("/atelier/")
    assert response.status_code == 200
    assert "Nous aidons les rédactions à écrire clair." in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/2021/03/14/inconnu/",
        "/category/inconnue/",
        "/tag/x/y/",
        "/1234/99/",
        "/a/b/c/d/",
        "/page/x/",
        "/inconnu/page/2/",
        "/category/inconnue/page/2/",
        "/2021/05/20/relire/feed/",
    ],
)
def test_unknown_old_addresses_stay_404(client, imported, path):
    assert client.get(path).status_code == 404


def test_an_unknown_post_id_is_not_found(client, imported):
    assert client.get("/?p=999").status_code == 404
    assert client.get("/?p=abc").status_code == 404


@pytest.mark.parametrize(
    "old",
    ["/?p=103", "/2021/05/20/relire/", "/relire/", "/?p=104", "/?p=105", "/?page_id=105"],
)
def test_old_addresses_of_private_scheduled_and_draft_posts_reveal_nothing(client, imported, old):
    response = client.get(old)
    assert response.status_code == 404
    assert "Location" not in response
    assert client.get("/articles/relire/").status_code == 404
    assert client.get("/articles/guide-des-liens/").status_code == 404


def test_the_old_address_of_an_unpublished_page_reveals_nothing(client, imported):
    Page.objects.filter(slug="atelier").update(is_published=False)
    for old in ("/?page_id=110", "/?p=110"):
        response = client.get(old)
        assert response.status_code == 404
        assert "Location" not in response


def test_imported_content_shows_on_the_public_site(client, imported):
    article = client.get("/articles/le-chapo/").content.decode()
    assert "Le chapô, ce paragraphe qu’on lit en premier" in article
    assert "Une plume, un carnet" in article and "le début de tout chapô" in article
    assert "Claire Vasseur" in article
    assert "Merci, je relis mes chapôs dès ce soir." in article
    assert "Mes lecteurs restent plus longtemps" in article
    assert "Je réponds à un commentaire qui a disparu depuis." in article
    assert "en attente de réponse" not in article  # held
    assert "Montres pas chères" not in article  # spam

    category = client.get(reverse("blog:category_detail", kwargs={"slug": "titres"}))
    assert "Titres : 5 règles &amp; un émoji ✍️" in category.content.decode()
    tag = client.get(reverse("blog:tag_detail", kwargs={"slug": "lisibilite"})).content.decode()
    assert "Des phrases qu’on lit sans effort." in tag
    assert "Le chapô, ce paragraphe" in tag
    author = client.get("/auteurs/yanis/").content.decode()
    assert "Yanis Ferrand" in author and "Titres : 5 règles" in author
    home = client.get("/").content.decode()
    assert "Ponctuer pour respirer" in home
    assert "Relire à voix haute" not in home


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("/wp-content/uploads/2021/03/plume.jpg", "/media/wordpress/2021/03/plume.jpg"),
        ("/wp-content/uploads/2021/03/plume-300x200.jpg", "/media/wordpress/2021/03/plume.jpg"),
        ("/wp-content/uploads/2021/04/carnet.png", "/media/wordpress/2021/04/carnet.png"),
    ],
)
def test_old_addresses_of_imported_files_answer_301_to_the_copy(client, imported, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


@pytest.mark.parametrize(
    "path",
    [
        "/wp-content/uploads/2021/04/stylo-perdu.jpg",  # missing from the media folder
        "/wp-content/uploads/../../epw/settings.py",
        "/wp-content/uploads/",
    ],
)
def test_old_addresses_of_files_not_imported_stay_404(client, imported, path):
    assert client.get(path).status_code == 404
