"""The editorial groups: Rédaction en chef, Rédacteur, Modérateur (see blog/roles.py)."""

from django.db import migrations


def create_roles(apps, schema_editor):
    from blog.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("blog", "0003_article_publish_permission"),
        ("contributors", "0001_initial"),
        ("newsletter", "0001_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("django_comments", "0004_add_object_pk_is_removed_index"),
        ("django_comments_xtd", "0008_auto_20200920_2037"),
        ("redirects", "0002_alter_redirect_new_path_help_text"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
