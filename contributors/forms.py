import re

from django import forms
from django.conf import settings
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django_prose_editor.fields import ProseEditorFormField

from blog.forms import CleanImageFieldsMixin
from blog.images import clean_uploaded_image
from contributors.converters import convert_upload, text_to_html
from contributors.drafts import sanitize_draft
from contributors.models import Contributor, Submission
from contributors.permissions import can_review
from epw.core.editor import EditorWidget
from epw.core.editor_schema import DRAFT_EXTENSIONS
from epw.core.public_forms import TimeTrapMixin

# The article toolbar without images: editors add a columnist's pictures themselves.
DRAFT_EDITOR_CONFIG = {"extensions": DRAFT_EXTENSIONS}


class ContributorAdminForm(CleanImageFieldsMixin, forms.ModelForm):
    image_fields = ("photo",)

    class Meta:
        model = Contributor
        fields = [
            "display_name", "slug", "kind", "user", "bio", "photo", "website", "mastodon",
            "linkedin",
        ]  # fmt: skip


class DescribedFieldsMixin:
    """Inputs point at their help text and error message (aria-describedby).

    A form sent back with errors cannot give the browser its files again: the file inputs
    that had one are listed in `dropped_files`, and the field template asks for them again.
    """

    dropped_files: frozenset[str] = frozenset()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._describe()

    def full_clean(self):
        super().full_clean()
        self._describe()

    def _describe(self):
        if self._errors:
            self.dropped_files = frozenset(
                name for name in self.fields if self.files.get(self.add_prefix(name))
            )
        for name, field in self.fields.items():
            ids = [f"help-{self.add_prefix(name)}"] if field.help_text else []
            if self._errors and name in self._errors:
                ids.append(f"error-{self.add_prefix(name)}")
                field.widget.attrs["aria-invalid"] = "true"
            if name in self.dropped_files:
                ids.append(f"dropped-{self.add_prefix(name)}")
            if ids:
                field.widget.attrs["aria-describedby"] = " ".join(ids)


# The editor always posts blocks; plain text (no JavaScript) may mention a <tag> in passing.
EDITOR_HTML = re.compile(
    r"\s*<(?:p|h[1-6]|ul|ol|dl|blockquote|pre|hr|div|figure|table)[\s/>]", re.I
)


def pasted_to_html(body: str) -> str:
    """The editor posts HTML; without JavaScript the textarea posts plain text, whose
    paragraphs (blank lines) and line breaks are kept."""
    if not EDITOR_HTML.match(body):
        body = text_to_html(body)
    return sanitize_draft(body)


class DraftMixin(forms.Form):
    """The draft, pasted in the editor or uploaded as a file (the file wins)."""

    body = ProseEditorFormField(
        label=_("Votre texte"),
        required=False,
        help_text=_("Collez votre texte ici, ou envoyez un fichier ci-dessous."),
        config=DRAFT_EDITOR_CONFIG,
        widget=EditorWidget,
    )
    draft_file = forms.FileField(
        label=_("… ou un fichier"),
        required=False,
        help_text=_("Formats .docx, .odt, .md ou .txt, %(max)s Mo au plus."),
        widget=forms.ClearableFileInput(attrs={"accept": ".docx,.odt,.md,.markdown,.txt"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        size = settings.EPW_SUBMISSION_MAX_UPLOAD_BYTES / (1024 * 1024)
        self.fields["draft_file"].help_text = self.fields["draft_file"].help_text % {
            "max": f"{size:g}"
        }

    def clean_draft_file(self):
        uploaded = self.cleaned_data.get("draft_file")
        if uploaded:
            self.converted_body = convert_upload(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if "draft_file" in self.errors:
            return cleaned
        body = getattr(self, "converted_body", None) or pasted_to_html(cleaned.get("body") or "")
        if not strip_tags(body).strip():
            self.add_error("body", _("Collez votre texte ou envoyez-le en fichier."))
        cleaned["draft_html"] = body
        return cleaned


def _one_line(value: str) -> str:
    return " ".join(value.split())


class ApplicationForm(DescribedFieldsMixin, TimeTrapMixin, DraftMixin, forms.Form):
    name = forms.CharField(label=_("Nom"), max_length=120)
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Nous vous y enverrons un lien à confirmer ; il ne sera jamais publié."),
    )
    bio = forms.CharField(
        label=_("Courte biographie"),
        max_length=1500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Quelques lignes, telles qu’elles paraîtraient sous vos articles."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG, WebP ou GIF, 10 Mo au plus."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}
        ),
    )
    website = forms.URLField(label=_("Site web"), required=False, max_length=200)
    mastodon = forms.URLField(label=_("Mastodon"), required=False, max_length=200)
    linkedin = forms.URLField(label=_("LinkedIn"), required=False, max_length=200)
    topics = forms.CharField(
        label=_("Sujets de prédilection"),
        required=False,
        max_length=300,
        help_text=_("Par exemple : référencement, newsletters, écriture inclusive."),
    )
    title = forms.CharField(label=_("Titre proposé"), max_length=200)
    standfirst = forms.CharField(
        label=_("Chapô"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Le paragraphe d’accroche, sous le titre."),
    )
    accept_charter = forms.BooleanField(label=_("J’ai lu et j’accepte la charte éditoriale"))
    accept_privacy = forms.BooleanField(
        label=_(
            "J’accepte que mes données servent à l’examen de ma proposition ; elles sont "
            "supprimées si elle n’est pas retenue."
        )
    )

    field_order = [
        "name", "email", "bio", "photo", "website", "mastodon", "linkedin", "topics", "title",
        "standfirst", "body", "draft_file", "accept_charter", "accept_privacy",
    ]  # fmt: skip

    def clean_name(self):
        return _one_line(self.cleaned_data["name"])

    def clean_title(self):
        return _one_line(self.cleaned_data["title"])

    def clean_topics(self):
        return _one_line(self.cleaned_data["topics"])

    def clean_email(self):
        return self.cleaned_data["email"].strip()

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            return clean_uploaded_image(photo)
        return None


class RevisionForm(DescribedFieldsMixin, TimeTrapMixin, DraftMixin, forms.Form):
    message = forms.CharField(
        label=_("Votre réponse"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    field_order = ["message", "body", "draft_file"]


class LostLinkForm(DescribedFieldsMixin, TimeTrapMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail"), max_length=254)


class SubmissionAdminForm(forms.ModelForm):
    """Admin: the editable part of a submission (its assignee); `editor` is who saves it."""

    editor = None

    class Meta:
        model = Submission
        fields = ["assigned_to"]

    def clean_assigned_to(self):
        assignee = self.cleaned_data.get("assigned_to")
        if "assigned_to" in self.changed_data and not can_review(self.editor):
            raise forms.ValidationError(
                _("Seuls les éditeurs qui relisent les propositions peuvent les assigner."),
                code="not_reviewer",
            )
        return assignee


class EditorMessageForm(forms.Form):
    """Admin: the message sent with a transition, prefilled from a template."""

    message = forms.CharField(
        label=_("Message au candidat"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 80}),
        help_text=_("Envoyé par e-mail avec le lien de suivi ; vide, le message type part."),
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Note interne"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 80}),
        help_text=_("Visible de la rédaction seulement."),
    )
