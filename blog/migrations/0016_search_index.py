"""Search that stays fast as the archive grows: tags, categories and authors searched too,
suggestions, and on SQLite an FTS5 index instead of scanning bodies (see blog.search.index).

PostgreSQL: the generated `search_vector` of migration 0002 is made again with the article's
`search_terms` (category, author and tag names) at weight B beside the standfirst, GIN-indexed
as before; pg_trgm indexes the lexicon of suggestions.

SQLite: an FTS5 table of folded plain text.

Both: triggers that queue an article (`blog_searchqueue`) whenever its row is inserted, deleted
or changed in what is searched or decides whether it is public, or a tag or author link of it
is added or removed, whatever the path (ORM, bulk inserts, imports, raw SQL).

And every article is queued, so the first searches (or `manage.py search_reindex`) derive
the terms, the FTS5 rows and the lexicon. The caveat of 0002 stands: a later migration altering
title, standfirst, body or search_terms must drop `search_vector` and make it again.
"""

from django.db import migrations, models

CONFIG = "french_unaccent"

ADD_VECTOR = f"""
ALTER TABLE blog_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(standfirst, '')), 'B')
    || setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(search_terms, '')), 'B')
    || setweight(
        to_tsvector(
            '{CONFIG}'::regconfig,
            regexp_replace(coalesce(body, ''), '<("[^"]*"|''[^'']*''|[^''">])*>', ' ', 'g')
        ),
        'C'
    )
) STORED
"""
OLD_VECTOR_SQL = ADD_VECTOR.replace(
    f"    || setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(search_terms, '')), 'B')\n", ""
)
ADD_INDEX = (
    "CREATE INDEX blog_article_search_idx ON blog_article USING gin (search_vector) "
    "WITH (fastupdate = off)"
)
DROP_VECTOR = [
    "DROP INDEX IF EXISTS blog_article_search_idx",
    "ALTER TABLE blog_article DROP COLUMN IF EXISTS search_vector",
]
ADD_WORD_INDEX = (
    "CREATE INDEX blog_searchword_trgm_idx ON blog_searchword USING gin (word gin_trgm_ops)"
)

SQLITE_FTS = (
    "CREATE VIRTUAL TABLE blog_search_fts USING fts5("
    "title, extra, body, tokenize = 'unicode61 remove_diacritics 2')"
)
# What queues an article, on both databases: its row inserted, deleted, or changed in what is
# searched or decides whether it is public; a tag or author link added or removed.
WATCHED = "title, standfirst, body, category_id, status, published_at"
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER blog_search_{name} AFTER {event} ON {table} BEGIN "
    f"INSERT OR IGNORE INTO blog_searchqueue (article_id) VALUES ({row}); END"
    for name, event, table, row in [
        ("article_insert", "INSERT", "blog_article", "NEW.id"),
        ("article_update", f"UPDATE OF {WATCHED}", "blog_article", "NEW.id"),
        ("article_delete", "DELETE", "blog_article", "OLD.id"),
        ("tag_insert", "INSERT", "blog_taggedarticle", "NEW.content_object_id"),
        ("tag_delete", "DELETE", "blog_taggedarticle", "OLD.content_object_id"),
        ("author_insert", "INSERT", "blog_article_authors", "NEW.article_id"),
        ("author_delete", "DELETE", "blog_article_authors", "OLD.article_id"),
    ]
]
SQLITE_TRIGGER_NAMES = [
    f"blog_search_{kind}_{event}"
    for kind, events in [
        ("article", ("insert", "update", "delete")),
        ("tag", ("insert", "delete")),
        ("author", ("insert", "delete")),
    ]
    for event in events
]
PG_QUEUE_FUNCTION = """
CREATE FUNCTION blog_search_queue() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    row_data jsonb;
BEGIN
    IF TG_OP = 'DELETE' THEN row_data := to_jsonb(OLD); ELSE row_data := to_jsonb(NEW); END IF;
    INSERT INTO blog_searchqueue (article_id) VALUES ((row_data ->> TG_ARGV[0])::bigint)
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$
"""
PG_TRIGGERS = [
    f"CREATE TRIGGER blog_search_{table} AFTER {events} ON {table} "
    f"FOR EACH ROW EXECUTE FUNCTION blog_search_queue('{column}')"
    for table, events, column in [
        ("blog_article", f"INSERT OR DELETE OR UPDATE OF {WATCHED}", "id"),
        ("blog_taggedarticle", "INSERT OR DELETE", "content_object_id"),
        ("blog_article_authors", "INSERT OR DELETE", "article_id"),
    ]
]
QUEUE_ALL = "INSERT INTO blog_searchqueue (article_id) SELECT id FROM blog_article"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in [
            "CREATE EXTENSION IF NOT EXISTS pg_trgm",  # kept on the way back: others may use it
            *DROP_VECTOR,
            ADD_VECTOR,
            ADD_INDEX,
            ADD_WORD_INDEX,
            PG_QUEUE_FUNCTION,
            *PG_TRIGGERS,
        ]:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        for statement in [SQLITE_FTS, *SQLITE_TRIGGERS]:
            schema_editor.execute(statement)
    schema_editor.execute(QUEUE_ALL)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for table in ("blog_article", "blog_taggedarticle", "blog_article_authors"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS blog_search_{table} ON {table}")
        schema_editor.execute("DROP FUNCTION IF EXISTS blog_search_queue()")
        schema_editor.execute("DROP INDEX IF EXISTS blog_searchword_trgm_idx")
        for statement in [*DROP_VECTOR, OLD_VECTOR_SQL, ADD_INDEX]:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        for name in SQLITE_TRIGGER_NAMES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}")
        schema_editor.execute("DROP TABLE IF EXISTS blog_search_fts")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0015_listing_indexes"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="search_terms",
            field=models.TextField(blank=True, editable=False, verbose_name="termes de recherche"),
        ),
        migrations.CreateModel(
            name="SearchQueue",
            fields=[
                (
                    "article_id",
                    models.BigIntegerField(
                        primary_key=True, serialize=False, verbose_name="article"
                    ),
                ),
            ],
            options={
                "verbose_name": "article à réindexer",
                "verbose_name_plural": "articles à réindexer",
            },
        ),
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "word",
                    models.CharField(
                        max_length=60,
                        primary_key=True,
                        serialize=False,
                        verbose_name="mot sans accents",
                    ),
                ),
                ("display", models.CharField(max_length=60, verbose_name="mot tel qu’écrit")),
            ],
            options={"verbose_name": "mot du site", "verbose_name_plural": "mots du site"},
        ),
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
