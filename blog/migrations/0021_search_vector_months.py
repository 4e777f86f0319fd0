"""Each article's search vector also holds its publication month and year, as lexemes that no
word can produce (`§m202611`, `§y2026`, in UTC), so that the GIN index can keep the matches of
the newest months without reading their rows (blog.search.newest).

The caveat of 0002 and 0016 stands, and now covers `published_at` too: a later migration
altering title, standfirst, body, search_terms or published_at must drop `search_vector` and
make it again.
"""

import importlib

from django.db import migrations

previous = importlib.import_module("blog.migrations.0016_search_index")

MONTH_AND_YEAR = """
    || CASE WHEN published_at IS NULL THEN ''::tsvector ELSE array_to_tsvector(ARRAY[
        '§m' || (date_part('year', published_at AT TIME ZONE 'UTC')::int * 100
                 + date_part('month', published_at AT TIME ZONE 'UTC')::int)::text,
        '§y' || date_part('year', published_at AT TIME ZONE 'UTC')::int::text
    ]) END
) STORED
"""
ADD_VECTOR = previous.ADD_VECTOR.replace("\n) STORED\n", MONTH_AND_YEAR)


def vector(add_vector: str):
    def make(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in [*previous.DROP_VECTOR, add_vector, previous.ADD_INDEX]:
                schema_editor.execute(statement)

    return make


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0020_french_admin_names"),
    ]

    operations = [
        migrations.RunPython(
            vector(ADD_VECTOR), vector(previous.ADD_VECTOR), elidable=False
        ),
    ]
