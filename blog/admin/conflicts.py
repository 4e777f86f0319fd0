"""What someone else changed in an article while an editor had it open: the texts of the version
the editor loaded (found in the revisions, which store the version number with every field)
against the current ones, word by word."""

from reversion.models import Version

from blog import services
from blog.admin.revisions import FieldChange, field_changes
from blog.models import Article

# Enough for any realistic editing session; beyond, the detail is left out.
SEARCHED_REVISIONS = 200


def changes_since(article: Article, loaded: int | None) -> list[FieldChange] | None:
    """The texts changed since version `loaded` of the article, or None when its history does
    not know that version (an unknown version, or revisions older than the version numbers)."""
    if loaded is None:
        return None
    versions = Version.objects.get_for_object(article)[:SEARCHED_REVISIONS]
    # Bulk changes (tags, category) move the version without a revision; they leave the texts
    # as they are, so the last revision at or below `loaded` has the texts the editor loaded.
    before = next(
        (version.field_dict for version in versions if version.field_dict["version"] <= loaded),
        None,
    )
    if before is None:
        return None
    current = Article.objects.get(pk=article.pk)
    after = {name: getattr(current, name) for name in services.RESTORED_FIELDS}
    return field_changes(before, after)
