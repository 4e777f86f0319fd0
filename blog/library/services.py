from blog.library.forms import LibraryImageForm
from blog.library.models import LibraryImage


def library_image_add(form: LibraryImageForm, *, user) -> LibraryImage:
    """Keep a validated upload (already re-encoded by the form), crediting who sent it."""
    image = form.save(commit=False)
    image.uploaded_by = user
    image.save()
    return image
