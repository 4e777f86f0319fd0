"""Embedded videos, podcasts and posts, recognised from their address alone.

A body stores an embed as a link inside a figure:
``<figure data-embed="youtube"><a href="URL">URL</a><figcaption>…</figcaption></figure>``,
so feeds, e-mails and anything else showing the stored HTML show a working link. The provider,
the id and the player to load are always derived from the URL here (no network access), and only
for the providers below: ``data-embed`` is a hint, never trusted.

The patterns are also sent to the editor, which turns a pasted address into an embed: they are
written in the syntax Python's ``re`` and JavaScript's ``RegExp`` share (no named groups, no
inline flags, ASCII classes only), matched whole and case-insensitively by both.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

from django.utils.translation import gettext_lazy as _

MAX_URL_LENGTH = 2000
# Characters no recognised address contains (spaces, quotes, brackets, anything not ASCII…),
# rejected before any pattern runs.
FORBIDDEN = re.compile(r"[^!#$%&()*+,./0-9:;=?@A-Z\[\]_a-z~-]")

HOST = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+"
REST = r"(?:[?#][^#]*(?:#.*)?)?"  # query and fragment, checked by FORBIDDEN
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
YOUTUBE_ID = r"([A-Za-z0-9_-]{11})"


@dataclass(frozen=True)
class Embed:
    provider: str  # key of the provider, as in data-embed
    label: str  # who the reader's browser connects to: "YouTube", "framatube.org"…
    kind: str  # "video", "audio" or "post"
    id: str
    player_url: str  # loaded only when the reader asks for it
    url: str  # the address as written
    direct: bool = False  # a media file played by the browser itself, not in a frame

    @property
    def third_party(self) -> bool:
        """Whether loading it connects the reader to another site than this one."""
        return not self.url.startswith("/")


@dataclass(frozen=True)
class Provider:
    key: str
    label: str
    kind: str
    patterns: tuple[str, ...]
    build: Callable[[re.Match, str], tuple[str, str]]  # (match, url) → (id, player URL)
    direct: bool = False

    def label_for(self, url: str) -> str:
        """Providers on any host (PeerTube, Mastodon, media files) go by their host name."""
        return self.label or urlsplit(url).hostname or str(_("ce site"))


def _first(match: re.Match) -> str:
    return next(group for group in match.groups() if group)


def _seconds(value: str) -> int:
    """YouTube's start times: ``90``, ``90s``, ``1m30s``, ``1h2m3s``."""
    parts = re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?", value)
    if not parts:
        return 0
    hours, minutes, seconds = (int(part or 0) for part in parts.groups())
    return hours * 3600 + minutes * 60 + seconds


def _youtube(match: re.Match, url: str) -> tuple[str, str]:
    video = _first(match)
    parts = urlsplit(url)
    params = parse_qs(parts.query) | parse_qs(parts.fragment)
    start = _seconds((params.get("t") or params.get("start") or [""])[0])
    player = f"https://www.youtube-nocookie.com/embed/{video}?autoplay=1"
    return video, player + (f"&start={start}" if start else "")


def _vimeo(match: re.Match, url: str) -> tuple[str, str]:
    video, unlisted = match.group(1) or match.group(3), match.group(2)
    player = f"https://player.vimeo.com/video/{video}?autoplay=1&dnt=1"
    return video, player + (f"&h={unlisted}" if unlisted else "")


def _dailymotion(match: re.Match, url: str) -> tuple[str, str]:
    video = _first(match)
    return video, f"https://www.dailymotion.com/embed/video/{video}?autoplay=1"


def _peertube(match: re.Match, url: str) -> tuple[str, str]:
    host = match.group(1).lower()
    video = match.group(2) or match.group(3)
    return video, f"https://{host}/videos/embed/{video}?autoplay=1&warningTitle=0"


def _soundcloud(match: re.Match, url: str) -> tuple[str, str]:
    path = match.group(1)
    track = quote(f"https://soundcloud.com/{path}", safe="")
    return path, f"https://w.soundcloud.com/player/?url={track}&auto_play=true&visual=false"


def _spotify(match: re.Match, url: str) -> tuple[str, str]:
    kind, item = match.group(1).lower(), match.group(2)
    return f"{kind}/{item}", f"https://open.spotify.com/embed/{kind}/{item}"


def _mastodon(match: re.Match, url: str) -> tuple[str, str]:
    host, user, status = match.group(1).lower(), match.group(2), match.group(3)
    return status, f"https://{host}/@{user}/{status}/embed"


def _bluesky(match: re.Match, url: str) -> tuple[str, str]:
    author, post = match.group(1), match.group(2)
    return (
        f"{author}/{post}",
        f"https://embed.bsky.app/embed/{author}/app.bsky.feed.post/{post}",
    )


def _file(match: re.Match, url: str) -> tuple[str, str]:
    return url, url


def _file_patterns(extensions: str) -> tuple[str, ...]:
    tail = rf"\.(?:{extensions})(?:\?[^#]*)?(?:#.*)?"
    return (
        rf"https://{HOST}(?::\d{{1,5}})?(?:/[A-Za-z0-9._~%!$&()*+,;=:@-]+)+{tail}",
        # A file of this site (an imported WordPress body links to its uploads this way).
        rf"/[A-Za-z0-9._~%-]+(?:/[A-Za-z0-9._~%-]+)*{tail}",
    )


PROVIDERS: tuple[Provider, ...] = (
    Provider(
        "youtube",
        "YouTube",
        "video",
        (
            rf"https://(?:www\.|m\.|music\.)?youtube\.com/watch\?(?:[^#]*&)?v={YOUTUBE_ID}(?:[&#].*)?",
            rf"https://youtu\.be/{YOUTUBE_ID}{REST}",
            rf"https://(?:www\.|m\.)?youtube\.com/(?:shorts|embed|live)/{YOUTUBE_ID}/?{REST}",
            rf"https://(?:www\.)?youtube-nocookie\.com/embed/{YOUTUBE_ID}{REST}",
        ),
        _youtube,
    ),
    Provider(
        "vimeo",
        "Vimeo",
        "video",
        (
            r"https://(?:www\.)?vimeo\.com/(?:channels/[A-Za-z0-9_-]+/)?(\d{1,12})"
            rf"(?:/([0-9a-f]{{6,20}}))?/?{REST}"
            rf"|https://player\.vimeo\.com/video/(\d{{1,12}}){REST}",
        ),
        _vimeo,
    ),
    Provider(
        "dailymotion",
        "Dailymotion",
        "video",
        (
            rf"https://(?:www\.)?dailymotion\.com/(?:embed/)?video/([A-Za-z0-9]{{5,12}}){REST}",
            rf"https://dai\.ly/([A-Za-z0-9]{{5,12}}){REST}",
        ),
        _dailymotion,
    ),
    Provider(
        "peertube",
        "",
        "video",
        (
            rf"https://({HOST})/(?:w/([1-9A-HJ-NP-Za-km-z]{{22}}|{UUID})"
            rf"|videos/(?:watch|embed)/({UUID}|[1-9A-HJ-NP-Za-km-z]{{22}})){REST}",
        ),
        _peertube,
    ),
    Provider(
        "soundcloud",
        "SoundCloud",
        "audio",
        (
            r"https://(?:www\.|m\.)?soundcloud\.com/"
            rf"([A-Za-z0-9_-]+/(?:sets/)?[A-Za-z0-9_-]+(?:/s-[A-Za-z0-9]+)?)/?{REST}",
        ),
        _soundcloud,
    ),
    Provider(
        "spotify",
        "Spotify",
        "audio",
        (
            r"https://open\.spotify\.com/(?:intl-[a-z]{2}(?:-[a-z]{2})?/)?"
            rf"(track|episode|show|album|playlist)/([A-Za-z0-9]{{22}}){REST}",
        ),
        _spotify,
    ),
    Provider(
        "mastodon",
        "",
        "post",
        (rf"https://({HOST})/@([A-Za-z0-9_]{{1,30}})/(\d{{1,20}}){REST}",),
        _mastodon,
    ),
    Provider(
        "bluesky",
        "Bluesky",
        "post",
        (
            r"https://bsky\.app/profile/"
            r"([a-z0-9][a-z0-9.-]{0,252}[a-z0-9]|did:plc:[a-z2-7]{24}|did:web:[a-z0-9.-]{1,253})"
            rf"/post/([a-z2-7]{{13}}){REST}",
        ),
        _bluesky,
    ),
    Provider("video", "", "video", _file_patterns("mp4|webm|ogv"), _file, direct=True),
    Provider("audio", "", "audio", _file_patterns("mp3|ogg|oga|m4a"), _file, direct=True),
)

_COMPILED = tuple(
    (
        provider,
        re.compile("|".join(f"(?:{p})" for p in provider.patterns), re.IGNORECASE | re.ASCII),
    )
    for provider in PROVIDERS
)


def parse_embed(url: str) -> Embed | None:
    """The embed an address designates, or None when it is not one we know how to show."""
    url = (url or "").strip()
    if not url or len(url) > MAX_URL_LENGTH or FORBIDDEN.search(url):
        return None
    for provider, pattern in _COMPILED:
        match = pattern.fullmatch(url)
        if match:
            identifier, player = provider.build(match, url)
            return Embed(
                provider=provider.key,
                label=provider.label_for(url),
                kind=provider.kind,
                id=identifier,
                player_url=player,
                url=url,
                direct=provider.direct,
            )
    return None


# The editor's side: the same patterns, and what the sanitiser must keep for the stored form.


def editor_config() -> dict:
    """The ``Embed`` extension's configuration for django-prose-editor (static/js/editor/
    embed.js); its labels are lazy, translated when the editor is shown."""
    return {
        "maxLength": MAX_URL_LENGTH,
        "forbidden": FORBIDDEN.pattern,
        "providers": [
            {"key": provider.key, "label": provider.label, "patterns": list(provider.patterns)}
            for provider in PROVIDERS
        ],
        "labels": {
            "button": _("Intégrer une vidéo ou une publication"),
            "url": _("Adresse de la vidéo, de l’épisode ou de la publication"),
            "help": _(
                "YouTube, Vimeo, Dailymotion, PeerTube, SoundCloud, Spotify, Mastodon, Bluesky "
                "ou un fichier vidéo ou audio (https://…)."
            ),
            "caption": _("Légende (facultative)"),
            "insert": _("Intégrer"),
            "update": _("Mettre à jour"),
            "unknown": _("Cette adresse n’est pas celle d’un contenu que le site sait intégrer."),
        },
    }


def process_embed(config, shared_config) -> None:
    """django-prose-editor processor: the tags and attributes an embed figure is stored with."""
    shared_config["tags"].update({"figure", "figcaption", "a"})
    attributes = shared_config["attributes"]
    attributes.setdefault("figure", set()).update({"data-embed"})
    attributes.setdefault("a", set()).update({"href"})
