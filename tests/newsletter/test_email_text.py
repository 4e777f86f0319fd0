"""What readers see in the newsletter's e-mails: plain text without HTML entities, paragraphs."""

import pytest
from django.utils import translation

from newsletter import emails
from tests.factories import ArticleFactory, EditionFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

ENTITIES = ["&amp;", "&#x27;", "&#39;", "&quot;", "&lt;", "&gt;", "&nbsp;"]


def assert_plain(text: str) -> None:
    assert not [entity for entity in ENTITIES if entity in text], text


def test_an_edition_subject_and_text_keep_ampersands_and_apostrophes():
    subject = '« Titres & « liens » » : l’été, c\'est "court"'
    edition = EditionFactory(subject=subject)
    edition.items.create(
        article=ArticleFactory(
            title="Tom & Jerry's guide",
            excerpt="",
            standfirst="",
            body="<p>Titres\xa0: l'été &amp; les liens</p>",
        ),
        position=1,
    )
    message = emails.EditionMessages(edition).for_subscriber(SubscriberFactory())
    assert message.subject == subject
    assert subject in message.body
    assert "Tom & Jerry's guide" in message.body
    assert "Titres\xa0: l'été & les liens" in message.body
    assert_plain(message.subject)
    assert_plain(message.body)
    html = message.alternatives[0][0]
    assert "Tom &amp; Jerry&#x27;s guide" in html
    assert "l&#x27;été &amp; les liens" in html and "&amp;amp;" not in html


@pytest.mark.parametrize("language", ["fr", "en"])
def test_signup_messages_keep_the_site_name_intact(settings, language):
    settings.EPW_SITE_NAME = "L'atelier & « Cie »"
    subscriber = SubscriberFactory()
    with translation.override(language):
        messages = [
            emails.confirmation_message(subscriber),
            emails.list_message("newsletter/email/welcome", subscriber),
            emails.list_message("newsletter/email/already_subscribed", subscriber),
        ]
    for message in messages:
        assert "L'atelier & « Cie »" in message.subject
        assert "L'atelier & « Cie »" in message.body
        assert_plain(message.subject)
        assert_plain(message.body)


def test_an_intro_typed_in_a_browser_is_split_into_paragraphs():
    edition = EditionFactory(intro="Bonjour !\r\n\r\nDeux articles.\r\nÀ lire.\r\n \r\nÀ bientôt.")
    edition.items.create(article=ArticleFactory(), position=1)
    message = emails.EditionMessages(edition).for_subscriber(SubscriberFactory())
    html = message.alternatives[0][0]
    assert ">Bonjour !</p>" in html
    assert ">Deux articles.<br>À lire.</p>" in html
    assert ">À bientôt.</p>" in html
    assert "\r" not in message.body
    assert "Bonjour !\n\nDeux articles.\nÀ lire.\n\nÀ bientôt." in message.body
