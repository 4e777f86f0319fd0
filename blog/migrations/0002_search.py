"""PostgreSQL full-text search: accent-insensitive French configuration, stored vector, GIN index.

Everything here is PostgreSQL-only and invisible to Django's model state (see blog/search.py for
why): on SQLite these operations do nothing and the article table is unchanged.

`blog_article.search_vector` is a stored generated column, so PostgreSQL itself keeps it current
on every write path (save(), update(), bulk_create(), imports, raw SQL) and fills it for existing
rows here. Caveat: PostgreSQL refuses to change the type of a column a generated column reads, so
a later migration altering title, standfirst or body must drop `search_vector` first and re-create
it (reuse ADD_VECTOR below).
"""

from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations

CONFIG = "french_unaccent"

CREATE_CONFIG = f"CREATE TEXT SEARCH CONFIGURATION {CONFIG} (COPY = french)"
MAP_UNACCENT = (
    f"ALTER TEXT SEARCH CONFIGURATION {CONFIG} "
    "ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem"
)
# Title (A) > standfirst (B) > body with its tags stripped (C).
ADD_VECTOR = f"""
ALTER TABLE blog_article ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(title, '')), 'A')
    || setweight(to_tsvector('{CONFIG}'::regconfig, coalesce(standfirst, '')), 'B')
    || setweight(
        to_tsvector(
            '{CONFIG}'::regconfig,
            regexp_replace(coalesce(body, ''), '<("[^"]*"|''[^'']*''|[^''">])*>', ' ', 'g')
        ),
        'C'
    )
) STORED
"""
# Articles are written rarely and searched often: no pending list, so reads never scan one.
ADD_INDEX = (
    "CREATE INDEX blog_article_search_idx ON blog_article USING gin (search_vector) "
    "WITH (fastupdate = off)"
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_ts_config WHERE cfgname = %s", [CONFIG])
        exists = cursor.fetchone() is not None
    if not exists:
        schema_editor.execute(CREATE_CONFIG)
    schema_editor.execute(MAP_UNACCENT)
    schema_editor.execute(ADD_VECTOR)
    schema_editor.execute(ADD_INDEX)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP INDEX IF EXISTS blog_article_search_idx")
    schema_editor.execute("ALTER TABLE blog_article DROP COLUMN IF EXISTS search_vector")
    schema_editor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0001_initial"),
    ]

    operations = [
        UnaccentExtension(),  # a no-op on databases other than PostgreSQL
        migrations.RunPython(forwards, backwards, elidable=False),
    ]
