import re
import time

import pytest
from django.core.cache import caches
from django.test import Client
from django.utils import translation

from epw.core import signing
from epw.core.public_forms import STAMP, STAMP_PURPOSE


def without_form_tokens(content: bytes) -> bytes:
    """A page without what changes from one request to the next in its forms (the CSRF token,
    the time-trap stamp, signed to the second), to compare two answers."""
    return re.sub(
        rb'(name="(?:csrfmiddlewaretoken|%s)" value=")[^"]*"' % STAMP.encode(), rb'\1"', content
    )


def form_stamp(*, age: int = 30) -> str:
    """The time stamp a public form page gave a browser `age` seconds ago."""
    return signing.sign(str(int(time.time()) - age), purpose=STAMP_PURPOSE)


class BrowserClient(Client):
    """Posts like a browser sending a public form shown half a minute earlier: with its stamp.

    Tests of the time trap pass their own `stamp` (or an empty one).
    """

    def post(self, path, data=None, *args, **kwargs):
        if isinstance(data, dict) and STAMP not in data:
            data = {**data, STAMP: form_stamp()}
        return super().post(path, data, *args, **kwargs)


@pytest.fixture
def client():
    return BrowserClient()


@pytest.fixture(autouse=True)
def _french():
    """Each test starts in French, whatever language an earlier request left active."""
    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (the chrome, rate limits…), and this process's
    copies of kept values forgotten."""
    for alias in ("default", "kept"):
        caches[alias].clear()
    yield
    for alias in ("default", "kept"):
        caches[alias].clear()


@pytest.fixture
def about_page(db):
    from tests.factories import PageFactory

    return PageFactory(slug="a-propos", title="À propos")


@pytest.fixture(scope="session", autouse=True)
def _media_root(tmp_path_factory):
    """Uploads made by tests go to a temporary folder, never into the project."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield
