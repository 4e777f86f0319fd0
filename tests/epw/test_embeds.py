"""Embeds are recognised from their address alone, strictly: known hosts, https, no tricks."""

import json
import shutil
import subprocess

import pytest

from epw.core.embeds import PROVIDERS, editor_config, parse_embed, process_embed

YT = "dQw4w9WgXcQ"
UUID = "9c9de5e8-0a1e-484a-b099-e80766180a6d"

RECOGNISED = [
    # (address, provider, label, kind, id, player)
    (
        f"https://www.youtube.com/watch?v={YT}",
        "youtube", "YouTube", "video", YT,
        f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1",
    ),
    (
        f"https://youtube.com/watch?feature=share&v={YT}&t=1m30s",
        "youtube", "YouTube", "video", YT,
        f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1&start=90",
    ),
    (
        f"https://youtu.be/{YT}?t=42",
        "youtube", "YouTube", "video", YT,
        f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1&start=42",
    ),
    (
        f"https://m.youtube.com/shorts/{YT}",
        "youtube", "YouTube", "video", YT,
        f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1",
    ),
    (
        f"https://www.youtube.com/embed/{YT}?start=7",
        "youtube", "YouTube", "video", YT,
        f"https://www.youtube-nocookie.com/embed/{YT}?autoplay=1&start=7",
    ),
    (
        "https://vimeo.com/76979871",
        "vimeo", "Vimeo", "video", "76979871",
        "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1",
    ),
    (
        "https://vimeo.com/76979871/8272103f6e",
        "vimeo", "Vimeo", "video", "76979871",
        "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1&h=8272103f6e",
    ),
    (
        "https://www.dailymotion.com/video/x7tgad0",
        "dailymotion", "Dailymotion", "video", "x7tgad0",
        "https://www.dailymotion.com/embed/video/x7tgad0?autoplay=1",
    ),
    (
        "https://dai.ly/x7tgad0",
        "dailymotion", "Dailymotion", "video", "x7tgad0",
        "https://www.dailymotion.com/embed/video/x7tgad0?autoplay=1",
    ),
    (
        "https://framatube.org/w/kkGMgK9ZtnKfYAgnEtQxbv",
        "peertube", "framatube.org", "video", "kkGMgK9ZtnKfYAgnEtQxbv",
        "https://framatube.org/videos/embed/kkGMgK9ZtnKfYAgnEtQxbv?autoplay=1&warningTitle=0",
    ),
    (
        f"https://video.example.fr/videos/watch/{UUID}",
        "peertube", "video.example.fr", "video", UUID,
        f"https://video.example.fr/videos/embed/{UUID}?autoplay=1&warningTitle=0",
    ),
    (
        "https://soundcloud.com/radio-plume/episode-12",
        "soundcloud", "SoundCloud", "audio", "radio-plume/episode-12",
        "https://w.soundcloud.com/player/?url=https%3A%2F%2Fsoundcloud.com%2Fradio-plume"
        "%2Fepisode-12&auto_play=true&visual=false",
    ),
    (
        "https://open.spotify.com/episode/4rOoJ6Egrf8K2IrywzwOMk?si=abc",
        "spotify", "Spotify", "audio", "episode/4rOoJ6Egrf8K2IrywzwOMk",
        "https://open.spotify.com/embed/episode/4rOoJ6Egrf8K2IrywzwOMk",
    ),
    (
        "https://open.spotify.com/intl-fr/show/4rOoJ6Egrf8K2IrywzwOMk",
        "spotify", "Spotify", "audio", "show/4rOoJ6Egrf8K2IrywzwOMk",
        "https://open.spotify.com/embed/show/4rOoJ6Egrf8K2IrywzwOMk",
    ),
    (
        "https://mastodon.social/@Gargron/109336213111181126",
        "mastodon", "mastodon.social", "post", "109336213111181126",
        "https://mastodon.social/@Gargron/109336213111181126/embed",
    ),
    (
        "https://bsky.app/profile/jay.bsky.team/post/3kgpgb2zkhv2a",
        "bluesky", "Bluesky", "post", "jay.bsky.team/3kgpgb2zkhv2a",
        "https://embed.bsky.app/embed/jay.bsky.team/app.bsky.feed.post/3kgpgb2zkhv2a",
    ),
    (
        "https://cdn.example.org/films/bande-annonce.mp4",
        "video", "cdn.example.org", "video", "https://cdn.example.org/films/bande-annonce.mp4",
        "https://cdn.example.org/films/bande-annonce.mp4",
    ),
    (
        "https://cdn.example.org/podcast/episode-3.mp3?v=2",
        "audio", "cdn.example.org", "audio", "https://cdn.example.org/podcast/episode-3.mp3?v=2",
        "https://cdn.example.org/podcast/episode-3.mp3?v=2",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("url", "provider", "label", "kind", "id", "player"), RECOGNISED)
def test_each_provider_is_recognised_with_its_player(url, provider, label, kind, id, player):
    embed = parse_embed(url)
    assert embed is not None
    assert (embed.provider, embed.label, embed.kind, embed.id) == (provider, label, kind, id)
    assert embed.player_url == player
    assert embed.url == url
    assert embed.third_party


def test_media_files_are_played_by_the_browser_and_this_sites_files_need_no_warning():
    assert parse_embed("https://cdn.example.org/a.webm").direct
    assert not parse_embed(f"https://youtu.be/{YT}").direct
    own = parse_embed("/media/wordpress/2021/03/entretien.ogg")
    assert own.provider == "audio" and own.direct and not own.third_party


HOSTILE = [
    f"http://www.youtube.com/watch?v={YT}",  # not https
    f"https://www.youtube.com.evil.example/watch?v={YT}",
    f"https://evil.example/www.youtube.com/watch?v={YT}",
    f"https://youtube.com@evil.example/watch?v={YT}",
    f"https://user:secret@youtu.be/{YT}",
    f"https://youtu.be:443@evil.example/{YT}",
    f"javascript:alert(1)//https://youtu.be/{YT}",
    f"JAVASCRIPT://youtu.be/{YT}",
    f"data:text/html,https://youtu.be/{YT}",
    f"//youtu.be/{YT}",
    f'https://youtu.be/{YT}"><script>alert(1)</script>',
    f"https://youtu.be/{YT}\n<script>",
    f"https://youtu.be/{YT} onload=alert(1)",
    f"https://youtu.be\\@evil.example/{YT}",
    f"https://youtu.be/{YT[:-1]}",  # too short an id
    "https://bſky.app/profile/a.b/post/3kgpgb2zkhv2a",  # non-ASCII look-alike
    "https://www.youtube.com/watch?v=",
    "https://vimeo.com/channels/staffpicks",
    "https://open.spotify.com/user/someone",
    "https://mastodon.social/@Gargron",
    "https://bsky.app/profile/jay.bsky.team",
    "https://example.org/article.html",
    "https://example.org/video.mp4.exe",
    "//evil.example/video.mp4",
    "/\\evil.example/video.mp4",
    "https://" + "a" * 2000 + ".example/v.mp4",
    "",
    "   ",
]


@pytest.mark.parametrize("url", HOSTILE)
def test_hostile_or_unknown_addresses_are_not_embeds(url):
    assert parse_embed(url) is None


def test_the_sanitiser_config_keeps_the_stored_form():
    shared = {"tags": set(), "attributes": {"a": {"title"}}}
    process_embed({}, shared)
    assert {"figure", "figcaption", "a"} <= shared["tags"]
    assert shared["attributes"]["figure"] == {"data-embed"}
    assert shared["attributes"]["a"] == {"title", "href"}


def test_the_editor_gets_every_provider_with_translated_labels():
    config = editor_config()
    assert [p["key"] for p in config["providers"]] == [p.key for p in PROVIDERS]
    assert str(config["labels"]["button"]) == "Intégrer une vidéo ou une publication"


@pytest.mark.skipif(not shutil.which("node"), reason="Node.js is not installed")
def test_javascript_reads_the_patterns_as_python_does():
    """The editor matches with RegExp what the server matches with re."""
    cases = [url for url, *_rest in RECOGNISED] + HOSTILE
    config = editor_config()
    del config["labels"]
    script = """
    const [config, cases] = JSON.parse(require("fs").readFileSync(0, "utf8"));
    const forbidden = new RegExp(config.forbidden);
    const providers = config.providers;
    const find = (url) => {
      url = url.trim();
      if (!url || url.length > config.maxLength || forbidden.test(url)) return null;
      const found = providers.find((p) =>
        p.patterns.some((s) => new RegExp(`^(?:${s})$`, "i").test(url)));
      return found ? found.key : null;
    };
    console.log(JSON.stringify(cases.map(find)));
    """
    result = subprocess.run(
        ["node", "-e", script],
        input=json.dumps([config, cases]),
        capture_output=True,
        text=True,
        check=True,
    )
    from_js = json.loads(result.stdout)
    from_python = [(embed.provider if (embed := parse_embed(url)) else None) for url in cases]
    assert from_js == from_python
