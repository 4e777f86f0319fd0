"""Uploaded drafts → sanitised HTML.

A web worker never opens an uploaded file itself: a few hundred kilobytes of .docx may inflate
to gigabytes, or keep a parser busy for minutes. It checks the size and the extension, then
hands the bytes to contributors.conversion in a child process with bounded memory, CPU and
wall-clock time (epw.core.sandbox), and sanitises the HTML that comes back. Whatever stops a
file, the applicant reads why, in their language.
"""

from __future__ import annotations

from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from contributors.conversion import text_to_html
from contributors.drafts import sanitize_draft
from epw.core import sandbox

__all__ = ["convert_upload", "text_to_html"]

CONVERTER = "contributors.conversion:convert_file"
EXTENSIONS = {".docx": "docx", ".odt": "odt", ".md": "markdown", ".markdown": "markdown",
              ".txt": "text"}  # fmt: skip
MB = 1024 * 1024
UNREADABLE = _("Ce fichier n’a pas pu être lu : vérifiez qu’il n’est pas endommagé.")
REFUSALS = {
    "bad_format": _("Format non reconnu : envoyez un fichier .docx, .odt, .md ou .txt."),
    "unreadable": UNREADABLE,
    "damaged": UNREADABLE,
    "abnormal": _(
        "Ce fichier n’est pas construit comme un document ordinaire : enregistrez-le de "
        "nouveau depuis votre traitement de texte."
    ),
    "too_large": _("Ce fichier est trop volumineux une fois décompressé."),
    "ratio": _("Ce fichier se décompresse en un volume anormal pour sa taille."),
    "nested": _(
        "Ce fichier contient une autre archive ou un objet incorporé : enregistrez-le sans "
        "objet incorporé, ou collez votre texte."
    ),
    "html_too_large": _("Ce texte est trop long : une fois converti, il dépasse %(max)s Mo."),
    "too_costly": _("Ce fichier demande trop de ressources pour être converti."),
}


def convert_upload(uploaded) -> str:
    """Check and convert an uploaded draft; raise ValidationError with a French message."""
    limit = settings.EPW_SUBMISSION_MAX_UPLOAD_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Le fichier dépasse %(max)s Mo.") % {"max": f"{limit / MB:g}"}, code="too_large"
        )
    expected = EXTENSIONS.get(PurePath(uploaded.name or "").suffix.lower())
    if expected is None:
        raise _refusal("bad_format")
    uploaded.seek(0)
    data = uploaded.read(limit + 1)
    limits = sandbox.Limits(
        memory_bytes=settings.EPW_SUBMISSION_CONVERSION_MEMORY_BYTES,
        cpu_seconds=settings.EPW_SUBMISSION_CONVERSION_CPU_SECONDS,
        wall_seconds=settings.EPW_SUBMISSION_CONVERSION_TIMEOUT,
    )
    kwargs = {
        "expected": expected,
        "max_unpacked_bytes": settings.EPW_SUBMISSION_MAX_UNPACKED_BYTES,
        "max_html_bytes": settings.EPW_SUBMISSION_MAX_HTML_BYTES,
    }
    try:
        body = sandbox.run(CONVERTER, data, kwargs=kwargs, limits=limits)
    except sandbox.Refused as refusal:
        raise _refusal(refusal.code) from refusal
    except sandbox.TooCostly:
        raise _refusal("too_costly") from None
    except sandbox.Failed:
        raise _refusal("unreadable") from None
    body = sanitize_draft(body).strip()
    if not body:
        raise ValidationError(_("Ce fichier ne contient pas de texte."), code="empty")
    return body


def _refusal(code: str) -> ValidationError:
    message = REFUSALS.get(code, UNREADABLE)
    if code == "html_too_large":
        message = message % {"max": f"{settings.EPW_SUBMISSION_MAX_HTML_BYTES / MB:g}"}
    return ValidationError(message, code=code)
