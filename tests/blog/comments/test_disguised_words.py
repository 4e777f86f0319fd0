"""Listed words are found however they are disguised, and plain French is left alone."""

import pytest
from django_comments_xtd.models import XtdComment

from blog.comments.rules import hold_reasons, spam_reasons
from blog.models import CommentModeration
from epw.core.folding import fold

State = CommentModeration.State
CYRILLIC_A, CYRILLIC_O = "\u0430", "\u043e"


def spam(text: str) -> list[str]:
    return spam_reasons(name="Camille", email="camille@example.org", url="", text=text, ip=None)


@pytest.mark.parametrize(
    "text",
    [
        "Achetez du v\u200biagra",  # zero-width space
        "Achetez du v\u200ci\u200da\u2060g\ufeffra",  # joiners, word joiner, BOM
        "Achetez du via\u00adgra",  # soft hyphen
        f"Achetez du vi{CYRILLIC_A}gr{CYRILLIC_A}",  # Cyrillic а
        "Achetez du \uff36\uff29\uff21\uff27\uff32\uff21",  # full-width letters
        "Achetez du \U0001d42f\U0001d422\U0001d41a\U0001d420\U0001d42b\U0001d41a",  # bold maths
        "Achetez du V\u0456AGRA",  # Ukrainian і, capitals
    ],
)
def test_a_disguised_disallowed_word_is_spam(settings, text):
    settings.EPW_COMMENTS_DISALLOWED_WORDS = ["viagra"]
    assert spam(text) == ["mots interdits : viagra"]


def test_a_listed_word_written_with_look_alike_letters_still_matches(settings):
    # The word list itself may hold a look-alike letter (pasted from elsewhere).
    settings.EPW_COMMENTS_MODERATION_WORDS = [f"pr{CYRILLIC_O}m{CYRILLIC_O}"]
    reasons = hold_reasons(name="Camille", url="", text="Grosse PROMO ce week-end")
    assert reasons == [f"mots à modérer : pr{CYRILLIC_O}m{CYRILLIC_O}"]


def test_casino_with_a_cyrillic_o_across_words(settings):
    settings.EPW_COMMENTS_DISALLOWED_WORDS = ["casino en ligne"]
    assert spam(f"Le meilleur cas\u200bin{CYRILLIC_O} en ligne")


@pytest.mark.parametrize(
    "text",
    [
        "Un café noir et un cœur léger : merci pour cet article, très juste.",
        "Le député a évoqué l’œuvre de Cézanne ; ça m’a ému, à vrai dire.",
        "Garçon, une crème brûlée ! Noël approche, et l’été est loin.",
    ],
)
def test_plain_french_with_accents_is_not_flagged(settings, text):
    settings.EPW_COMMENTS_DISALLOWED_WORDS = ["viagra", "cialis", "casino en ligne", "pute"]
    settings.EPW_COMMENTS_MODERATION_WORDS = ["promo", "cafe", "coeur"]
    assert spam(text) == []
    assert hold_reasons(name="Camille", url="", text=text) == []


def test_accented_letters_are_kept_as_they_are():
    assert fold("Café, CŒUR, député") == "café, cœur, député"


def test_a_disguised_word_posted_on_the_site_is_marked_as_spam(article, post_comment, settings):
    settings.EPW_COMMENTS_DISALLOWED_WORDS = ["viagra"]
    response = post_comment(article, comment=f"Du v\u200bi{CYRILLIC_A}gra pas cher ici.")
    assert response.status_code == 302
    assert XtdComment.norel_objects.get().moderation.state == State.SPAM
