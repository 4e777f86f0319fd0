"""Old WordPress addresses with a query string (``/?p=12``, ``/index.php?cat=4&feed=rss2``…) and
attachment pages answer 301 to the right place; anything else WordPress would have answered,
or an item the public may not see, gets the site's own 404 page."""

import pytest

from blog.models import Article
from tests.blog.wordpress.conftest import FIXTURES

pytestmark = pytest.mark.django_db

REDIRECTS = {
    # any other parameter is ignored, and /index.php answers as the home page did
    "/?p=101&utm_source=lettre&replytocom=4": "/articles/le-chapo/",
    "/index.php?p=101": "/articles/le-chapo/",
    "/index.php?page_id=110": "/atelier/",
    "/index.php": "/",
    "/index.php/2021/03/14/le-chapo/": "/articles/le-chapo/",
    # by name
    "/?name=le-chapo": "/articles/le-chapo/",
    "/?pagename=atelier": "/atelier/",
    "/?category_name=redaction/titres": "/categories/titres/",
    "/?tag=lisibilite,seo": "/etiquettes/lisibilite/",
    "/?author_name=claire-vasseur": "/auteurs/claire-vasseur/",
    # feeds of an item, pages of a listing
    "/?p=101&feed=rss2": "/commentaires/articles/le-chapo/flux/",
    "/?cat=7&feed=rss2": "/categories/outils/flux/",
    "/?cat=7&feed=atom": "/categories/outils/flux/atom/",
    "/?tag=seo&feed=rss2": "/etiquettes/seo/flux/",
    "/?author=3&feed=rss2": "/auteurs/yanis/flux/",
    "/?feed=rss": "/flux/",
    "/?feed=rdf": "/flux/",
    "/?feed=comments-atom": "/commentaires/flux/",
    "/?cat=5&paged=2": "/categories/redaction/?page=2",
    "/?paged=3": "/?page=3",
    "/index.php?feed=atom": "/flux/atom/",
    "/category/outils/?paged=2": "/categories/outils/",  # the path says which listing
    # date archives (EPW has no day archive: the month's) and search
    "/?m=2021": "/archives/2021/",
    "/?m=202103": "/archives/2021/3/",
    "/?m=20210314": "/archives/2021/3/",
    "/?year=2021&monthnum=3": "/archives/2021/3/",
    "/?s=chap%C3%B4&submit=Rechercher": "/recherche/?q=chap%C3%B4",
    "/index.php?s=titre": "/recherche/?q=titre",
    "/?s=titre&paged=2": "/recherche/?q=titre&page=2",
    # attachment pages of a file attached to an article: the article
    "/?attachment_id=201": "/articles/le-chapo/",
    "/?p=201": "/articles/le-chapo/",
    "/?attachment=plume": "/articles/le-chapo/",
    "/2021/03/14/le-chapo/plume/": "/articles/le-chapo/",
    "/2021/03/le-chapo/plume/": "/articles/le-chapo/",
    "/le-chapo/attachment/plume/": "/articles/le-chapo/",
}

NOT_FOUND = [
    "/?p=999",
    "/?p=abc",
    "/?p=-1",
    "/?p=1e3",
    "/?p=%C2%B2",  # a digit to str.isdigit(), not to int()
    "/?p=99999999999999999999999",
    "/?p=%00",
    "/?page_id=999",
    "/?attachment_id=999",
    "/?cat=999",
    "/?cat=x",
    "/?tag=inconnue",
    "/?author=99",
    "/?name=inconnu",
    "/?feed=inconnu",
    "/?p=101&feed=inconnu",
    "/?m=1850",
    "/?m=2021ab",
    "/?cat=5&paged=x",
    "/?s=%00",
    "/index.php?p=999",
    "/page/%C2%B2/",
    "/2021/%C2%B2/",
    "/" + "1" * 5000 + "/",
    "/inconnu/attachment/plume-perdue/",
    "/inconnu/?feed=rss2",
    # private, scheduled and draft posts
    "/?p=103",
    "/?p=104",
    "/?p=105",
    "/?page_id=105",
    "/?name=relire",
]


@pytest.fixture
def imported(run_import):
    return run_import()


@pytest.mark.parametrize(("old", "new"), REDIRECTS.items())
def test_old_query_and_attachment_addresses_answer_301(client, imported, old, new):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


@pytest.mark.parametrize("old", NOT_FOUND)
def test_unknown_garbage_and_hidden_items_get_the_sites_404_page(client, imported, old):
    response = client.get(old)
    assert response.status_code == 404
    assert "Location" not in response
    assert "404.html" in [template.name for template in response.templates]


def test_the_home_page_ignores_other_and_empty_parameters(client, imported):
    for address in ("/?p=", "/?utm_source=lettre", "/?cat=&tag="):
        assert client.get(address).status_code == 200, address


def test_attachment_pages_of_a_post_no_longer_public_reveal_nothing(client, imported):
    Article.objects.filter(slug="le-chapo").update(status=Article.Status.DRAFT)
    for old in (
        "/?attachment_id=201",
        "/2021/03/14/le-chapo/plume/",
        "/le-chapo/attachment/plume/",
    ):
        response = client.get(old)
        assert response.status_code == 404, old
        assert "Location" not in response


@pytest.mark.parametrize(
    ("old", "new"),
    [
        # attached to no post: the file itself, the attachment page having nothing else to show
        ("/?attachment_id=607", "/media/wordpress/2023/01/film.mp4"),
        ("/film/", "/media/wordpress/2023/01/film.mp4"),
        # attached to an article
        ("/?attachment_id=604", "/articles/sons-et-videos/"),
        ("/2023/01/12/sons-et-videos/episode-1/", "/articles/sons-et-videos/"),
        ("/sons-et-videos/attachment/episode-1/", "/articles/sons-et-videos/"),
    ],
)
def test_an_attachment_page_goes_to_its_article_else_to_its_file(
    client, run_import, studio_media, old, new
):
    run_import(FIXTURES / "codes-courts.xml", media=studio_media)
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new
