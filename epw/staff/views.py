"""The « Double authentification » page of the admin: one's own authenticator apps."""

from __future__ import annotations

from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib import admin, messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from epw.staff import services
from epw.staff.forms import DeviceConfirmForm


@require_http_methods(["GET", "POST"])
def second_factor(request):
    """For every staff member: enrol an authenticator app, confirm it with a code, remove one."""
    required = services.second_factor_required()
    pending = services.totp_device_pending(user=request.user)
    form = DeviceConfirmForm()
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "start":
                services.totp_device_start(user=request.user)
                return redirect("admin:second_factor")
            if action == "remove":
                pk = request.POST.get("device", "")
                if not pk.isdigit():
                    raise Http404
                device = get_object_or_404(TOTPDevice, pk=pk, user=request.user)
                services.totp_device_remove(device=device, by=request.user, required=required)
                removed = _("L’appareil « %(name)s » est retiré.") % {"name": device.name}
                messages.success(request, removed)
                return redirect("admin:second_factor")
            if action == "confirm" and pending is not None:
                form = DeviceConfirmForm(request.POST)
                if form.is_valid():
                    device = services.totp_device_confirm(
                        device=pending,
                        token=form.cleaned_data["token"],
                        name=form.cleaned_data["name"],
                    )
                    otp_login(request, device)  # the code just given verifies this session
                    messages.success(
                        request,
                        _("Double authentification activée : chaque connexion demandera un code."),
                    )
                    return redirect("admin:second_factor")
        except services.SecondFactorError as error:
            if action == "confirm":
                form.add_error("token", str(error))
            else:
                messages.error(request, str(error))
    context = {
        **admin.site.each_context(request),
        "title": _("Double authentification"),
        "devices": TOTPDevice.objects.filter(user=request.user, confirmed=True).order_by("pk"),
        "pending": pending,
        "secret": _grouped_secret(pending) if pending else "",
        "qr_code": _qr_code(pending.config_url) if pending else "",
        "form": form,
        "required": required,
    }
    return TemplateResponse(request, "admin/second_factor.html", context)


def _grouped_secret(device: TOTPDevice) -> str:
    """The secret as people type it into an app: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _qr_code(uri: str) -> str:
    """The provisioning address as an inline SVG picture (no script, no outside request)."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    svg = image.to_string(encoding="unicode")
    # Built here from our own address, nothing a visitor typed: safe to insert as markup.
    return mark_safe(svg)
