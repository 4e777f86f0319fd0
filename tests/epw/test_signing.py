"""One signing helper: one salt per purpose, one error convention, Django's token format."""

from datetime import timedelta

import pytest
import time_machine
from django.core import signing as django_signing
from django.utils import timezone

from epw.core import signing


def test_a_token_is_read_back_only_for_its_purpose():
    token = signing.sign("42.secret", purpose="contributors.status")
    assert signing.unsign(token, purpose="contributors.status", max_age=60) == "42.secret"
    with pytest.raises(signing.LinkInvalid):
        signing.unsign(token, purpose="contributors.confirm", max_age=60)
    with pytest.raises(signing.LinkInvalid):
        signing.unsign(token[:-1] + "x", purpose="contributors.status", max_age=60)


def test_an_old_token_is_expired_and_still_readable_without_a_maximum_age():
    token = signing.sign("7", purpose="comments.confirm")
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        with pytest.raises(signing.LinkExpired) as expired:
            signing.unsign(token, purpose="comments.confirm", max_age=3600)
        assert isinstance(expired.value, signing.LinkInvalid)
        assert signing.unsign(token, purpose="comments.confirm", max_age=None) == "7"


def test_links_already_sent_keep_working():
    timestamped = django_signing.TimestampSigner(salt="newsletter.confirm").sign("3.1700000000")
    lasting = django_signing.Signer(salt="newsletter.unsubscribe").sign("3.abcdef")
    cookie = django_signing.dumps("camille@example.org", salt="comments.proven-address")

    assert signing.unsign(timestamped, purpose="newsletter.confirm", max_age=60) == "3.1700000000"
    assert (
        signing.unsign(lasting, purpose="newsletter.unsubscribe", max_age=None, timestamped=False)
        == "3.abcdef"
    )
    assert (
        signing.unsign_object(cookie, purpose="comments.proven-address", max_age=60)
        == "camille@example.org"
    )
