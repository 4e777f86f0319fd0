"""Writing checks: what an editor should look at before publishing (warnings, never blockers).

Each check encodes a rule of writing for the web: short titles that survive search results,
a standfirst, alternative texts, a heading outline screen-reader users can navigate, link
texts that make sense out of context, and French typography.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from django.utils.translation import gettext as _

from blog.typography import french_typography

TITLE_MAX = 60
# Link texts that say nothing once read out of context (screen-reader link lists, skimming).
VAGUE_LINK_TEXTS = {
    "cliquez ici", "cliquer ici", "clique ici", "ici", "là", "lire la suite", "la suite",
    "suite", "en savoir plus", "pour en savoir plus", "plus", "voir", "voir plus",
    "lien", "ce lien", "cet article", "lire", "click here", "here", "read more", "more",
}  # fmt: skip
VERBATIM = {"code", "pre", "kbd", "samp"}
EXCERPT_RADIUS = 20


@dataclass(frozen=True)
class WritingWarning:
    code: str
    message: str


class _BodyReader(HTMLParser):
    """Collects what the checks need from the body in one pass."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images_without_alt = 0
        self.headings: list[int] = []
        self.links: list[str] = []
        self.texts: list[str] = []
        self._link_text: list[str] | None = None
        self._verbatim = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img" and not (attributes.get("alt") or "").strip():
            self.images_without_alt += 1
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "a":
            self._link_text = []
        elif tag in VERBATIM:
            self._verbatim += 1

    def handle_endtag(self, tag):
        if tag == "a" and self._link_text is not None:
            self.links.append("".join(self._link_text))
            self._link_text = None
        elif tag in VERBATIM:
            self._verbatim = max(0, self._verbatim - 1)

    def handle_data(self, data):
        if self._link_text is not None:
            self._link_text.append(data)
        if not self._verbatim:
            self.texts.append(data)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip(" .…:!?»«\"'’").lower()


def missing_french_spaces(text: str) -> str | None:
    """An excerpt around the first place lacking a non-breaking space, or None."""
    expected = french_typography(text)
    actual = text.replace("'", "\u2019")
    if expected == actual:
        return None
    index = next(
        (i for i, (got, wanted) in enumerate(zip(actual, expected, strict=False)) if got != wanted),
        min(len(actual), len(expected)),
    )
    start = max(0, index - EXCERPT_RADIUS)
    return actual[start : index + EXCERPT_RADIUS].strip()


def check_article(article) -> list[WritingWarning]:
    """Every warning for this article, in the order an editor would fix them."""
    warnings: list[WritingWarning] = []
    if len(article.title) > TITLE_MAX:
        warnings.append(
            WritingWarning(
                "title_length",
                _(
                    "Le titre fait %(length)d caractères : au-delà de %(max)d, les moteurs de "
                    "recherche et les partages le coupent."
                )
                % {"length": len(article.title), "max": TITLE_MAX},
            )
        )
    if not article.standfirst.strip():
        warnings.append(
            WritingWarning(
                "standfirst",
                _("Pas de chapô : deux ou trois phrases qui donnent envie de lire la suite."),
            )
        )
    if article.cover and not article.cover_alt.strip():
        warnings.append(
            WritingWarning(
                "cover_alt",
                _("L’image de couverture n’a pas de texte alternatif."),
            )
        )
    reader = _BodyReader()
    reader.feed(article.body or "")
    reader.close()
    if reader.images_without_alt:
        warnings.append(
            WritingWarning(
                "image_alt",
                _("%(count)d image(s) du corps sans texte alternatif.")
                % {"count": reader.images_without_alt},
            )
        )
    warnings += _heading_warnings(reader.headings)
    for text in reader.links:
        if _normalise(text) in VAGUE_LINK_TEXTS:
            warnings.append(
                WritingWarning(
                    "vague_link",
                    _(
                        "Le lien « %(text)s » ne dit pas où il mène : décrivez la destination "
                        "(« le guide des titres » plutôt que « cliquez ici »)."
                    )
                    % {"text": text.strip()},
                )
            )
    for text in [article.title, article.standfirst, *reader.texts]:
        excerpt = missing_french_spaces(text)
        if excerpt:
            warnings.append(
                WritingWarning(
                    "french_spaces",
                    _("Espace insécable manquante (avant ; : ! ? », après «) : « %(excerpt)s ».")
                    % {"excerpt": excerpt},
                )
            )
            break
    return warnings


def _heading_warnings(levels: list[int]) -> list[WritingWarning]:
    """The page title is the h1: body headings start at h2 and go down one level at a time."""
    warnings = []
    previous = 1
    for level in levels:
        if level > previous + 1:
            warnings.append(
                WritingWarning(
                    "heading_skip",
                    _("Niveau d’intertitre sauté : un h%(level)d suit un h%(previous)d.")
                    % {"level": level, "previous": previous},
                )
            )
        previous = level
    return warnings
