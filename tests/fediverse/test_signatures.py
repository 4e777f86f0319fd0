"""HTTP signatures as Mastodon makes and checks them."""

from datetime import UTC, datetime, timedelta

import pytest

from fediverse import signatures

BODY = b'{"type":"Follow"}'


@pytest.fixture(scope="module")
def keys():
    return signatures.new_key_pair()


def _signed(keys, *, body=BODY, at=None):
    private, _ = keys
    return signatures.sign(
        method="POST",
        path="/fediverse/inbox",
        host="blog.example.org",
        key_id="https://social.example/users/ana#main-key",
        private_key_pem=private,
        body=body,
        at=at,
    )


def _verify(keys, headers, *, body=BODY, path="/fediverse/inbox", now=None):
    _, public = keys
    request_headers = {"Host": "blog.example.org", **headers}
    signatures.verify(
        signature=signatures.parse(headers["Signature"]),
        method="POST",
        path=path,
        headers=request_headers,
        public_key_pem=public,
        body=body,
        now=now,
    )


def test_a_signed_post_verifies_and_names_its_key(keys):
    headers = _signed(keys)
    _verify(keys, headers)
    parsed = signatures.parse(headers["Signature"])
    assert parsed.key_id == "https://social.example/users/ana#main-key"
    assert parsed.headers == ("(request-target)", "host", "date", "digest")


def test_a_changed_body_is_refused(keys):
    with pytest.raises(signatures.SignatureError, match="digest"):
        _verify(keys, _signed(keys), body=b'{"type":"Delete"}')


def test_a_body_and_digest_both_replaced_is_refused(keys):
    other = b'{"type":"Delete"}'
    headers = _signed(keys) | {"Digest": signatures.digest(other)}
    with pytest.raises(signatures.SignatureError, match="verify"):
        _verify(keys, headers, body=other)


def test_another_inbox_is_refused(keys):
    with pytest.raises(signatures.SignatureError):
        _verify(keys, _signed(keys), path="/fediverse/blog/inbox")


def test_another_key_is_refused(keys):
    other_keys = signatures.new_key_pair()
    with pytest.raises(signatures.SignatureError, match="verify"):
        _verify(other_keys, _signed(keys))


def test_an_old_date_is_refused(keys):
    long_ago = datetime.now(UTC) - timedelta(hours=13)
    with pytest.raises(signatures.SignatureError, match="Date"):
        _verify(keys, _signed(keys, at=long_ago))


def test_a_signature_without_the_digest_is_refused(keys):
    headers = _signed(keys)
    headers["Signature"] = headers["Signature"].replace(" digest", "")
    with pytest.raises(signatures.SignatureError, match="digest"):
        _verify(keys, headers)


@pytest.mark.parametrize("header", ["", "nonsense", 'keyId="x",signature="%%%"'])
def test_a_malformed_header_is_refused(header):
    with pytest.raises(signatures.SignatureError):
        signatures.parse(header)
