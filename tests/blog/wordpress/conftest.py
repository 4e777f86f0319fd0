from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "ecrire-pour-le-web.xml"


@pytest.fixture
def media_dir(tmp_path):
    """A copy of wp-content/uploads with two of the three attached files (one is missing)."""
    root = tmp_path / "uploads"
    (root / "2021" / "03").mkdir(parents=True)
    (root / "2021" / "04").mkdir(parents=True)
    Image.new("RGB", (640, 427), "#c9b28f").save(root / "2021" / "03" / "plume.jpg")
    Image.new("RGB", (300, 200), "#2f4f4f").save(root / "2021" / "04" / "carnet.png")
    return root


@pytest.fixture
def run_import(tmp_path, media_dir):
    """Runs the command like an editor would; returns (stdout, report file text)."""

    def run(export: Path = EXPORT, *options: str, media: Path | None = media_dir):
        report = tmp_path / "rapport.txt"
        out, err = StringIO(), StringIO()
        arguments = [str(export), "--report", str(report), *options]
        if media is not None:
            arguments += ["--media-dir", str(media)]
        call_command("import_wordpress", *arguments, stdout=out, stderr=err)
        return out.getvalue(), report.read_text(encoding="utf-8")

    return run


@pytest.fixture(autouse=True)
def _own_media_root(settings, tmp_path):
    """Each import copies its files into a fresh media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def studio_media(tmp_path):
    """The blog's wp-content/uploads: three images, two episodes, an interview, a film."""
    folder = tmp_path / "studio" / "2023" / "01"
    folder.mkdir(parents=True)
    for name in ("manuscrit.jpg", "carnet.jpg", "crayon.png"):
        Image.new("RGB", (64, 43), "#c9b28f").save(folder / name)
    for name in ("episode-1.mp3", "episode-2.ogg", "entretien.wav", "film.mp4"):
        (folder / name).write_bytes(b"\x00" * 64)
    return folder.parents[1]
