"""What a revision of an article holds, read back field by field, and what of it can come back.

django-reversion stores the article's columns: its texts, the cover's file name, the category's
key and the authors' keys. Tags are links through blog.TaggedArticle, which Django's serialiser
leaves out of the article: every revision follows those links, each stored with its tag's name,
so that a tag renamed or deleted since comes back under the name it had.

A revision saved before tags were recorded says nothing about them; those revisions also predate
`created_by`, added at the same time, which is how they are told apart from a revision of an
article that had no tags.
"""

import json
from dataclasses import dataclass, field

from django.contrib.admin.models import DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils.translation import gettext as _
from reversion.models import Version

from blog.models import Article, Category, TaggedArticle
from epw.core.collation import sort_key

TEXT_FIELDS = (
    "title", "standfirst", "body", "excerpt", "cover_alt", "cover_credit",
    "seo_title", "seo_description",
)  # fmt: skip
COVER_TEXTS = ("cover_alt", "cover_credit")
RELATION_FIELDS = ("cover", "category", "authors", "tags")
RESTORED_FIELDS = TEXT_FIELDS + RELATION_FIELDS


def article_state(article: Article) -> dict:
    """The restorable fields of the article as it is now, in the shape of `revision_state`."""
    return {
        **{name: getattr(article, name) or "" for name in TEXT_FIELDS},
        "cover": article.cover.name or "",
        "category": article.category_id,
        "authors": sorted(article.authors.values_list("pk", flat=True)),
        "tags": sorted(article.tags.names(), key=sort_key),
    }


def revision_state(version: Version) -> dict:
    """The restorable fields as this revision of an article holds them; a field it does not
    hold (the tags of an old revision) is absent."""
    fields = version.field_dict
    state = {name: fields[name] or "" for name in TEXT_FIELDS if name in fields}
    state.update(
        cover=getattr(fields.get("cover"), "name", "") or "",
        category=fields.get("category_id"),
        authors=sorted(int(pk) for pk in fields.get("authors", [])),
    )
    tags = _revision_tags(version)
    if tags is not None:
        state["tags"] = tags
    return state


def _revision_tags(version: Version) -> list[str] | None:
    if "created_by" not in json.loads(version.serialized_data)[0]["fields"]:
        return None
    links = version.revision.version_set.filter(
        content_type=ContentType.objects.get_for_model(TaggedArticle)
    )
    names = []
    for link in links:
        # Read as stored: deserialising would look the tag up, and it may be gone.
        fields = json.loads(link.serialized_data)[0]["fields"]
        if str(fields["content_object"]) == version.object_id:
            names.append(fields["tag"][0])
    return sorted(names, key=sort_key)


@dataclass
class Restorable:
    """What restoring a revision would bring back (`state`, by field) and, in `gaps`, what it
    cannot, said for the editor."""

    state: dict
    cover_size: tuple[int | None, int | None] = (None, None)
    gaps: list[str] = field(default_factory=list)


def restorable(article: Article, version: Version) -> Restorable:
    """Which of the revision's fields can come back today: a category or author deleted since
    cannot, nor a cover whose file has left the storage (its alt text and credit then stay with
    the current cover)."""
    state = revision_state(version)
    current = article_state(article)
    fields = version.field_dict
    size = (fields.get("cover_width"), fields.get("cover_height"))
    result = Restorable(state=state, cover_size=size)
    cover = state["cover"]
    if cover and cover != current["cover"] and not article.cover.storage.exists(cover):
        for name in ("cover", *COVER_TEXTS):
            state[name] = current[name]
        result.gaps.append(
            _("Le fichier de la couverture « %(name)s » n’existe plus : la couverture actuelle "
              "et son texte alternatif restent en place.") % {"name": cover}
        )  # fmt: skip
    if state["category"] is not None and not Category.objects.filter(pk=state["category"]).exists():
        result.gaps.append(
            _("La catégorie « %(name)s » a été supprimée depuis : l’article garde sa catégorie "
              "actuelle.") % {"name": deleted_name(Category, state["category"])}
        )  # fmt: skip
        state["category"] = current["category"]
    authors = author_model().objects.filter(pk__in=state["authors"])
    existing = set(authors.values_list("pk", flat=True))
    for pk in state["authors"]:
        if pk not in existing:
            result.gaps.append(
                _("L’auteur « %(name)s » a été supprimé depuis : il ne peut pas être rétabli.")
                % {"name": deleted_name(author_model(), pk)}
            )
    state["authors"] = sorted(existing) or current["authors"]
    if "tags" not in state:
        result.gaps.append(
            _("Cette version est antérieure à l’enregistrement des étiquettes : l’article garde "
              "ses étiquettes actuelles.")
        )  # fmt: skip
        state["tags"] = current["tags"]
    return result


def author_model() -> type[Model]:
    """The model of the authors' profiles, which belongs to an app above the blog: reached
    through the relation, never imported."""
    return Article.authors.rel.model


def deleted_name(model, pk) -> str:
    """The name an object had when it was deleted in the admin (its history keeps it)."""
    entry = (
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=str(pk),
            action_flag=DELETION,
        )
        .order_by("-action_time")
        .first()
    )
    return entry.object_repr if entry else _("n° %(pk)s") % {"pk": pk}
