"""Hostile uploads cost a bounded slice of one worker: refused with a reason, never a 500,
never more memory or time than the conversion's limits, and every attempt counts."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from contributors import conversion, links
from contributors.converters import convert_upload
from contributors.drafts import sanitize_draft
from contributors.models import Submission
from tests.contributors import bombs
from tests.contributors.files import docx_bytes, upload
from tests.factories import SubmissionFactory

pytestmark = pytest.mark.django_db
URL = reverse("contributors:apply")
ROOT = Path(__file__).resolve().parents[2]


def refusal(client, data, name, content) -> str:
    """Send `content` as the draft of an otherwise complete application; the page it gets."""
    response = client.post(URL, {**data, "body": "", "draft_file": upload(name, content)})
    assert response.status_code == 200
    assert Submission.objects.count() == 0
    page = response.content.decode()
    # The rest of the form comes back filled; only the file has to be given again.
    assert 'value="Chloé Martin"' in page
    assert "Écrire une newsletter qu’on lit" in page
    assert 'id="dropped-draft_file"' in page
    return page


@pytest.mark.parametrize(
    ("name", "build", "message"),
    [
        (
            "bombe.docx",
            bombs.lying_docx_bytes,
            "Ce fichier est trop volumineux une fois décompressé",
        ),
        ("gros.odt", bombs.huge_odt_bytes, "Ce fichier est trop volumineux une fois décompressé"),
        (
            "bombe.docx",
            bombs.ratio_bomb_docx_bytes,
            "Ce fichier se décompresse en un volume anormal pour sa taille",
        ),
        (
            "objet.docx",
            bombs.nested_archive_docx_bytes,
            "Ce fichier contient une autre archive ou un objet incorporé",
        ),
    ],
    ids=["declared-sizes-lie", "honest-but-huge", "ratio", "nested-archive"],
)
def test_hostile_archives_are_refused_with_their_reason(
    client, charter, application_data, name, build, message
):
    assert message in refusal(client, application_data, name, build())


def test_a_member_lying_about_its_size_within_the_caps_is_refused_as_damaged(
    client, charter, application_data
):
    page = refusal(client, application_data, "menteur.docx", bombs.lying_docx_bytes(1))
    assert "Ce fichier n’a pas pu être lu" in page


def test_the_reason_is_given_in_english_too(client, charter, application_data):
    response = client.post(
        URL,
        {**application_data, "body": "", "draft_file": upload("b.docx", bombs.lying_docx_bytes())},
        headers={"accept-language": "en"},
    )
    assert "This file is too large once unpacked." in response.content.decode()
    assert Submission.objects.count() == 0


def test_converted_html_over_the_limit_is_refused_not_stored(
    client, charter, application_data, settings
):
    settings.EPW_SUBMISSION_MAX_HTML_BYTES = 100_000
    long_text = "\n\n".join(f"Paragraphe {n} d’un texte bien trop long." for n in range(5000))
    page = refusal(client, application_data, "long.md", long_text.encode())
    assert "Ce texte est trop long : une fois converti, il dépasse 0.095" in page


def test_a_conversion_out_of_memory_or_time_is_refused_with_a_message(
    client, charter, application_data, settings
):
    settings.EPW_SUBMISSION_CONVERSION_MEMORY_BYTES = 40 * 1024 * 1024
    page = refusal(client, application_data, "texte.docx", docx_bytes("Mon texte."))
    assert "Ce fichier demande trop de ressources pour être converti." in page


def test_refused_files_count_toward_the_application_limit(
    client, charter, application_data, settings
):
    settings.EPW_PUBLIC_FORM_LIMITS = {**settings.EPW_PUBLIC_FORM_LIMITS, "application": (3, 3600)}
    for _attempt in range(3):
        refusal(client, application_data, "bombe.docx", bombs.nested_archive_docx_bytes())
    response = client.post(
        URL, {**application_data, "draft_file": upload("texte.docx", docx_bytes("Mon texte."))}
    )
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "réessayez dans 60 minutes" in page
    assert 'value="Chloé Martin"' in page
    assert Submission.objects.count() == 0


def test_refused_files_count_toward_the_revision_limit(client, settings):
    settings.EPW_PUBLIC_FORM_LIMITS = {**settings.EPW_PUBLIC_FORM_LIMITS, "revision": (2, 3600)}
    submission = SubmissionFactory(status="changes")
    url = links.status_path(submission)
    for _attempt in range(2):
        refused = client.post(
            url, {"message": "Oups", "draft_file": upload("x.docx", bombs.lying_docx_bytes())}
        )
        assert refused.status_code == 200
    response = client.post(
        url,
        {"message": "Ma réponse", "draft_file": upload("x.docx", docx_bytes("Version deux."))},
    )
    assert response.status_code == 429
    assert "Ma réponse" in response.content.decode()
    assert submission.versions.count() == 1


MEASURE = """
import json, os, re, resource, sys
os.environ["DJANGO_SETTINGS_MODULE"] = "epw.test_settings"
import django
django.setup()
from django.core.exceptions import ValidationError
from contributors.converters import convert_upload
from tests.contributors import bombs
from tests.contributors.files import upload
hostile = upload("bombe.docx", bombs.lying_docx_bytes(int(sys.argv[1])))
try:
    convert_upload(hostile)
    outcome = "accepted"
except ValidationError as error:
    outcome = error.code
print(json.dumps({
    "outcome": outcome,
    # This process's own peak: ru_maxrss would also count the test runner it was started from.
    "self": int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read())[1]) // 1024,
    "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024,
}))
"""


def test_the_serving_process_stays_small_whatever_the_archive_declares():
    # 1.2 GB of zeros behind a declared 1 KB: a reader trusting the declaration used gigabytes.
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, "1200"],
        capture_output=True,
        cwd=ROOT,
        timeout=120,
        check=True,
        text=True,
    )
    figures = json.loads(result.stdout.splitlines()[-1])
    assert figures["outcome"] == "too_large"
    assert figures["self"] < 200, figures  # MB
    # A child's peak counts the parent's pages it started from; it stays near the parent's.
    assert figures["children"] < 256, figures


ORDINARY_MARKDOWN = """# Écrire « juste »

Un paragraphe avec **du gras**, *de l’italique* et [un lien](https://example.org/?a=1&b=2).

| Format | Titres |
| ------ | ------ |
| md     | oui    |

```
def bonjour():
    return "salut"
```
"""


@pytest.mark.parametrize(
    ("name", "kind", "data"),
    [
        ("riche.odt", "odt", (Path(__file__).parent / "fixtures/brouillon-riche.odt").read_bytes()),
        (
            "texte.docx",
            "docx",
            docx_bytes(("Heading1", "Titre"), "Un paragraphe « accentué »."),
        ),
        ("texte.md", "markdown", ORDINARY_MARKDOWN.encode()),
        ("texte.txt", "text", "Ligne un\nligne deux.\n\nÉté.".encode()),
    ],
)
def test_ordinary_drafts_convert_in_the_child_exactly_as_in_the_worker(name, kind, data):
    in_worker = sanitize_draft(conversion._convert(data, kind)).strip()
    assert in_worker
    assert convert_upload(upload(name, data)) == in_worker
