"""Admin page titles that read as French: « Ajouter un article », « Modifier l’image ».

Django builds its titles by pasting a model's name into one sentence for every model (« Ajout de
%s », « Sélectionnez l’objet %s à changer »), which cannot agree in French: the article depends
on the noun's gender and on its first letter. This module knows each model's gender and chooses
the sentence; English translations of every variant are the same sentence.
"""

from __future__ import annotations

from functools import partial

from django.utils.translation import gettext

MASCULINE, FEMININE, PLURAL = "m", "f", "pl"

# Every model in the admin, by the gender of its French name (`verbose_name`). A model missing
# here is taken as masculine; tests/epw/test_admin_french.py keeps the table complete.
GENDERS = {
    "auth.group": MASCULINE,
    "auth.user": MASCULINE,
    "axes.accessattempt": FEMININE,  # tentative de connexion
    "axes.accessfailurelog": MASCULINE,  # échec de connexion
    "axes.accesslog": FEMININE,  # connexion
    "blog.announcement": FEMININE,
    "blog.article": MASCULINE,
    "blog.audienceday": FEMININE,
    "blog.category": FEMININE,
    "blog.libraryimage": FEMININE,
    "blog.menu": MASCULINE,
    "blog.page": FEMININE,
    "blog.sitesettings": PLURAL,  # réglages du site
    "contributors.charterversion": FEMININE,
    "contributors.contributor": MASCULINE,
    "contributors.submission": FEMININE,
    "django_comments_xtd.xtdcomment": MASCULINE,
    "fediverse.block": MASCULINE,  # blocage
    "fediverse.delivery": MASCULINE,  # envoi
    "fediverse.follower": MASCULINE,  # abonné du fédivers
    "fediverse.incomingactivity": FEMININE,  # activité reçue
    "fediverse.localactor": MASCULINE,  # compte du blog sur le fédivers
    "fediverse.outgoingactivity": FEMININE,  # activité envoyée
    "fediverse.reaction": FEMININE,  # réaction du fédivers
    "fediverse.remoteactor": MASCULINE,  # compte distant
    "newsletter.edition": FEMININE,
    "newsletter.subscriber": MASCULINE,
    "otp_totp.totpdevice": FEMININE,  # application d’authentification
    "redirects.redirect": FEMININE,
    "sites.site": MASCULINE,
    "taggit.tag": FEMININE,
}

# "h" counts as mute: no model name starts with an aspirated one.
_ELIDING = tuple("aàâæeéèêëiîïoôœuùûüyh")


def _gender(opts) -> str:
    return GENDERS.get(opts.label_lower, MASCULINE)


def _form(opts) -> str:
    """The gender, with "l" where « le »/« la » elide: the key of the sentences below."""
    gender = _gender(opts)
    if gender != PLURAL and str(opts.verbose_name).lower().startswith(_ELIDING):
        return gender + "l"
    return gender


def add_title(opts) -> str:
    """« Ajouter un article », « Ajouter une image »."""
    sentence = {
        MASCULINE: gettext("Ajouter un %(name)s"),
        FEMININE: gettext("Ajouter une %(name)s"),
        PLURAL: gettext("Ajouter des %(name)s"),
    }[_gender(opts)]
    return sentence % {"name": opts.verbose_name}


def change_title(opts, *, can_change: bool = True) -> str:
    """« Modifier l’article », « Modifier la page », or « Consulter … » for a reader only."""
    if can_change:
        sentences = {
            MASCULINE: gettext("Modifier le %(name)s"),
            FEMININE: gettext("Modifier la %(name)s"),
            MASCULINE + "l": gettext("Modifier l’%(name)s"),
            FEMININE + "l": gettext("Modifier l’%(name)s"),
            PLURAL: gettext("Modifier les %(name)s"),
        }
    else:
        sentences = {
            MASCULINE: gettext("Consulter le %(name)s"),
            FEMININE: gettext("Consulter la %(name)s"),
            MASCULINE + "l": gettext("Consulter l’%(name)s"),
            FEMININE + "l": gettext("Consulter l’%(name)s"),
            PLURAL: gettext("Consulter les %(name)s"),
        }
    return sentences[_form(opts)] % {"name": opts.verbose_name}


def changelist_title(opts, *, can_change: bool = True, popup: bool = False) -> str:
    """« Choisir un article à modifier », « Choisir une image » (in a pop-up)."""
    gender = _gender(opts)
    if popup:
        sentences = {
            MASCULINE: gettext("Choisir un %(name)s"),
            FEMININE: gettext("Choisir une %(name)s"),
            PLURAL: gettext("Choisir des %(name)s"),
        }
    elif can_change:
        sentences = {
            MASCULINE: gettext("Choisir un %(name)s à modifier"),
            FEMININE: gettext("Choisir une %(name)s à modifier"),
            PLURAL: gettext("Choisir des %(name)s à modifier"),
        }
    else:
        sentences = {
            MASCULINE: gettext("Choisir un %(name)s à consulter"),
            FEMININE: gettext("Choisir une %(name)s à consulter"),
            PLURAL: gettext("Choisir des %(name)s à consulter"),
        }
    return sentences[gender] % {"name": opts.verbose_name}


# Django's titles of those pages (its msgids, which its catalogue translates) and ours in their
# place. A title a view chose itself (« Audience », reversion's « Rétablir … ») is kept.
REPLACED = {
    "Add %s": add_title,
    "Change %s": change_title,
    "View %s": partial(change_title, can_change=False),
    "Select %s to change": changelist_title,
    "Select %s to view": partial(changelist_title, can_change=False),
    "Select %s": partial(changelist_title, popup=True),
}


def retitle(context: dict) -> None:
    """Give a model admin page's context (change list, add or change form) its French title,
    in place of the one Django writes for every model alike."""
    opts = context.get("opts")
    title = str(context.get("title", ""))
    if opts is None or not title:
        return
    for django_title, ours in REPLACED.items():
        if title == gettext(django_title) % opts.verbose_name:
            context["title"] = ours(opts)
            return
