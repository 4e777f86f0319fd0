"""Image validation shared by every upload: formats and the pixel cap, animations included."""

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from blog.images import MAX_PIXELS, clean_uploaded_image, validate_image
from tests.contributors.files import animated_gif_bytes


def test_an_animation_over_the_pixel_cap_through_its_frame_count_is_refused():
    width = height = 1000
    frames = MAX_PIXELS // (width * height) + 1  # each frame alone is far under the cap
    data = animated_gif_bytes(width, height, frames)
    assert len(data) < 2000
    with Image.open(BytesIO(data)) as image:
        assert image.n_frames == frames
    upload = SimpleUploadedFile("anim.gif", data, content_type="image/gif")
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(upload)
    assert error.value.messages == ["L’image est trop grande (plus de 40 millions de pixels)."]


def test_a_small_animation_is_accepted_and_stays_animated():
    output = BytesIO()
    frames = [Image.new("RGB", (20, 20), colour) for colour in ("red", "green", "blue")]
    frames[0].save(output, "GIF", save_all=True, append_images=frames[1:], duration=100)
    upload = SimpleUploadedFile("anim.gif", output.getvalue(), content_type="image/gif")
    validate_image(upload)
    cleaned = clean_uploaded_image(upload)
    with Image.open(BytesIO(cleaned.read())) as image:
        assert image.format == "GIF" and image.n_frames == 3


def test_an_image_whose_pixel_data_is_missing_is_refused_not_a_crash():
    upload = SimpleUploadedFile("anim.gif", animated_gif_bytes(10, 10, 2), content_type="image/gif")
    with pytest.raises(ValidationError) as error:
        clean_uploaded_image(upload)
    assert error.value.messages == ["Ce fichier n’est pas une image valide."]
