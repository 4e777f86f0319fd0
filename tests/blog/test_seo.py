"""What search engines, social networks and feed readers find in a page's <head>."""

import io
import json
from html.parser import HTMLParser

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.factories import ArticleFactory, CategoryFactory, ContributorFactory, PageFactory

pytestmark = pytest.mark.django_db

HOSTILE_TITLE = "Fin de balise </script><script>alert(1)</script> & cie"


class Head(HTMLParser):
    """The <meta>, <link> and JSON-LD of a page, as a crawler reads them."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {name: value or "" for name, value in attrs}
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            key = attrs.get("property") or attrs["name"]
            self.meta.setdefault(key, []).append(attrs.get("content", ""))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld[-1] += data

    def first(self, key: str) -> str:
        return self.meta[key][0]

    def link(self, rel: str, type_: str | None = None) -> list[str]:
        return [
            link["href"]
            for link in self.links
            if link.get("rel") == rel and (type_ is None or link.get("type") == type_)
        ]

    def graph(self) -> dict[str, dict]:
        [script] = self.json_ld
        return {node["@type"]: node for node in json.loads(script)["@graph"]}


def head_of(client, path: str) -> tuple[Head, str]:
    response = client.get(path)
    assert response.status_code == 200
    html = response.content.decode()
    return Head(html), html


def png_file(width: int = 1200, height: int = 630) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#c33").save(buffer, format="PNG")
    return SimpleUploadedFile("couverture.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.EPW_SITE_URL = "http://testserver"


@pytest.fixture
def article():
    return ArticleFactory(
        title="Écrire des titres qui tiennent leurs promesses",
        slug="titres",
        excerpt="Un bon titre promet ce que l’article tient.",
        category=CategoryFactory(name="Rédaction", slug="redaction"),
        authors=[
            ContributorFactory(display_name="Camille Martin", slug="camille"),
            ContributorFactory(display_name="Dominique Roux", slug="dominique"),
        ],
        tags=["titres", "rédaction"],
    )


def test_article_head_has_canonical_opengraph_and_twitter(client, article):
    head, _ = head_of(client, "/articles/titres/?utm_source=newsletter")
    assert head.link("canonical") == ["http://testserver/articles/titres/"]
    assert head.first("og:title") == article.title
    assert head.first("og:description") == article.excerpt
    assert head.first("og:url") == "http://testserver/articles/titres/"
    assert head.first("og:type") == "article"
    assert head.first("og:locale") == "fr_FR"
    assert head.first("og:site_name") == "Écrire pour le web"
    assert head.first("article:published_time").startswith(str(article.published_at.year))
    assert head.first("article:modified_time")
    assert sorted(head.meta["article:tag"]) == ["rédaction", "titres"]
    assert head.meta["article:author"] == [
        "http://testserver/auteurs/camille/",
        "http://testserver/auteurs/dominique/",
    ]
    assert head.first("twitter:card") == "summary"
    assert "og:image" not in head.meta


def test_article_with_a_cover_gets_a_large_image_card(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    article = ArticleFactory(slug="illustre", cover=png_file(), cover_alt="Un aplat rouge")
    head, _ = head_of(client, "/articles/illustre/")
    image = head.first("og:image")
    assert image.startswith("http://testserver/media/covers/")
    assert image == f"http://testserver{article.cover.url}"
    assert head.first("og:image:alt") == "Un aplat rouge"
    assert head.first("og:image:width") == "1200"
    assert head.first("twitter:card") == "summary_large_image"
    assert head.first("twitter:image") == image
    assert head.graph()["Article"]["image"] == [image]


def test_article_json_ld_describes_the_article_and_its_breadcrumbs(client, article):
    head, _ = head_of(client, "/articles/titres/")
    graph = head.graph()
    entry = graph["Article"]
    assert entry["headline"] == article.title
    assert entry["datePublished"] == head.first("article:published_time")
    assert entry["dateModified"] == head.first("article:modified_time")
    assert [author["name"] for author in entry["author"]] == ["Camille Martin", "Dominique Roux"]
    assert entry["publisher"]["name"] == "Écrire pour le web"
    crumbs = graph["BreadcrumbList"]["itemListElement"]
    assert [(crumb["position"], crumb["name"]) for crumb in crumbs] == [
        (1, "Accueil"),
        (2, "Rédaction"),
        (3, article.title),
    ]
    assert [crumb["item"] for crumb in crumbs] == [
        "http://testserver/",
        "http://testserver/categories/redaction/",
        "http://testserver/articles/titres/",
    ]


def test_a_hostile_title_cannot_break_out_of_the_json_ld(client):
    article = ArticleFactory(title=HOSTILE_TITLE, slug="hostile")
    head, html = head_of(client, "/articles/hostile/")
    assert "</script><script>" not in html
    assert head.graph()["Article"]["headline"] == HOSTILE_TITLE
    assert head.first("og:title") == article.title


def test_canonical_keeps_only_the_page_number(client):
    category = CategoryFactory(slug="seo")
    for _ in range(11):
        ArticleFactory(category=category)
    head, _ = head_of(client, "/categories/seo/?page=2&utm_source=x")
    assert head.link("canonical") == ["http://testserver/categories/seo/?page=2"]
    head, _ = head_of(client, "/categories/seo/?page=1")
    assert head.link("canonical") == ["http://testserver/categories/seo/"]
    assert client.get("/categories/seo/?page=%C2%B2").status_code == 404  # "²" is no number


def test_every_page_links_the_site_feeds(client, article):
    for path in ["/", "/articles/titres/", "/etiquettes/"]:
        head, _ = head_of(client, path)
        assert "http://testserver/flux/" in head.link("alternate", "application/rss+xml")
        assert "http://testserver/flux/atom/" in head.link("alternate", "application/atom+xml")


@pytest.mark.parametrize(
    ("path", "feed"),
    [
        ("/categories/redaction/", "/categories/redaction/flux/"),
        ("/etiquettes/titres/", "/etiquettes/titres/flux/"),
        ("/auteurs/camille/", "/auteurs/camille/flux/"),
    ],
)
def test_listing_pages_link_their_own_feed(client, article, path, feed):
    head, _ = head_of(client, path)
    assert head.link("alternate", "application/rss+xml") == [
        "http://testserver/flux/",
        f"http://testserver{feed}",
    ]
    assert f"http://testserver{feed}atom/" in head.link("alternate", "application/atom+xml")
    assert head.first("og:type") == "website"
    for url in [feed, f"{feed}atom/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert article.title in response.content.decode()


def test_static_page_and_home_describe_themselves(client):
    PageFactory(slug="charte", title="La charte éditoriale", seo_description="Nos règles.")
    head, _ = head_of(client, "/charte/")
    assert head.first("og:title") == "La charte éditoriale"
    assert head.first("og:description") == "Nos règles."
    assert head.link("canonical") == ["http://testserver/charte/"]
    head, _ = head_of(client, "/")
    assert head.first("og:title") == "Écrire pour le web"
    assert head.json_ld == []


def test_search_page_stays_out_of_the_index(client):
    _, html = head_of(client, "/recherche/")
    assert '<meta name="robots" content="noindex">' in html


@pytest.fixture
def other_host(settings):
    """The site's public address differs from the Host this request came in on."""
    settings.EPW_SITE_URL = "https://www.example.org"
    settings.ALLOWED_HOSTS = ["miroir.example.net"]
    return {"HTTP_HOST": "miroir.example.net"}


def test_canonical_addresses_use_the_public_site_address_whatever_the_host(
    client, article, other_host
):
    response = client.get("/articles/titres/", **other_host)
    assert response.status_code == 200
    html = response.content.decode()
    head = Head(html)
    canonical = "https://www.example.org/articles/titres/"
    assert head.link("canonical") == [canonical]
    assert head.first("og:url") == canonical
    assert head.graph()["Article"]["url"] == canonical
    assert head.graph()["BreadcrumbList"]["itemListElement"][0]["item"] == (
        "https://www.example.org/"
    )
    assert "miroir.example.net" not in html.split("</head>")[0]


def test_a_chapo_mentioning_a_tag_keeps_it_in_every_description(client):
    ArticleFactory(slug="balise", excerpt="", standfirst="Soignez la balise <title> & le reste")
    head, html = head_of(client, "/articles/balise/")
    expected = "Soignez la balise <title> & le reste"
    assert head.first("description") == expected
    assert head.first("og:description") == expected
    assert head.first("twitter:description") == expected
    assert head.graph()["Article"]["description"] == expected
    assert (
        '<meta name="description" content="Soignez la balise &lt;title&gt; &amp; le reste">' in html
    )
