from django.contrib.auth.models import AbstractBaseUser
from django.core.files import File

from blog.library.models import LibraryImage


def library_image_add(
    *,
    file: File,
    alt_text: str,
    caption: str = "",
    credit: str = "",
    by: AbstractBaseUser | None,
) -> LibraryImage:
    """Keep an upload already checked and re-encoded (see `LibraryImageForm`), crediting who
    sent it; the admin's add form and the editor's picker both end here."""
    return LibraryImage.objects.create(
        file=file, alt_text=alt_text, caption=caption, credit=credit, uploaded_by=by
    )
