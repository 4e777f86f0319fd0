"""Article search: one entry point, whatever the database.

On PostgreSQL, real full-text search: the `french_unaccent` configuration (French stemming,
accents ignored), a weighted vector — title (A) > standfirst (B) > body without tags (C) —
parsed queries with `websearch_to_tsquery` (safe for any input), ranking, and highlighted
excerpts from `ts_headline`.

Why a PostgreSQL-only stored generated column (migration 0002) rather than a model field:
- the database keeps it current on every write path — save(), update(), bulk_create(), the
  WordPress import, raw SQL — with no trigger or Python code to forget, and it is backfilled
  when the migration adds it;
- ranking reads the stored vector instead of re-parsing every matching body, and the GIN index
  on it serves the `@@` filter;
- a `GeneratedField` would need its expression compiled on SQLite too (there is no
  `to_tsvector` there), and any mapped field would be fetched by every article query of the
  site, a few kilobytes per row for nothing. Unmapped, the column costs the other pages nothing
  and keeps `makemigrations` clean on both databases; `_SearchVectorColumn` reaches it.

On SQLite, a portable fallback: every word must appear in the title, standfirst or body,
ignoring case and accents (Python's `re` behind Django's REGEXP), title matches first, and an
excerpt cut around the first match in Python. A word matches from the start of a word of the
text, so its plurals and derived forms are found too (« titre » finds « titres »), never inside
a word nor in the body's markup; one-letter words and elided articles (l', qu'…) are ignored.

Excerpts are safe by construction: the text is made plain (tags stripped), split on markers
that cannot occur in it, each piece escaped, and only our own `<mark>` tags are added.
"""

import html
import re
import unicodedata
from collections.abc import Iterable

from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVectorField,
)
from django.db import connections
from django.db.models import (
    Case,
    Expression,
    F,
    Func,
    IntegerField,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Concat
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from blog.models import Article

MAX_QUERY_LENGTH = 200
MAX_WORDS = 10
CONFIG = "french_unaccent"
# ts_headline's highlight markers: private-use characters, removed from the text beforehand.
START, STOP = "\ue000", "\ue001"
TAG_PATTERN = r"""<("[^"]*"|'[^']*'|[^'">])*>"""
EXCERPT_CHARS = 240


def clean_query(raw: str) -> str:
    """Trim, drop control characters, collapse whitespace and cap what a reader typed."""
    printable = "".join(ch if ch.isprintable() else " " for ch in raw)
    return " ".join(printable.split())[:MAX_QUERY_LENGTH]


def search_articles(query: str) -> QuerySet[Article]:
    """Public articles matching the query, best first (title matches before the others)."""
    articles = Article.objects.published()
    if not re.search(r"\w", query):
        return articles.none()
    if connections[articles.db].vendor == "postgresql":
        return _postgresql_search(articles, query)
    return _fallback_search(articles, query)


def add_headlines(articles: Iterable[Article], query: str) -> list[Article]:
    """Give each found article a `search_headline`: safe HTML with the matches in <mark>."""
    articles = list(articles)
    pattern = _words_regex(query)
    for article in articles:
        raw = getattr(article, "headline_raw", None)
        if raw is not None:  # computed by PostgreSQL
            article.search_headline = _marked_html(raw, decode_entities=True)
        else:
            article.search_headline = _fallback_headline(article, pattern)
    return articles


# PostgreSQL ---------------------------------------------------------------------------------


class _SearchVectorColumn(Expression):
    """`blog_article.search_vector`, the generated column made by migration 0002."""

    output_field = SearchVectorField()

    def __init__(self, alias: str | None = None) -> None:
        super().__init__()
        self.alias = alias

    def resolve_expression(self, query=None, *args, **kwargs):
        return _SearchVectorColumn(query.get_initial_alias())

    def relabeled_clone(self, relabels):
        return _SearchVectorColumn(relabels.get(self.alias, self.alias))

    def get_group_by_cols(self):
        return [self]

    def as_sql(self, compiler, connection):
        table = compiler.quote_name_unless_alias(self.alias)
        return f"{table}.{connection.ops.quote_name('search_vector')}", []


def _plain_text(field: str) -> Func:
    """The field's text with tags stripped and the highlight markers removed, in SQL."""
    text = TextField()
    without_tags = Func(
        F(field),
        Value(TAG_PATTERN),
        Value(" "),
        Value("g"),
        function="regexp_replace",
        output_field=text,
    )
    return Func(
        without_tags, Value(START + STOP), Value(""), function="translate", output_field=text
    )


def _postgresql_search(articles: QuerySet[Article], query: str) -> QuerySet[Article]:
    tsquery = SearchQuery(query, config=CONFIG, search_type="websearch")
    title_only = Func(
        _SearchVectorColumn(),
        template="ts_filter(%(expressions)s, '{a}')",  # the title's lexemes only
        output_field=SearchVectorField(),
    )
    return (
        articles.alias(
            vector=_SearchVectorColumn(),
            title_vector=title_only,
            rank=SearchRank(_SearchVectorColumn(), tsquery),
        )
        .filter(vector=tsquery)
        .alias(in_title=Case(When(title_vector=tsquery, then=1), default=0))
        .annotate(
            headline_raw=SearchHeadline(
                Concat(
                    _plain_text("standfirst"),
                    Value(" "),
                    _plain_text("body"),
                    output_field=TextField(),
                ),
                tsquery,
                config=CONFIG,
                start_sel=START,
                stop_sel=STOP,
                max_words=35,
                min_words=15,
                max_fragments=2,
                fragment_delimiter=" … ",
            )
        )
        .for_listing()
        .order_by("-in_title", "-rank", "-published_at", "-pk")
    )


# SQLite (and any other database) ------------------------------------------------------------

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


def _fold(text: str) -> str:
    """Lower case, without accents or ligatures: « Œuvré » → « oeuvre »."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return plain.replace("œ", "oe").replace("æ", "ae")


# Elided words, « l' » or « jusqu' », dropped from queries like the one-letter ones.
_ELISION = re.compile(r"\b(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|quoiqu)['’]")
# Not within a tag: the next angle bracket is not a closing one (text `>` is stored as `&gt;`).
_OUTSIDE_TAGS = r"(?![^<>]*>)"


def _word_pattern(word: str) -> str:
    """A regular expression matching text words starting with the word, whatever its accents.

    Case is left to the flag; not preceded by a letter, nor by `&` (an entity like `&nbsp;`).
    """
    pattern = "".join(f"[{_FOLDS[ch]}]" if ch in _FOLDS else re.escape(ch) for ch in _fold(word))
    oe, ae = f"[{_FOLDS['o']}][{_FOLDS['e']}]", f"[{_FOLDS['a']}][{_FOLDS['e']}]"
    pattern = pattern.replace(oe, f"(?:{oe}|œ)").replace(ae, f"(?:{ae}|æ)")
    return rf"(?<![\w&]){pattern}"


def _words(query: str) -> list[str]:
    words = re.findall(r"\w+", _ELISION.sub(" ", _fold(query)))
    unique = dict.fromkeys(word for word in words if len(word) > 1)
    return list(unique)[:MAX_WORDS]


def _words_regex(query: str) -> re.Pattern[str] | None:
    """Whole words of a plain text starting with one of the query's words, to highlight."""
    patterns = [_word_pattern(word) for word in _words(query)]
    return re.compile(rf"(?:{'|'.join(patterns)})\w*", re.IGNORECASE) if patterns else None


def _fallback_search(articles: QuerySet[Article], query: str) -> QuerySet[Article]:
    patterns = [_word_pattern(word) for word in _words(query)]
    if not patterns:
        return articles.none()
    condition = Q()
    for pattern in patterns:
        condition &= (
            Q(title__iregex=pattern)
            | Q(standfirst__iregex=pattern)
            | Q(body__iregex=pattern + _OUTSIDE_TAGS)
        )
    title_hits = sum(
        (Case(When(title__iregex=p, then=1), default=0, output_field=IntegerField()))
        for p in patterns
    )
    return (
        articles.filter(condition)
        .alias(title_hits=title_hits)
        .for_listing()
        .defer(None)  # the excerpt is cut from the body
        .order_by("-title_hits", "-published_at", "-pk")
    )


def _fallback_headline(article: Article, pattern: re.Pattern[str] | None) -> SafeString:
    """The text around the first match in the standfirst or body, else the chapô."""
    text = " ".join(f"{_plain(article.standfirst)} {_plain(article.body)}".split())
    found = pattern.search(text) if pattern else None
    if found is None:
        return escape(Truncator(text).words(40))
    # Start and end on word boundaries, the match a third of the way in.
    start = text.rfind(" ", 0, max(0, found.start() - EXCERPT_CHARS // 3)) + 1
    end = text.find(" ", start + EXCERPT_CHARS)
    end = len(text) if end == -1 else end
    window = pattern.sub(lambda m: f"{START}{m.group()}{STOP}", text[start:end])
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(escape(prefix) + _marked_html(window) + escape(suffix))


def _plain(html_text: str) -> str:
    """Article HTML as plain text, without our highlight markers."""
    text = html.unescape(strip_tags(html_text))
    return text.replace(START, "").replace(STOP, "")


# Both ---------------------------------------------------------------------------------------


def _marked_html(text: str, *, decode_entities: bool = False) -> SafeString:
    """Escape every piece of text; only the markers become <mark> tags."""
    parts = []
    for piece in re.split(f"([{START}{STOP}])", text):
        if piece == START:
            parts.append("<mark>")
        elif piece == STOP:
            parts.append("</mark>")
        else:
            parts.append(escape(html.unescape(piece) if decode_entities else piece))
    return mark_safe("".join(parts))
