"""WordPress shortcodes turned into what EPW stores.

``[caption]`` and ``[wp_caption]`` become a figure with its caption; ``[gallery]`` one figure of
its images, in the order given; ``[embed]``, ``[youtube]``, ``[video]`` and ``[audio]`` an embed
(a link when the site cannot show the address); ``[playlist]`` one embed per file. As WordPress
does, a gallery, playlist, video or audio shortcode naming no file shows the files attached to the
post. Width, alignment, columns, sizes and player options are dropped: the site lays every
figure out alike. Other shortcodes lose their brackets, keep the text they enclose and are
reported; a bracketed word such as [sic] is text.
"""

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from blog.wordpress.embeds import embed, youtube_address

# WordPress's own pattern: an enclosing shortcode ends at the first closing tag of its name, and
# encloses no opening of its name (that one is self-closing: [audio src=…] … [audio]…[/audio]).
SHORTCODE = re.compile(
    r"\[(\[?)([A-Za-z][\w-]*)((?:\s[^\]]*?)?)(/?)\]"
    r"(?:((?:(?!\[\2[\s\]/]).)*?)\[/\2\])?(\]?)",
    re.DOTALL,
)
ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)"""
)
IMG = re.compile(r"(?:<a\s[^>]*>\s*)?<img\s[^>]*>(?:\s*</a>)?", re.IGNORECASE)
CONVERTED = {"caption", "wp_caption", "gallery", "embed", "youtube", "audio", "video", "playlist"}
# Bracketed words such as [sic] or [1] are text; these names are shortcodes even alone.
KNOWN_SHORTCODES = CONVERTED | {
    "toc", "contact-form", "contact-form-7", "ninja_form", "wpforms", "su_box", "vc_row",
    "vc_column", "vc_column_text", "et_pb_section", "ads", "adsense", "shortcode",
}  # fmt: skip
STRAY_CLOSING = re.compile(rf"\[/(?:{'|'.join(sorted(CONVERTED))})\]", re.IGNORECASE)
MEDIA_SOURCES = ("src", "mp4", "m4v", "webm", "ogv", "flv", "mp3", "m4a", "ogg", "oga", "wav")
EXTENSIONS = {
    "image": {"jpg", "jpeg", "png", "gif", "webp", "avif", "bmp", "svg"},
    "audio": {"mp3", "m4a", "ogg", "oga", "wav", "flac", "aac"},
    "video": {"mp4", "m4v", "webm", "ogv", "mov", "flv", "wmv", "avi"},
}


@dataclass(frozen=True)
class Attachment:
    """A file of the imported media library, as a gallery or a playlist shows it."""

    url: str
    alt: str = ""
    label: str = ""  # its caption, else its title

    @property
    def kind(self) -> str:
        extension = urlsplit(self.url).path.rsplit(".", 1)[-1].lower()
        return next((kind for kind, names in EXTENSIONS.items() if extension in names), "")


AttachmentLookup = Callable[[list[int]], dict[int, Attachment]]  # the ones the import has
AttachedLookup = Callable[[], list[int]]  # the files attached to the post, in WordPress's order


@dataclass
class Shortcodes:
    """Expands the shortcodes of one body, noting on the way what could not be kept."""

    attachments: AttachmentLookup = lambda ids: {}
    attached: AttachedLookup = lambda: []
    unknown: list[str] = field(default_factory=list)
    unknown_embeds: list[str] = field(default_factory=list)
    missing_media: list[tuple[str, int]] = field(default_factory=list)  # (shortcode, file id)
    empty: list[str] = field(default_factory=list)  # shortcodes left with nothing to show

    def expand(self, text: str) -> str:
        return STRAY_CLOSING.sub("", SHORTCODE.sub(self._replace, text))

    def _replace(self, match: re.Match) -> str:
        opening, name, raw_attributes, slash, inner, closing = match.groups()
        if opening == "[" and closing == "]":
            return match.group(0)[1:-1]  # [[name]] is how WordPress writes a literal [name]
        attributes = _attributes(raw_attributes)
        lowered = name.lower()
        if lowered in CONVERTED:
            handler = getattr(self, f"_{lowered.removeprefix('wp_')}")
            result = handler(inner, attributes, raw_attributes.strip())
            if not result.strip():
                self.empty.append(lowered)
            return result
        is_shortcode = (
            lowered in KNOWN_SHORTCODES
            or "=" in raw_attributes
            or slash
            or inner is not None
            or "_" in name
            or "-" in name
        )
        if not is_shortcode:
            return match.group(0)
        self.unknown.append(name)
        return (opening or "") + self.expand(inner or "") + (closing or "")

    def _caption(self, inner: str | None, attributes: dict[str, str], raw: str) -> str:
        inner = inner or ""
        image = IMG.search(inner)
        if not image:
            return self.expand(inner)
        caption = attributes.get("caption") or (inner[: image.start()] + inner[image.end() :])
        caption = self.expand(caption).strip()
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f"\n\n<figure>{image.group(0)}{figcaption}</figure>\n\n"

    def _gallery(self, inner: str | None, attributes: dict[str, str], raw: str) -> str:
        images = [
            f'<img src="{html.escape(item.url)}" alt="{html.escape(item.alt)}">'
            for item in self._files("gallery", "image", attributes)
        ]
        return f"\n\n<figure>{''.join(images)}</figure>\n\n" if images else ""

    def _playlist(self, inner: str | None, attributes: dict[str, str], raw: str) -> str:
        kind = "video" if attributes.get("type", "").lower() == "video" else "audio"
        return "".join(
            embed(item.url, unknown=self.unknown_embeds, caption=html.escape(item.label))
            for item in self._files("playlist", kind, attributes)
        )

    def _embed(self, inner: str | None, attributes: dict[str, str], raw: str) -> str:
        address = (inner or "").strip() or _first_url(attributes)
        return embed(address, unknown=self.unknown_embeds) if address else ""

    def _youtube(self, inner: str | None, attributes: dict[str, str], raw: str) -> str:
        address = youtube_address((inner or "").strip() or _first_url(attributes) or raw)
        return embed(address, unknown=self.unknown_embeds) if address else ""

    def _audio(
        self, inner: str | None, attributes: dict[str, str], raw: str, kind: str = "audio"
    ) -> str:
        sources = (attributes.get(name, "") for name in MEDIA_SOURCES)
        address = next(filter(None, sources), "")
        if not address and re.fullmatch(r"(?:https?:/)?/\S+", (inner or "").strip()):
            address = (inner or "").strip()  # WordPress.com's [audio]URL[/audio]
        if not address:
            attached = self._files(kind, kind, {})[:1]
            address = attached[0].url if attached else ""
        return embed(address, unknown=self.unknown_embeds) if address else ""

    def _video(self, inner: str | None, attributes: dict[str, str], raw: str) -> str:
        return self._audio(inner, attributes, raw, kind="video")

    def _files(self, shortcode: str, kind: str, attributes: dict[str, str]) -> list[Attachment]:
        """The files of ``kind`` a shortcode names (ids, or include), else those attached to
        the post; as in WordPress, a file of another kind is left out."""
        wanted = _ids(attributes.get("ids") or attributes.get("include", ""))
        if wanted:
            found = self.attachments(wanted)
            self.missing_media += [(shortcode, i) for i in wanted if i not in found]
        else:
            excluded = set(_ids(attributes.get("exclude", "")))
            wanted = [i for i in self.attached() if i not in excluded]
            found = self.attachments(wanted)
        return [found[i] for i in wanted if i in found and found[i].kind == kind]


def _attributes(raw: str) -> dict[str, str]:
    attributes = {}
    for match in ATTRIBUTE.finditer(raw or ""):
        if match.group(1):
            attributes[match.group(1).lower()] = match.group(2)
        elif match.group(3):
            attributes[match.group(3).lower()] = match.group(4)
        else:
            attributes[match.group(5).lower()] = match.group(6)
    return attributes


def _ids(value: str) -> list[int]:
    return list(dict.fromkeys(int(i) for i in re.findall(r"\d{1,18}", value)))


def _first_url(attributes: dict[str, str]) -> str:
    return next((value for value in attributes.values() if value.startswith("http")), "")
