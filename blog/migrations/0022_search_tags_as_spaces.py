"""SQLite: the full-text rows are derived again, now with a space where a tag was, so that the
words either side of a tag (« fin</p><h2>Début ») are two words, as in PostgreSQL's vector.
The queue is emptied by the next searches, or at once by `manage.py search_reindex`."""

from django.db import migrations


def queue_all(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(
            "INSERT OR IGNORE INTO blog_searchqueue (article_id) SELECT id FROM blog_article"
        )


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0021_search_vector_months"),
    ]

    operations = [
        migrations.RunPython(queue_all, migrations.RunPython.noop, elidable=True),
    ]
