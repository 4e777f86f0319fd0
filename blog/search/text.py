"""Text helpers shared by the index and the queries: folding, query words, safe highlights."""

import html
import re
import unicodedata

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
# Highlight markers: private-use characters, removed from the text beforehand.
START, STOP = "\ue000", "\ue001"

_FOLDS = {
    "a": "aàâäáãå",
    "c": "cç",
    "e": "eéèêë",
    "i": "iîïíì",
    "n": "nñ",
    "o": "oôöóòõ",
    "u": "uùûüú",
    "y": "yÿý",
}
# A tag, as the PostgreSQL vector strips it (migration 0016): a space in its place, so that
# words of two blocks (« fin</p><p>Début ») stay two words.
TAG = re.compile(r"""<("[^"]*"|'[^']*'|[^'">])*>""")
# Elided words, « l' » or « jusqu' », dropped from queries like the one-letter ones.
_ELISION = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]")
# Words worth suggesting: letters only, at least three of them.
_LEXICON_WORD = re.compile(r"[^\W\d_]{3,60}")


def clean_query(raw: str) -> str:
    """Trim, drop control characters, collapse whitespace and cap what a reader typed."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def fold(text: str) -> str:
    """Lower case, without accents or ligatures: « Œuvré » → « oeuvre »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("œ", "oe").replace("æ", "ae")


def plain(html_text: str) -> str:
    """Article HTML as plain text (tags as spaces, entities decoded), without our markers."""
    text = html.unescape(TAG.sub(" ", html_text))
    return text.replace(START, "").replace(STOP, "")


def query_words(query: str) -> list[str]:
    """The query's words, folded, without one-letter words nor elided articles."""
    words = re.findall(r"\w+", _ELISION.sub(" ", fold(query)))
    unique = dict.fromkeys(word for word in words if len(word) > 1)
    return list(unique)[:MAX_WORDS]


def lexicon_words(text: str) -> dict[str, str]:
    """Folded word → the word as written (lower case), for the suggestion lexicon."""
    return {fold(word): word for word in _LEXICON_WORD.findall(text.lower())}


def word_pattern(word: str) -> str:
    """A regular expression matching text words starting with the word, whatever its accents.

    Case is left to the flag; not preceded by a letter, nor by `&` (an entity like `&nbsp;`).
    """
    pattern = "".join(f"[{_FOLDS[ch]}]" if ch in _FOLDS else re.escape(ch) for ch in fold(word))
    oe, ae = f"[{_FOLDS['o']}][{_FOLDS['e']}]", f"[{_FOLDS['a']}][{_FOLDS['e']}]"
    pattern = pattern.replace(oe, f"(?:{oe}|œ)").replace(ae, f"(?:{ae}|æ)")
    return rf"(?<![\w&]){pattern}"


def words_regex(query: str) -> re.Pattern[str] | None:
    """Whole words of a plain text starting with one of the query's words, to highlight."""
    patterns = [word_pattern(word) for word in query_words(query)]
    return re.compile(rf"(?:{'|'.join(patterns)})\w*", re.IGNORECASE) if patterns else None


def marked_html(text: str) -> SafeString:
    """Escape every piece of text; only the markers become <mark> tags."""
    parts = []
    for piece in re.split(f"([{START}{STOP}])", text):
        if piece == START:
            parts.append("<mark>")
        elif piece == STOP:
            parts.append("</mark>")
        else:
            parts.append(escape(piece))
    return mark_safe("".join(parts))
