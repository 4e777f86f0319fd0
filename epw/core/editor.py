"""The rich-text editor, in the page's language, for editors and applicants alike.

django-prose-editor translates its dialogs through Django's JavaScript catalogue but names its
toolbar buttons and block types in English only; `EditorCatalog` serves its catalogue plus our
names for those (keyed by the English name), and js/editor-labels.js puts them in the toolbar.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.i18n import JavaScriptCatalog
from django_prose_editor.widgets import AdminProseEditorWidget, ProseEditorWidget
from js_asset import Media

HEADING_LEVELS = range(1, 7)


def toolbar_labels() -> dict[str, str]:
    labels = {
        "bold": _("Gras"),
        "italic": _("Italique"),
        "underline": _("Souligné"),
        "strike": _("Barré"),
        "subscript": _("Indice"),
        "superscript": _("Exposant"),
        "unordered list": _("Liste à puces"),
        "ordered list": _("Liste numérotée"),
        "blockquote": _("Citation"),
        "horizontal rule": _("Ligne de séparation"),
        "paragraph": _("Paragraphe"),
        "figure": _("Image"),
        "insert link": _("Insérer un lien"),
        "remove link": _("Retirer le lien"),
        "undo": _("Annuler"),
        "redo": _("Rétablir"),
        "edit HTML": _("Modifier le HTML"),
        "Code": _("Code"),
        "Code block": _("Bloc de code"),
        "Insert table": _("Insérer un tableau"),
        "Merge cells": _("Fusionner les cellules"),
        "Split cell": _("Scinder la cellule"),
        "Add column": _("Ajouter une colonne"),
        "Delete column": _("Supprimer la colonne"),
        "Add row": _("Ajouter une ligne"),
        "Delete row": _("Supprimer la ligne"),
        "Toggle header cell": _("Cellule d’en-tête ou non"),
        "Delete table": _("Supprimer le tableau"),
        "Insert": _("Insérer"),
        "Abbreviation": _("Abréviation"),
        "Expansion": _("Forme développée"),
        "Title of a work": _("Titre d’œuvre"),
        "Inline quotation": _("Citation dans le texte"),
        "Fine print": _("Petits caractères"),
        "Insertion": _("Ajout"),
        "Deletion": _("Suppression"),
        "Highlight": _("Surligner"),
        "Definition list": _("Liste de définitions"),
        "Table caption": _("Légende du tableau"),
        "HTML block": _("Bloc HTML"),
        "Edit HTML block": _("Modifier le bloc HTML"),
    }
    for level in HEADING_LEVELS:
        heading = _("Intertitre de niveau %(level)s") % {"level": level}
        labels[f"heading {level}"] = labels[f"Heading {level}"] = heading
    labels["Paragraph"] = labels["paragraph"]
    return labels | keyboard_labels()


def keyboard_labels() -> dict[str, str]:
    """The toolbar's name and the shortcuts listed under the editor (js/editor-keyboard.js),
    keyed by their French wording."""
    return {
        "Mise en forme": _("Mise en forme"),
        "Raccourcis clavier :": _("Raccourcis clavier :"),
        "Aller à la barre d’outils (Échap pour revenir au texte)": _(
            "Aller à la barre d’outils (Échap pour revenir au texte)"
        ),
        "Intertitre de niveau 2 (3 à 6 de même)": _("Intertitre de niveau 2 (3 à 6 de même)"),
        "Paragraphe": _("Paragraphe"),
        "Gras": _("Gras"),
        "Italique": _("Italique"),
        "Lien sur le texte choisi": _("Lien sur le texte choisi"),
        "Liste à puces": _("Liste à puces"),
        "Liste numérotée": _("Liste numérotée"),
        "Annuler": _("Annuler"),
    }


class EditorCatalog(JavaScriptCatalog):
    packages = ["django_prose_editor"]

    def get_catalog(self):
        return {**super().get_catalog(), **toolbar_labels()}


class EditorMediaMixin:
    """Load the catalogue (before the editor's deferred modules run), the label and keyboard
    scripts and the styles of our own nodes."""

    @property
    def media(self):
        catalogue = Media(js=[reverse("editor_i18n")])
        ours = Media(
            js=["js/editor-labels.js", "js/editor-keyboard.js"], css={"all": ["css/editor.css"]}
        )
        return catalogue + super().media + ours


class EditorWidget(EditorMediaMixin, ProseEditorWidget):
    pass


class AdminEditorWidget(EditorMediaMixin, AdminProseEditorWidget):
    pass
