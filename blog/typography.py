"""French typography for HTML: non-breaking spaces and curly apostrophes, text nodes only.

Tags, attributes, entities, URLs and the content of <code>, <pre>, <kbd>, <samp>, <script> and
<style> are never touched, so links and code samples keep working.
"""

import re

NBSP = "\u00a0"
NNBSP = "\u202f"

_TAG = re.compile(r"(<[^>]*>)")
_VERBATIM_TAG = re.compile(r"<(/?)(code|pre|kbd|samp|script|style)\b", re.IGNORECASE)
# Pieces of text left as they are: entities, URLs, e-mail addresses, times like 10:30.
_PROTECTED = re.compile(
    r"&#?\w+;|(?:https?|ftp|mailto):[^\s<]+|www\.[^\s<]+|[\w.+-]+@[\w-]+\.[\w.-]+|\d+:\d+",
    re.IGNORECASE,
)
_SPACES = "[ \u00a0\u202f]*"
_RULES = [
    (re.compile(_SPACES + r"([;!?]+)"), NNBSP + r"\1"),
    (re.compile(r"(?:(?<=\S)|^)" + _SPACES + r":(?=\s|$)"), NBSP + ":"),
    (re.compile("«" + _SPACES), "«" + NBSP),
    (re.compile(_SPACES + "»"), NBSP + "»"),
    (re.compile(r"(?<=\w)'(?=\w)"), "\u2019"),
]


def _fix_plain(text: str) -> str:
    for pattern, replacement in _RULES:
        text = pattern.sub(replacement, text)
    return text


# Sanitised HTML writes a no-break space as an entity; as a character, the rules see it as the
# space it is instead of adding a second one beside it.
_SPACE_ENTITIES = re.compile(r"&(?:nbsp|#160|#x0*a0|#8239|#x202f);", re.IGNORECASE)


def _space_character(entity: re.Match) -> str:
    return NNBSP if entity.group(0).lower() in {"&#8239;", "&#x202f;"} else NBSP


def _fix_text(text: str) -> str:
    text = _SPACE_ENTITIES.sub(_space_character, text)
    pieces = []
    last = 0
    for match in _PROTECTED.finditer(text):
        pieces.append(_fix_plain(text[last : match.start()]))
        pieces.append(match.group(0))
        last = match.end()
    pieces.append(_fix_plain(text[last:]))
    return "".join(pieces)


def french_typography(html: str) -> str:
    """Apply French spacing rules to the text of an HTML fragment."""
    if not html:
        return html
    out = []
    verbatim_depth = 0
    for part in _TAG.split(html):
        if part.startswith("<") and part.endswith(">"):
            match = _VERBATIM_TAG.match(part)
            if match:
                verbatim_depth += -1 if match.group(1) else 1
                verbatim_depth = max(verbatim_depth, 0)
            out.append(part)
        elif verbatim_depth:
            out.append(part)
        else:
            out.append(_fix_text(part))
    return "".join(out)


# A vowel or an h (taken as mute: « d’Hélène », « d’Hugo »), in either case, accents included.
_ELIDING_START = re.compile(r"[aeiouhàâäéèêëîïôöùûüœæ]", re.IGNORECASE)


def elide_before(text: str, name: str) -> str:
    """French elision of « de », « le », « la » just before `name`: « les articles de Alice »
    becomes « les articles d’Alice ». Nothing changes when `name` starts with a consonant or
    is not preceded by one of these words (a translation, say)."""
    if not name or not _ELIDING_START.match(name):
        return text
    pattern = re.compile(r"\b(?:([Dd])e|([Ll])[ea])[ \u00a0](?=" + re.escape(name) + ")")
    return pattern.sub(lambda match: (match.group(1) or match.group(2)) + "\u2019", text)
