"""Autosaves: each editor's scratch copy of the article form, so that nothing typed is lost.

The change page sends its fields a few seconds after each change and when it is left (see
js/admin-autosave.js, which also keeps a copy in the browser); reopening the article offers the
copy back. A real save of the form discards it. It is not a revision: nothing here touches the
article, its history or what readers see. Only the form's text-like fields are kept (never
files, nor the status), each within a size cap; nothing else is checked, it is a draft of a draft.
"""

from collections.abc import Mapping, Sequence

from django.contrib.auth.models import AbstractUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from blog import services
from blog.models import Article, Autosave

# The change form's inputs, by name (a date and time field is two inputs).
AUTOSAVED_FIELDS = (
    "title", "slug", "standfirst", "body", "authors", "category", "tags",
    "published_at_0", "published_at_1", "updated_at_0", "updated_at_1", "featured",
    "cover_alt", "cover_credit", "excerpt", "comments_open", "comments_close_after_days",
    "seo_title", "seo_description",
)  # fmt: skip
MULTIPLE_FIELDS = {"authors"}
BODY_MAX_LENGTH = 500_000
TEXT_MAX_LENGTH = 10_000
MULTIPLE_MAX_ITEMS = 200
ADD_PERMISSION = "blog.add_article"


class AutosaveRefused(Exception):
    """The copy cannot be kept: no right to edit the article, too long, or nothing in it."""


def autosave_editable(*, user: AbstractUser, article: Article | None) -> bool:
    """Whether `user` may keep a copy of this article's form (None: a new article)."""
    if article is None:
        return user.has_perm(ADD_PERMISSION)
    return user.has_perm(services.WRITE_PERMISSION) and services.article_editable_by(article, user)


def _text(value: str, limit: int) -> str:
    if len(value) > limit:
        message = _(
            "Texte trop long pour la sauvegarde automatique (%(limit)d caractères au plus)."
        )
        raise AutosaveRefused(message % {"limit": limit})
    # PostgreSQL's JSON cannot hold a NUL character; no form field needs one.
    return value.replace("\x00", "")


def autosave_data(fields: Mapping[str, Sequence[str]]) -> dict[str, str | list[str]]:
    """The copy to keep from the posted inputs (name → values): known names only, one value
    each (a list for the multiple ones), within the size caps."""
    data: dict[str, str | list[str]] = {}
    for name in AUTOSAVED_FIELDS:
        values = fields.get(name)
        if not values:
            continue
        if name in MULTIPLE_FIELDS:
            values = [value for value in values if value][:MULTIPLE_MAX_ITEMS]
            data[name] = [_text(value, 100) for value in values]
        else:
            limit = BODY_MAX_LENGTH if name == "body" else TEXT_MAX_LENGTH
            data[name] = _text(values[-1], limit)
    if not data:
        raise AutosaveRefused(_("Rien à enregistrer."))
    return data


@transaction.atomic
def autosave_store(
    *, user: AbstractUser, article: Article | None, fields: Mapping[str, Sequence[str]]
) -> Autosave:
    """Keep `user`'s copy of the article's form (None: the new article being written),
    replacing the previous one."""
    if not autosave_editable(user=user, article=article):
        raise AutosaveRefused(_("Vous n’avez pas le droit de modifier cet article."))
    autosave, _created = Autosave.objects.update_or_create(
        user=user,
        article=article,
        defaults={"data": autosave_data(fields), "saved_at": timezone.now()},
    )
    return autosave


def autosave_discard(*, user: AbstractUser, article: Article | None) -> None:
    """Forget `user`'s copy of the article's form: saved for real, or set aside."""
    Autosave.objects.filter(user=user, article=article).delete()


def autosave_of(*, user: AbstractUser, article: Article | None) -> Autosave | None:
    """`user`'s copy of the article's form, if there is one."""
    return Autosave.objects.filter(user=user, article=article).first()
