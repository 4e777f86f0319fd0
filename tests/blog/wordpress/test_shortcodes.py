"""Each WordPress shortcode, imported through the importer, becomes what EPW shows: a figure, a
gallery, an embed, or a link when the site cannot show it; whatever is lost is reported."""

import re

import pytest

from blog.models import Article
from tests.blog.wordpress.conftest import FIXTURES

pytestmark = pytest.mark.django_db

MEDIA = "/media/wordpress/2023/01/"
YT = "dQw4w9WgXcQ"
LISTED = re.compile(r"\[/?(?:caption|wp_caption|gallery|audio|video|embed|youtube|playlist)\b")


@pytest.fixture
def imported(run_import, studio_media):
    _out, report = run_import(FIXTURES / "codes-courts.xml", media=studio_media)
    return report


def body(slug: str) -> list[str]:
    return [line for line in Article.objects.get(slug=slug).body.split("\n") if line]


def embed(provider: str, url: str, caption: str = "") -> str:
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    link = f'<a href="{url}" rel="noopener noreferrer">{url}</a>'
    return f'<figure data-embed="{provider}">{link}{figcaption}</figure>'


def link(url: str) -> str:
    return f'<p><a href="{url}" rel="noopener noreferrer">{url}</a></p>'


def test_captions_become_figures_whether_the_caption_is_an_attribute_or_the_text(imported):
    assert body("legendes") == [
        "<p>Quatre façons de légender.</p>",
        # width and alignment are the site's; the alt text comes from the media library
        f'<figure><img alt="Une page manuscrite" src="{MEDIA}manuscrit.jpg" width="300" '
        'height="200"><figcaption>La <em>première</em> légende, avec '
        '<a href="https://example.org/" rel="noopener noreferrer">un lien</a></figcaption>'
        "</figure>",
        # the link around the image stays
        f'<figure><a href="{MEDIA}carnet.jpg" rel="noopener noreferrer"><img '
        f'src="{MEDIA}carnet.jpg" alt="Un carnet ouvert" width="640" height="427"></a>'
        "<figcaption>Une légende en attribut</figcaption></figure>",
        f'<figure><img src="{MEDIA}crayon.png" alt="Un crayon">'
        "<figcaption>Une légende des premiers temps</figcaption></figure>",
        "<p>Une légende sans image</p>",
    ]


def test_galleries_keep_the_order_of_their_ids_and_report_the_files_missing(imported):
    # ids="603,601,699,604,602": 699 is not in the export, 604 is an episode (WordPress too
    # shows only the images)
    assert body("galeries") == [
        "<p>Dans l’ordre choisi :</p>",
        f'<figure><img src="{MEDIA}crayon.png" alt="Un crayon taillé">'
        f'<img src="{MEDIA}manuscrit.jpg" alt="Une page manuscrite">'
        f'<img src="{MEDIA}carnet.jpg" alt=""></figure>',
        "<p>Et les images jointes à l’article :</p>",
        f'<figure><img src="{MEDIA}crayon.png" alt="Un crayon taillé"></figure>',
    ]
    assert "Fichier 699 du code court [gallery] introuvable dans l’élément 502." in imported


def test_audio_and_video_become_players_of_the_imported_files(imported):
    assert body("sons-et-videos") == [
        embed("audio", f"{MEDIA}episode-1.mp3"),  # mp3="…"
        embed("audio", f"{MEDIA}episode-2.ogg"),  # src="…"
        embed("audio", f"{MEDIA}episode-1.mp3"),  # no address: the post's attached episode
        embed("video", f"{MEDIA}film.mp4"),  # the first source; the fallback text goes
        embed("video", f"{MEDIA}film.mp4"),  # self-closing, with an address of the site
        link("https://cdn.example.org/direct.m3u8"),
    ]
    assert (
        "Contenu intégré non reconnu, gardé comme lien dans l’élément 503 : "
        "https://cdn.example.org/direct.m3u8"
    ) in imported


def test_embed_and_youtube_shortcodes_become_embeds_or_reported_links(imported):
    assert body("integrations") == [
        embed("youtube", f"https://www.youtube.com/watch?v={YT}"),
        link("https://example.org/une-page"),
        embed("youtube", f"https://youtu.be/{YT}"),
        embed("youtube", f"https://www.youtube.com/watch?v={YT}"),  # [youtube=http://…]
        embed("youtube", f"https://www.youtube.com/watch?v={YT}"),  # a bare video id
    ]
    assert (
        "Contenu intégré non reconnu, gardé comme lien dans l’élément 504 : "
        "https://example.org/une-page"
    ) in imported


def test_playlists_become_one_player_per_file_with_its_title(imported):
    # ids="604,601,605,606": 601, an image, is no episode
    assert body("listes-de-lecture") == [
        embed("audio", f"{MEDIA}episode-1.mp3", "Épisode 1 : le chapô"),
        embed("audio", f"{MEDIA}episode-2.ogg", "Le titre, en direct"),  # its caption
        link(f"{MEDIA}entretien.wav"),  # a format the site does not play: a link
        embed("video", f"{MEDIA}film.mp4", "Le film"),
    ]
    assert (
        f"Contenu intégré non reconnu, gardé comme lien dans l’élément 505 : {MEDIA}entretien.wav"
    ) in imported
    assert "Fichier 698 du code court [playlist] introuvable dans l’élément 505." in imported
    assert "Code court [playlist] sans rien à montrer retiré de l’élément 505." in imported


def test_unknown_shortcodes_keep_their_text_and_are_reported(imported):
    assert body("inconnus") == [
        "<p>Un encadré qui garde son texte.</p>",
        "<p>Un mot entre crochets [sic] reste du texte, et [gallery] s’écrit ainsi.</p>",
    ]
    for name in ("su_note", "contact-form-7", "newsletter_signup"):
        assert f"Code court inconnu [{name}] retiré de l’élément 506." in imported
    assert "[sic]" not in imported


def test_no_listed_shortcode_is_left_in_brackets(imported):
    articles = Article.objects.exclude(slug="inconnus")  # there, [[gallery]] asks for the text
    assert articles.count() == 5
    assert [article.slug for article in articles if LISTED.search(article.body)] == []


def test_the_article_page_shows_players_that_load_on_demand(client, imported):
    page = client.get("/articles/listes-de-lecture/").content.decode()
    assert page.count('class="embed embed--audio"') == 2
    assert page.count('class="embed embed--video"') == 1
    assert "<figcaption>Le film</figcaption>" in page
    assert f'href="{MEDIA}entretien.wav"' in page
