"""Readers see a facade for each embed: nothing is loaded from the provider until they ask.
Feeds and newsletters show the stored link."""

import pytest
from django.template import Context, Template

from blog.embeds import with_facades
from epw.core.html import sanitize_html
from newsletter.emails import edition_test_message
from tests.factories import ArticleFactory, EditionFactory, PageFactory

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=30"


def stored(url: str, provider: str = "youtube", text: str = "", caption: str = "") -> str:
    """The body HTML an embed is saved as (through the sanitiser, as the forms do)."""
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return sanitize_html(
        f'<figure data-embed="{provider}"><a href="{url}">{text or url}</a>{figcaption}</figure>'
    )


THIRD_PARTY_LOADS = ("<iframe", "<img", "<video", "<audio", 'youtube-nocookie.com/embed"')


@pytest.mark.django_db
def test_article_page_shows_a_facade_and_loads_nothing_from_the_provider(client):
    body = (
        "<p>Avant.</p>"
        + stored(YOUTUBE.replace("&", "&amp;"), caption="Une <em>démonstration</em> en 3 minutes")
        + "<p>Après.</p>"
    )
    article = ArticleFactory(body=body)
    page = client.get(article.get_absolute_url()).content.decode()

    facade = page[page.index('<figure class="embed') : page.index("</figure>", page.index("embed"))]
    assert "YouTube" in facade
    assert "Charger la vidéo" in facade
    assert "Le charger vous connecte à YouTube" in facade
    assert "Une <em>démonstration</em> en 3" in facade
    # The player is only named, for the script to load on click; the button works without it.
    assert (
        'data-embed-player="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&amp;'
        'start=30"' in facade
    )
    assert f'<a class="embed__load button" href="{YOUTUBE.replace("&", "&amp;")}">' in facade
    for load in ("<iframe", "<img", "<video", "<audio", "<script"):
        assert load not in facade
    assert page.count("/static/js/embeds.js") == 1
    assert "<iframe" not in page


@pytest.mark.django_db
def test_facade_labels_follow_the_kind_and_the_language(client):
    body = stored("https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk", "spotify") + stored(
        "https://mastodon.social/@Gargron/109336213111181126", "mastodon"
    )
    article = ArticleFactory(body=body)
    french = client.get(article.get_absolute_url()).content.decode()
    assert "Charger l’épisode" in french and "Afficher la publication" in french
    assert "vous connecte à mastodon.social" in french
    english = client.get(
        article.get_absolute_url(), headers={"accept-language": "en"}
    ).content.decode()
    assert "Load the episode" in english and "Show the post" in english
    assert "Loading it connects you to Spotify" in english


@pytest.mark.django_db
def test_pages_show_facades_too(client):
    page = PageFactory(body=stored("https://vimeo.com/76979871", "vimeo", text="Un film"))
    html = client.get(page.get_absolute_url()).content.decode()
    assert "https://player.vimeo.com/video/76979871?autoplay=1&amp;dnt=1" in html
    assert "Un film" in html and "Charger la vidéo" in html


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://example.org/page",
        "http://www.youtube.com/watch?v=dQw4w9WgXcQ",
    ],
)
def test_an_unknown_or_unsafe_address_stays_a_plain_link_whatever_the_hint(url):
    body = stored(url, provider="youtube")
    assert with_facades(body) == body


def test_a_body_without_embeds_is_returned_as_it_is():
    body = "<p>Une figure :</p><figure><img src='/a.png' alt=''></figure>"
    assert with_facades(body) is body


def test_the_filter_keeps_the_values_safety():
    body = stored("https://dai.ly/x7tgad0", "dailymotion")
    rendered = Template("{% load blog_tags %}{{ body|embeds }}").render(Context({"body": body}))
    assert "&lt;figure" in rendered  # unsafe input stays escaped
    rendered = Template("{% load blog_tags %}{{ body|embeds|safe }}").render(
        Context({"body": body})
    )
    assert 'class="embed embed--video"' in rendered


def test_a_forged_hint_cannot_inject_markup():
    body = sanitize_html(
        '<figure data-embed="&quot;><script>alert(1)</script>">'
        '<a href="https://youtu.be/dQw4w9WgXcQ">x</a></figure>'
    )
    shown = with_facades(body)
    assert "<script>alert" not in shown
    assert 'data-embed-player="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ' in shown


def test_a_media_file_of_this_site_needs_no_privacy_notice():
    shown = with_facades(stored("/media/wordpress/2021/entretien.mp3", "audio"))
    assert "data-embed-direct" in shown and "Charger l’épisode" in shown
    assert "vous connecte" not in shown


@pytest.mark.django_db
def test_feeds_show_the_link_and_no_player(client, settings):
    settings.EPW_SITE_URL = "https://www.example.org"
    ArticleFactory(
        title="Avec une vidéo",
        standfirst="",
        excerpt="",
        body=stored("https://youtu.be/dQw4w9WgXcQ", caption="Le making-of"),
    )
    for path in ("/flux/", "/flux/atom/"):
        feed = client.get(path).content.decode()
        assert "https://youtu.be/dQw4w9WgXcQ" in feed
        assert "iframe" not in feed and "nocookie" not in feed


@pytest.mark.django_db
def test_newsletters_show_the_link_and_no_player():
    article = ArticleFactory(
        standfirst="", excerpt="", body=stored("https://youtu.be/dQw4w9WgXcQ", text="Le film")
    )
    edition = EditionFactory()
    edition.items.create(article=article, position=1)
    message = edition_test_message(edition, "redaction@example.org")
    html = message.alternatives[0][0]
    for part in (message.body, html):
        assert "Le film" in part
        assert "iframe" not in part and "nocookie" not in part and "data-embed" not in part
