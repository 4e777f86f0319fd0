"""Public newsletter forms, the admin's CSV import form and its edition form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from epw.core.mail import normalise_address
from epw.core.public_forms import TimeTrapMixin
from epw.core.versioning import VersionedForm
from newsletter.consent import CONSENT_TEXT
from newsletter.models import Edition

SOURCES = ["page", "sidebar", "footer", "article"]


def blocked_domain(email: str) -> bool:
    domain = email.rpartition("@")[2]
    blocked = {name.lower() for name in settings.NEWSLETTER_BLOCKED_DOMAINS}
    parts = domain.split(".")
    return any(".".join(parts[i:]) in blocked for i in range(len(parts)))


class SubscriberEmailField(forms.EmailField):
    default_error_messages = {"invalid": _("Saisissez une adresse e-mail valide.")}

    def to_python(self, value):
        return normalise_address(super().to_python(value))

    def validate(self, value):
        super().validate(value)
        if value and any(char in value for char in "\r\n\x00"):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")


class SignupForm(TimeTrapMixin, forms.Form):
    email = SubscriberEmailField(
        label=_("Votre adresse e-mail"),
        max_length=254,
        error_messages={"required": _("Indiquez votre adresse e-mail.")},
    )
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Cochez la case pour accepter de recevoir la newsletter.")},
    )
    source = forms.CharField(required=False, max_length=20)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"]
        if blocked_domain(email):
            raise forms.ValidationError(
                _("Adresses jetables refusées : utilisez votre adresse habituelle."),
                code="blocked",
            )
        return email

    def clean_source(self) -> str:
        source = self.cleaned_data.get("source") or ""
        return source if source in SOURCES else "page"


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Fichier CSV"),
        help_text=_(
            "Une colonne « email » (ou l’adresse en première colonne) ; colonnes facultatives "
            "« consented_at » (date du consentement, 2024-12-31 10:00 ou 31/12/2024 10:00 ; "
            "vide : la date de l’import) et « source » (remplace, pour sa ligne, la provenance "
            "ci-dessous). Séparateur virgule, point-virgule ou tabulation ; encodage UTF-8 ou "
            "Windows-1252 (Excel)."
        ),
    )
    source = forms.CharField(
        label=_("Provenance du consentement"),
        max_length=50,
        help_text=_("Où et comment ces personnes ont accepté de recevoir la newsletter."),
    )


class EditionAdminForm(VersionedForm, forms.ModelForm):
    saved_by_message = _(
        "%(name)s a enregistré cette édition %(when)s pendant que vous la modifiiez."
    )
    saved_message = _("Quelqu’un d’autre a enregistré cette édition pendant que vous la modifiiez.")

    class Meta:
        model = Edition
        fields = ["subject", "intro"]
