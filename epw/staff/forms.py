"""The admin login form with its verification code, and the enrolment form."""

from __future__ import annotations

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from epw.staff.services import device_matching, has_confirmed_device


def _code_field(*, required: bool, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=_("Code de vérification"),
        required=required,
        help_text=help_text,
        max_length=8,
        strip=True,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": 8}
        ),
    )


class StaffLoginForm(AdminAuthenticationForm):
    """Username and password, plus the code of an authenticator app for staff who enrolled one."""

    otp_token = _code_field(
        required=False,
        help_text=_("Seulement si la double authentification est activée sur votre compte."),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "otp_required": _(
            "Ce compte est protégé par la double authentification : saisissez aussi le code "
            "affiché par votre application."
        ),
        "otp_invalid": _("Code de vérification incorrect ou expiré."),
    }

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if user is None or not has_confirmed_device(user):
            return cleaned_data
        token = cleaned_data.get("otp_token")
        if not token:
            raise forms.ValidationError(self.error_messages["otp_required"], code="otp_required")
        device = device_matching(user=user, token=token)
        if device is None:
            # A wrong code is a failed login: it counts toward the lockout like a wrong password.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned_data.get("username")},
                request=self.request,
            )
            raise forms.ValidationError(self.error_messages["otp_invalid"], code="otp_invalid")
        user.otp_device = device  # django_otp marks the session verified when it logs in
        return cleaned_data


class DeviceConfirmForm(forms.Form):
    name = forms.CharField(
        label=_("Nom de l’appareil"),
        max_length=64,
        initial=_("Téléphone"),
        help_text=_("Pour le reconnaître dans la liste, par exemple « Téléphone de Claire »."),
    )
    token = _code_field(required=True)
