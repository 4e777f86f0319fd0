"""RSS and Atom feeds: public articles only, French titles, a fixed number of queries."""

import html
from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Article
from tests.factories import ArticleFactory, CategoryFactory, ContributorFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"

FEEDS = {
    "site": "/flux/",
    "category": "/categories/seo/flux/",
    "tag": "/etiquettes/commun/flux/",
    "author": "/auteurs/camille/flux/",
}
ALL_FEED_PATHS = [*FEEDS.values(), *(f"{path}atom/" for path in FEEDS.values())]


@pytest.fixture
def site(settings):
    """One public article and one of each hidden kind, sharing category, tag and author."""
    settings.EPW_SITE_URL = "https://www.example.org"
    common = {
        "authors": [ContributorFactory(slug="camille", display_name="Camille Martin")],
        "category": CategoryFactory(slug="seo", name="Référencement"),
        "tags": ["commun"],
    }
    now = timezone.now()
    public = ArticleFactory(title="Visible de tous", **common)
    hidden = [
        ArticleFactory(title="Brouillon caché", status=Article.Status.DRAFT, **common),
        ArticleFactory(title="En relecture cachée", status=Article.Status.REVIEW, **common),
        ArticleFactory(
            title="Programmé plus tard",
            status=Article.Status.SCHEDULED,
            published_at=now + timedelta(days=2),
            **common,
        ),
        ArticleFactory(
            title="Publié dans le futur", published_at=now + timedelta(hours=1), **common
        ),
        ArticleFactory(title="Dépublié", status=Article.Status.UNPUBLISHED, **common),
    ]
    ArticleFactory(title="Brouillon secret", status=Article.Status.DRAFT, tags=["secret"])
    return public, hidden


def parse(response) -> ElementTree.Element:
    assert response.status_code == 200
    return ElementTree.fromstring(response.content)


def item_titles(root: ElementTree.Element) -> list[str]:
    if root.tag == f"{ATOM}feed":
        return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]
    return [item.findtext("title") for item in root.iter("item")]


@pytest.mark.parametrize("path", ALL_FEED_PATHS)
def test_feeds_list_public_articles_only(client, site, path):
    public, hidden = site
    titles = item_titles(parse(client.get(path)))
    assert titles == [public.title]
    for article in hidden:
        assert article.title not in titles


@pytest.mark.parametrize("path", FEEDS.values())
def test_rss_feeds_have_the_rss_content_type(client, site, path):
    assert client.get(path)["Content-Type"] == "application/rss+xml; charset=utf-8"
    assert client.get(f"{path}atom/")["Content-Type"] == "application/atom+xml; charset=utf-8"


def test_rss_item_carries_what_a_reader_shows(client, site):
    public, _ = site
    public.excerpt = "Les balises <title> & <meta> comptent encore."
    public.updated_at = timezone.now()
    public.save()
    public.authors.add(ContributorFactory(display_name="Dominique Roux"))
    public.tags.add("référencement")

    channel = parse(client.get("/flux/")).find("channel")
    assert channel.findtext("title") == "Écrire pour le web — derniers articles"
    assert channel.findtext("link") == "https://www.example.org/"
    assert channel.findtext("language") == "fr"
    self_link = channel.find(f"{ATOM}link")
    assert self_link.get("href") == "https://www.example.org/flux/"
    item = channel.find("item")
    assert item.findtext("link") == f"https://www.example.org/articles/{public.slug}/"
    # Descriptions are HTML: the plain-text summary comes back intact once unescaped.
    assert html.unescape(item.findtext("description")) == public.excerpt
    assert item.findtext(f"{DC}creator") == "Camille Martin, Dominique Roux"
    assert sorted(category.text for category in item.findall("category")) == [
        "commun",
        "référencement",
    ]
    assert item.findtext("pubDate")


def test_atom_entry_has_dates_authors_and_tags(client, site):
    public, _ = site
    public.updated_at = public.published_at + timedelta(hours=5)
    public.save()

    root = parse(client.get("/flux/atom/"))
    assert root.findtext(f"{ATOM}title") == "Écrire pour le web — derniers articles"
    assert root.findtext(f"{ATOM}subtitle")
    entry = root.find(f"{ATOM}entry")
    assert entry.findtext(f"{ATOM}published").startswith(str(public.published_at.year))
    assert entry.findtext(f"{ATOM}updated") > entry.findtext(f"{ATOM}published")
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == "Camille Martin"
    assert entry.find(f"{ATOM}author").findtext(f"{ATOM}uri") == (
        "https://www.example.org/auteurs/camille/"
    )
    assert [category.get("term") for category in entry.findall(f"{ATOM}category")] == ["commun"]


def test_context_feeds_are_titled_in_french(client, site):
    descriptions = {
        name: parse(client.get(path)).find("channel").findtext("description")
        for name, path in FEEDS.items()
    }
    assert descriptions["category"] == "Articles de la catégorie « Référencement »"
    assert descriptions["tag"] == "Articles avec l’étiquette « commun »"
    assert descriptions["author"] == "Articles de Camille Martin"


@pytest.mark.parametrize(
    "path",
    [
        "/categories/inconnue/flux/",
        "/categories/inconnue/flux/atom/",
        "/etiquettes/inconnue/flux/",
        "/etiquettes/inconnue/flux/atom/",
        "/auteurs/inconnu/flux/",
        "/auteurs/inconnu/flux/atom/",
        # A tag carried only by hidden articles is not revealed by its feed either.
        "/etiquettes/secret/flux/",
        "/etiquettes/secret/flux/atom/",
    ],
)
def test_unknown_subject_answers_404(client, site, path):
    assert client.get(path).status_code == 404


def test_site_feed_lists_the_latest_twenty(client):
    now = timezone.now()
    articles = [ArticleFactory(published_at=now - timedelta(days=i + 1)) for i in range(22)]
    titles = item_titles(parse(client.get("/flux/")))
    assert titles == [article.title for article in articles[:20]]


def build_articles(count: int) -> None:
    category = CategoryFactory(slug="seo")
    people = [ContributorFactory(slug="camille")] + [ContributorFactory() for _ in range(3)]
    now = timezone.now()
    for i in range(count):
        ArticleFactory(
            category=category,
            authors=people,
            tags=["commun", f"etiquette-{i}", f"autre-{i}"],
            published_at=now - timedelta(days=i + 1),
        )


def count_queries(client, path: str) -> int:
    client.get(path)  # the sites framework caches the current site on first use
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


# The articles, their authors, their tags; plus the category, tag or author itself.
QUERY_BUDGETS = {"site": 3, "category": 4, "tag": 4, "author": 4}


@pytest.mark.parametrize("atom", [False, True], ids=["rss", "atom"])
@pytest.mark.parametrize("feed", FEEDS)
@pytest.mark.parametrize("count", [2, 12])
def test_feed_query_count_is_fixed(client, feed, count, atom):
    build_articles(count)
    path = FEEDS[feed] + ("atom/" if atom else "")
    assert count_queries(client, path) == QUERY_BUDGETS[feed]
    assert len(item_titles(parse(client.get(path)))) == count


@pytest.mark.parametrize("path", ["/flux/", "/flux/atom/"])
def test_a_feed_speaks_the_site_language_whatever_the_browser_asks(client, site, path):
    response = client.get(path, headers={"accept-language": "en"})
    feed = response.content.decode()
    assert "Écrire pour le web — derniers articles" in feed
    assert "latest articles" not in feed
