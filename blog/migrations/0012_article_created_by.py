from datetime import timedelta

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# A revision saved this soon after the article's row is the one its creation made (the admin
# saves both in one transaction); a later first revision was someone else's edit.
CREATION_WINDOW = timedelta(minutes=1)


def fill_created_by(apps, schema_editor):
    """Who created each article, where its first revision says so."""
    Article = apps.get_model("blog", "Article")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Version = apps.get_model("reversion", "Version")
    content_type = ContentType.objects.filter(app_label="blog", model="article").first()
    if content_type is None:
        return
    first_versions = (
        Version.objects.filter(content_type=content_type, revision__user__isnull=False)
        .order_by("object_id", "revision__date_created", "pk")
        .values_list("object_id", "revision__user_id", "revision__date_created")
    )
    creators = {}
    for object_id, user_id, date_created in first_versions.iterator():
        creators.setdefault(object_id, (user_id, date_created))
    for article in Article.objects.filter(created_by__isnull=True).only("pk", "created_at"):
        user_id, date_created = creators.get(str(article.pk), (None, None))
        if user_id and date_created - article.created_at <= CREATION_WINDOW:
            Article.objects.filter(pk=article.pk).update(created_by_id=user_id)


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0011_autosave"),
        ("reversion", "0002_add_index_on_version_for_content_type_and_db"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="articles_created",
                to=settings.AUTH_USER_MODEL,
                verbose_name="créé par",
            ),
        ),
        migrations.RunPython(fill_created_by, migrations.RunPython.noop),
    ]
