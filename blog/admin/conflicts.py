"""What someone else changed in an article while an editor had it open: the texts of the version
the editor loaded (found in the revisions, which store the version number with every field)
against the current ones: texts word by word, and tags, category, authors and cover."""

from reversion.models import Version

from blog.admin.revisions import FieldChange, field_changes
from blog.models import Article
from blog.revisions import article_state, revision_state

# Enough for any realistic editing session; beyond, the detail is left out.
SEARCHED_REVISIONS = 200


def changes_since(article: Article, loaded: int | None) -> list[FieldChange] | None:
    """The fields changed since version `loaded` of the article, or None when its history does
    not know that version (an unknown version, or revisions older than the version numbers)."""
    if loaded is None:
        return None
    versions = Version.objects.get_for_object(article)[:SEARCHED_REVISIONS]
    # Bulk changes (tags, category) move the version without a revision: the last revision at or
    # below `loaded` has the texts the editor loaded, and a bulk change made just before they
    # opened the page shows among the changes.
    loaded_version = next(
        (version for version in versions if version.field_dict["version"] <= loaded), None
    )
    if loaded_version is None:
        return None
    current = Article.objects.get(pk=article.pk)
    return field_changes(revision_state(loaded_version), article_state(current))
