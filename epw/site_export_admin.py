"""The admin's « Exporter le site » page: an editor starts an export, which a background task
writes to a private folder, then downloads the archive from this page.

The archive holds personal data (subscribers, applicants, commenters): only staff allowed to
answer personal data requests see the page or download an archive, and archives are never
served from the media address.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from epw.core.personal_data_access import can_handle_personal_data
from epw.site_export import default_output, exports_dir, site_export_run

ARCHIVE_NAME = re.compile(r"epw-export-\d{8}-\d{6}\.zip")


def page(request: HttpRequest) -> HttpResponse:
    """For editors taking the whole site away: WordPress export, all data and media files."""
    if not can_handle_personal_data(request.user):
        raise PermissionDenied
    if request.method == "POST":
        name = default_output().name
        transaction.on_commit(lambda: site_export_run.enqueue(name=name))
        messages.success(
            request,
            _("L’export {name} a commencé ; il apparaîtra ici une fois terminé.").format(name=name),
        )
        return redirect("site_export")
    context = {
        **admin.site.each_context(request),
        "title": _("Exporter le site"),
        "archives": _archives(),
        "running": _running(),
    }
    return TemplateResponse(request, "admin/site_export.html", context)


def download(request: HttpRequest, name: str) -> FileResponse:
    """One finished archive, as an attachment."""
    if not can_handle_personal_data(request.user):
        raise PermissionDenied
    path = exports_dir() / name
    if not ARCHIVE_NAME.fullmatch(name) or not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)


def _archives() -> list[dict]:
    folder = exports_dir()
    found = sorted(folder.glob("epw-export-*.zip"), reverse=True) if folder.is_dir() else []
    return [
        {
            "name": path.name,
            "size": path.stat().st_size,
            "created_at": datetime.fromtimestamp(path.stat().st_mtime, tz=UTC),
        }
        for path in found
        if ARCHIVE_NAME.fullmatch(path.name)
    ]


def _running() -> list[str]:
    folder = exports_dir()
    return (
        sorted(p.name.removesuffix(".partial") for p in folder.glob("*.zip.partial"))
        if folder.is_dir()
        else []
    )
