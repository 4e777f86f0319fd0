"""The admin's « Données personnelles » page: an editor types an address, reads or downloads
everything the site holds about it, and erases it after confirming.

Every step is a POST, so the address never lands in a URL, a server log or the history.
"""

from __future__ import annotations

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from epw.core.personal_data_access import SESSION_KEY, can_handle_personal_data
from epw.personal_data import InvalidAddress, address, personal_data_erase, personal_data_export


class AddressForm(forms.Form):
    email = forms.CharField(label=gettext_lazy("Adresse e-mail"), max_length=254)
    confirm = forms.BooleanField(
        label=gettext_lazy("Je confirme l’effacement définitif de ces données."), required=False
    )

    def clean_email(self) -> str:
        try:
            return address(self.cleaned_data["email"])
        except InvalidAddress as error:
            raise forms.ValidationError(str(error)) from None


def page(request: HttpRequest) -> HttpResponse:
    """For editors answering a request of access or erasure about one e-mail address."""
    if not can_handle_personal_data(request.user):
        raise PermissionDenied
    form = AddressForm(
        request.POST or None, initial={"email": request.session.pop(SESSION_KEY, "")}
    )
    export = None
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        step = request.POST.get("step")
        if step == "download":
            return _download(personal_data_export(email=email))
        if step == "erase":
            if form.cleaned_data["confirm"]:
                erasure = personal_data_erase(email=email, by=request.user)
                messages.success(request, "; ".join(erasure.lines()))
                return redirect("personal_data")
            form.add_error("confirm", _("Cochez la case pour confirmer l’effacement."))
        export = personal_data_export(email=email)
    elif request.method == "GET" and form.initial["email"]:
        export = personal_data_export(email=form.initial["email"])
    context = {
        **admin.site.each_context(request),
        "title": _("Données personnelles"),
        "form": form,
        "export": export,
        "summary": _summary(export) if export else [],
        "document": json.dumps(export, ensure_ascii=False, indent=2) if export else "",
    }
    return TemplateResponse(request, "admin/personal_data.html", context)


def _summary(export: dict) -> list[tuple[str, int]]:
    return [
        (_("Commentaires"), len(export["comments"])),
        (_("Abonnement à la lettre"), 1 if export["newsletter"] else 0),
        (_("Envois de la lettre"), len((export["newsletter"] or {}).get("deliveries", []))),
        (_("Propositions de chronique"), len(export["submissions"])),
        (_("Fichiers envoyés"), len(export["files"])),
        (_("Profils de contributeur"), len(export["contributor_profiles"])),
        (_("Comptes d’administration"), len(export["accounts"])),
        (_("Entrées de l’historique de l’admin"), len(export["admin_history"])),
        (_("Versions d’articles"), len(export["revisions"])),
        (_("Tâches de fond"), len(export["tasks"])),
    ]


def _download(export: dict) -> HttpResponse:
    response = HttpResponse(
        json.dumps(export, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="donnees-personnelles.json"'
    response["Cache-Control"] = "no-store"
    return response
