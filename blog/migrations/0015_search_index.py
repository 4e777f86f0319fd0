"""Search that stays fast as the archive grows: tags, categories and authors searched too,
suggestions, and on SQLite an FTS5 index instead of scanning bodies (see blog.search.index).

PostgreSQL: the generated `search_vector` of migration 0002 is made again with the article's
`search_terms` (category, author and tag names) at weight B beside the standfirst, GIN-indexed
as before; pg_trgm indexes the lexicon of suggestions.

SQLite: an FTS5 table of folded plain text, and triggers that queue an article whenever its row
is inserted, its text or category changes, or it is deleted, whatever the path.

Both: every article is queued, so the first searches (or `manage.py search_reindex`) derive
the terms, the FTS5 rows and the lexicon. The caveat of 0002 stands: a later migration altering
title, standfirst, body or search_terms must drop `search_vector` and make it again.
"""

from django.contrib.postgres.operations import TrigramExtension
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
SQLITE_TRIGGERS = [
    "CREATE TRIGGER blog_article_search_insert AFTER INSERT ON blog_article BEGIN "
    "INSERT OR IGNORE INTO blog_searchqueue (article_id) VALUES (NEW.id); END",
    "CREATE TRIGGER blog_article_search_update "
    "AFTER UPDATE OF title, standfirst, body, category_id ON blog_article BEGIN "
    "INSERT OR IGNORE INTO blog_searchqueue (article_id) VALUES (NEW.id); END",
    "CREATE TRIGGER blog_article_search_delete AFTER DELETE ON blog_article BEGIN "
    "INSERT OR IGNORE INTO blog_searchqueue (article_id) VALUES (OLD.id); END",
]
QUEUE_ALL = "INSERT INTO blog_searchqueue (article_id) SELECT id FROM blog_article"


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        for statement in [*DROP_VECTOR, ADD_VECTOR, ADD_INDEX, ADD_WORD_INDEX]:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        for statement in [SQLITE_FTS, *SQLITE_TRIGGERS]:
            schema_editor.execute(statement)
    schema_editor.execute(QUEUE_ALL)


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS blog_searchword_trgm_idx")
        for statement in [*DROP_VECTOR, OLD_VECTOR_SQL, ADD_INDEX]:
            schema_editor.execute(statement)
    elif vendor == "sqlite":
        for name in ("insert", "update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS blog_article_search_{name}")
        schema_editor.execute("DROP TABLE IF EXISTS blog_search_fts")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0014_random_upload_names"),
    ]

    operations = [
        TrigramExtension(),  # a no-op on databases other than PostgreSQL
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
