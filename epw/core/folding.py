"""Text folded for matching word lists, so that a word cannot hide behind how it is written.

"v", a zero-width space, then "іаgrа" with Cyrillic і and а, and "ＶＩＡＧＲＡ" in full-width
letters all fold to "viagra": compatibility forms (full-width, ligatures, mathematical letters)
are normalised, case is folded, invisible characters are dropped, and letters of other scripts
that look like a Latin letter or a digit become that letter (Unicode's confusables, from the
confusable-homoglyphs package). Accents are kept: « député » must not contain « pute ».
"""

import re
import unicodedata
from functools import cache

from confusable_homoglyphs import utils as homoglyphs

# Default-ignorable characters that are not in the "Cf" (format) category, which holds the
# others (zero-width spaces and joiners, word joiner, BOM, soft hyphen, bidi controls, tags).
IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0100-\U000e01ef]"
)


def fold(text: str) -> str:
    """`text` as it reads, for comparing with another folded text."""
    visible = "".join(c for c in IGNORABLE.sub("", text) if unicodedata.category(c) != "Cf")
    folded = unicodedata.normalize("NFKC", visible).casefold()
    lookalikes = _lookalikes()
    return "".join(lookalikes.get(c, c) for c in folded)


@cache
def _lookalikes() -> dict[str, str]:
    """Each non-ASCII character that Unicode lists as confusable with one ASCII letter or digit.

    Read once, on first use: the package's whole table is large and only this part is kept."""
    table = homoglyphs.load("confusables.json")
    lookalikes = {}
    for character, glyphs in table.items():
        if len(character) != 1 or character.isascii():
            continue
        for glyph in glyphs:
            if len(glyph["c"]) == 1 and glyph["c"].isascii() and glyph["c"].isalnum():
                lookalikes[character] = glyph["c"].lower()
                break
    return lookalikes
