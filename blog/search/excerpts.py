"""Excerpts of search results: the text around the first match, the matches marked.

Cut in the web process, from the standfirst and body as plain text, with one regular
expression, so that they cost little whatever the articles' length. PostgreSQL's `ts_headline`
would parse and stem every word of every article shown, about a microsecond a word: most of a
search's database time, on the one server that does not scale out.

Which words are marked follows what found the article:
- PostgreSQL matches stems: a word is marked when its French Snowball stem (the algorithm of the
  index's `french_stem`, applied as there to the unaccented word) is one of the query's lexemes,
  so « lecteurs » marks « lecteur » but not « lectures ». Only the words that start like a
  lexeme are stemmed; a stem may drop up to two letters of its word (« canaux » → « canal »),
  hence the shorter start.
- SQLite's FTS5 matches word starts: the words starting with a query word are marked.

Safe by construction: tags are stripped and entities decoded (`plain`), each piece escaped,
and only our own `<mark>` tags are added.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from blog.search.text import START, STOP, fold, marked_html, plain, word_pattern, words_regex

EXCERPT_CHARS = 240
WORDS_WITHOUT_MATCH = 40
# A lexeme in PostgreSQL's `querytree` text (quotes doubled inside), unless negated.
LEXEME = re.compile(r"(!?)'((?:[^']|'')+)'")
STEM_MAY_DROP = 2
SHORTEST_START = 3


@dataclass(frozen=True)
class Matcher:
    """The words to mark: found by `pattern`, kept when `keeps` says so."""

    pattern: re.Pattern[str]
    keeps: Callable[[str], bool] = lambda word: True

    def matches(self, text: str, start: int = 0, end: int | None = None):
        for found in self.pattern.finditer(text, start, len(text) if end is None else end):
            if self.keeps(found.group()):
                yield found


def prefix_matcher(query: str) -> Matcher | None:
    """Words starting with one of the query's words (SQLite's FTS5 prefix queries)."""
    pattern = words_regex(query)
    return Matcher(pattern) if pattern else None


def stem_matcher(querytree: str) -> Matcher | None:
    """Words whose stem is one of the lexemes of PostgreSQL's `querytree(tsquery)`."""
    lexemes = {
        lexeme.replace("''", "'")
        for negated, lexeme in LEXEME.findall(querytree or "")
        if not negated and len(lexeme) > 1
    }
    if not lexemes:
        return None
    starts = sorted(
        {lexeme[: max(SHORTEST_START, len(lexeme) - STEM_MAY_DROP)] for lexeme in lexemes}
    )
    pattern = re.compile(
        rf"(?:{'|'.join(word_pattern(start) for start in starts)})\w*", re.IGNORECASE
    )
    return Matcher(pattern, lambda word: stem(word) in lexemes)


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """The word's French Snowball stem, unaccented first as the index does."""
    return _french.stemWord(fold(word))


_french = snowballstemmer.stemmer("french")


def excerpt(standfirst: str, body: str, matcher: Matcher | None) -> SafeString:
    """The standfirst and body as plain text, around the first match: about `EXCERPT_CHARS`
    characters starting and ending on word boundaries, the match a third of the way in. With
    no match (a title matched), their first words."""
    text = " ".join(plain(f"{standfirst} {body}").split())
    first = next(matcher.matches(text), None) if matcher else None
    if first is None:
        return escape(Truncator(text).words(WORDS_WITHOUT_MATCH))
    start = text.rfind(" ", 0, max(0, first.start() - EXCERPT_CHARS // 3)) + 1
    end = text.find(" ", start + EXCERPT_CHARS)
    end = len(text) if end == -1 else end
    pieces, at = [], start
    for found in matcher.matches(text, start, end):
        pieces += [text[at : found.start()], START, found.group(), STOP]
        at = found.end()
    pieces.append(text[at:end])
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(escape(prefix) + marked_html("".join(pieces)) + escape(suffix))
