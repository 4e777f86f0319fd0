"""Keeping the search index right, whatever changed and however.

What is derived from an article, and where it lives:
- `Article.search_terms`: its category, author and tag names, searched with the standfirst;
- PostgreSQL: `blog_article.search_vector`, a stored generated column (migration 0015) over the
  title (weight A), standfirst and search terms (B), body without markup (C), GIN-indexed. The
  database recomputes it on every write of the row, by any path;
- SQLite: `blog_search_fts`, an FTS5 table (`unicode61 remove_diacritics 2`) holding the folded
  plain text of every article (rowid = article id), written only here;
- both: `SearchWord`, the words of the public articles, for « Vouliez-vous dire … ? ».

Who says an article must be derived again (`SearchQueue`): triggers (migration 0015), on both
databases, when an article row is inserted, deleted or changed in its text, category, status or
date, and when a tag or author link is added or removed — whatever the path: save(), update(),
bulk inserts, the admin, the services, the WordPress import, raw SQL; and the receivers below,
when a tag, category or contributor is renamed or deleted. The queue is emptied by
`search_index_catch_up()`, run before each search that the cache does not answer, so a reader
never searches a stale index (on PostgreSQL the search statement itself says whether work is
waiting, and runs again once it is done: `blog.search.query.rank`); `manage.py search_reindex`
derives every article again.

The receivers only queue (the ids read, one INSERT): the derivation itself, which reads the
article's relations, runs later and in batches.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from django.core.cache import cache
from django.db import connections, router, transaction
from django.db.models.signals import post_save, pre_delete
from django.utils import timezone
from taggit.models import Tag

from blog.freshness import current_generation
from blog.models import Article, Category
from blog.search.models import SearchQueue, SearchWord
from blog.search.text import fold, lexicon_words, plain

FTS_TABLE = "blog_search_fts"
LAST_LOOK_KEY = "epw:search:gone-live-until:v2"
# Articles derived per search at most (a few edits' worth: a reader never waits long), and per
# step of a rebuild.
CATCH_UP = 100
BATCH = 500


def queue_articles(article_ids: Iterable[int]) -> None:
    """Ask for these articles' search data to be derived again."""
    rows = [SearchQueue(article_id=pk) for pk in set(article_ids) if pk is not None]
    if rows:
        SearchQueue.objects.bulk_create(rows, ignore_conflicts=True)


def search_index_catch_up(limit: int = CATCH_UP) -> int:
    """Derive the queued articles (at most `limit`); return how many were taken."""
    queue_gone_live()
    db = router.db_for_write(SearchQueue)
    if not SearchQueue.objects.using(db).exists():
        return 0
    with transaction.atomic(using=db), connections[db].cursor() as cursor:
        # Taken out first: a change committed meanwhile queues its article again.
        cursor.execute(
            "DELETE FROM blog_searchqueue WHERE article_id IN "
            "(SELECT article_id FROM blog_searchqueue LIMIT %s) RETURNING article_id",
            [limit],
        )
        ids = [row[0] for row in cursor.fetchall()]
        reindex_articles(ids, using=db)
    return len(ids)


def queue_gone_live() -> None:
    """Queue the scheduled articles whose time came since the last look: the lexicon takes the
    words of public articles only, so theirs were left out when they were last derived. An
    article going live moves the site generation as readers see it (`blog.freshness`), so the
    articles are looked at once per generation. When the last look is forgotten (a cache
    emptied), the past day is looked at again."""
    generation, _ = current_generation()
    last = cache.get(LAST_LOOK_KEY)
    if last is not None and last[0] == generation:
        return
    now = timezone.now()
    since = datetime.fromtimestamp(last[1], tz=UTC) if last else now - timedelta(days=1)
    live = [Article.Status.PUBLISHED, Article.Status.SCHEDULED]
    queue_articles(
        Article.objects.filter(
            status__in=live, published_at__gt=since, published_at__lte=now
        ).values_list("pk", flat=True)
    )
    cache.set(LAST_LOOK_KEY, (generation, now.timestamp()), None)


def search_index_rebuild() -> int:
    """Derive every article again and rebuild the lexicon; return the number of articles."""
    SearchWord.objects.all().delete()
    queue_articles(Article.objects.values_list("pk", flat=True).iterator())
    total = 0
    while taken := search_index_catch_up(BATCH):
        total += taken
    return total


def reindex_articles(ids: list[int], *, using: str = "default") -> None:
    """Derive the search terms, the SQLite full-text rows and the lexicon of these articles."""
    articles = list(
        Article.objects.using(using)
        .filter(pk__in=ids)
        .select_related("category")
        .prefetch_related("authors", "tags")
        .only(
            "title",
            "standfirst",
            "body",
            "search_terms",
            "status",
            "published_at",
            "category__name",
        )
    )
    changed = []
    for article in articles:
        terms = search_terms_of(article)
        if terms != article.search_terms:
            article.search_terms = terms
            changed.append(article)
    Article.objects.using(using).bulk_update(changed, ["search_terms"], batch_size=500)
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [[pk] for pk in ids])
            cursor.executemany(
                f"INSERT INTO {FTS_TABLE} (rowid, title, extra, body) VALUES (%s, %s, %s, %s)",
                [
                    [
                        a.pk,
                        fold(a.title),
                        fold(f"{plain(a.standfirst)} {a.search_terms}"),
                        fold(plain(a.body)),
                    ]
                    for a in articles
                ],
            )
    words: dict[str, str] = {}
    now = timezone.now()
    for article in articles:
        public = article.status in (Article.Status.PUBLISHED, Article.Status.SCHEDULED)
        if public and article.published_at and article.published_at <= now:
            words.update(
                lexicon_words(
                    f"{article.title} {plain(article.standfirst)} {article.search_terms} "
                    f"{plain(article.body)}"
                )
            )
    SearchWord.objects.using(using).bulk_create(
        [SearchWord(word=word, display=display) for word, display in words.items()],
        ignore_conflicts=True,
        batch_size=1000,
    )


def search_terms_of(article: Article) -> str:
    """Category, author and tag names: what the standfirst is searched with (weight B)."""
    names = [article.category.name] if article.category else []
    names += [author.display_name for author in article.authors.all()]
    names += [tag.name for tag in article.tags.all()]
    return " ".join(names)


# Receivers ------------------------------------------------------------------------------------


def _named_changed(lookup: str):
    def receiver(sender, instance, raw=False, **kwargs):
        if not raw and instance.pk:
            pks = Article.objects.filter(**{lookup: instance.pk}).values_list("pk", flat=True)
            queue_articles(pks)

    return receiver


_category_changed = _named_changed("category")
_tag_changed = _named_changed("tagged_items__tag")
_contributor_changed = _named_changed("authors")


def connect() -> None:
    """Connect the receivers that keep the search data right (called once, at start-up)."""
    for sender, receiver in (
        (Category, _category_changed),
        (Tag, _tag_changed),
        ("contributors.Contributor", _contributor_changed),
    ):
        post_save.connect(receiver, sender=sender, dispatch_uid=f"search_save_{sender}")
        pre_delete.connect(receiver, sender=sender, dispatch_uid=f"search_delete_{sender}")
