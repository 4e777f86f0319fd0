"""The public comment form: identity, text, reply target, and the anti-robot checks."""

from __future__ import annotations

import unicodedata

from django import forms
from django.conf import settings
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from django_comments.forms import CommentSecurityForm

from epw.core.public_forms import TimeTrapMixin

# Bidirectional embedding, override and isolate controls: they can disguise what a text says.
BIDI_CONTROLS = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
TEXT_CONTROLS_ALLOWED = {"\n", "\t"}
MAX_COMMENT_ID = 2**31 - 1  # comment ids are 32-bit integers; larger ones overflow the database
HIDDEN_FIELDS = ("timestamp", "security_hash", "content_type", "object_pk", "reply_to", "stamp")


def _has_invisible(value: str) -> bool:
    return any(unicodedata.category(char) in {"Cc", "Cf"} for char in value)


class TextField(forms.CharField):
    """A textarea's text with each line break stored as one LF.

    Browsers send a line break as CR LF but count it as one character against the textarea's
    maxlength: normalised before the length check, the limit means the same on both sides.
    """

    def to_python(self, value) -> str:
        return super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")


class CommentForm(TimeTrapMixin, CommentSecurityForm):
    """What a reader fills in under an article (the hidden fields prove it came from the page)."""

    name = forms.CharField(label=_("Nom"), max_length=50)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    url = forms.URLField(
        label=_("Site web"),
        max_length=200,
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
    )
    comment = TextField(
        label=_("Commentaire"),
        widget=forms.Textarea,
        max_length=settings.EPW_COMMENTS_MAX_LENGTH,
    )
    followup = forms.BooleanField(label=_("Me prévenir par e-mail des réponses"), required=False)
    remember = forms.BooleanField(
        label=_("Se souvenir de moi sur cet appareil (un cookie conserve nom, e-mail et site)"),
        required=False,
    )
    reply_to = forms.IntegerField(
        min_value=0,
        max_value=MAX_COMMENT_ID,
        required=False,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(
            ["invalid", "min_value", "max_value"],
            _(
                "Le commentaire auquel vous répondez est introuvable : "
                "rechargez l’article et recommencez."
            ),
        ),
    )
    error_messages = {
        "invisible": _("Ce champ contient des caractères invisibles ou de contrôle non autorisés."),
        "control": _("Le commentaire contient des caractères de contrôle non autorisés."),
        "expired": _("Le formulaire a expiré : envoyez votre commentaire à nouveau."),
        "tampered": _("Le formulaire a été modifié : rechargez la page et recommencez."),
    }

    def _identity(self, field: str) -> str:
        value = self.cleaned_data[field]
        if _has_invisible(value):
            raise forms.ValidationError(self.error_messages["invisible"], code="invisible")
        return value.strip()

    def clean_name(self) -> str:
        return self._identity("name")

    def clean_email(self) -> str:
        local, _at, domain = self._identity("email").rpartition("@")
        return f"{local}@{domain.lower()}"

    def clean_url(self) -> str:
        return self._identity("url")

    def clean_comment(self) -> str:
        value = self.cleaned_data["comment"]
        for char in value:
            if char in BIDI_CONTROLS or (
                unicodedata.category(char) == "Cc" and char not in TEXT_CONTROLS_ALLOWED
            ):
                raise forms.ValidationError(self.error_messages["control"], code="control")
        return value.strip()

    def clean_timestamp(self) -> int:
        try:
            return super().clean_timestamp()
        except forms.ValidationError:
            raise forms.ValidationError(self.error_messages["expired"], code="expired") from None

    def clean_security_hash(self) -> str:
        target = self.target_object
        if self.data.get("content_type") != str(target._meta) or self.data.get("object_pk") != str(
            target.pk
        ):
            raise forms.ValidationError(self.error_messages["tampered"], code="tampered")
        try:
            return super().clean_security_hash()
        except forms.ValidationError:
            raise forms.ValidationError(self.error_messages["tampered"], code="tampered") from None

    def security_errors(self) -> list[str]:
        """Errors of the hidden fields, shown at the top of the form: no field shows them."""
        return [message for name in HIDDEN_FIELDS for message in self.errors.get(name, [])]

    def has_field_errors(self) -> bool:
        """Whether a field the reader sees (and can correct) is flagged."""
        return any(name not in HIDDEN_FIELDS and name != "__all__" for name in self.errors)
