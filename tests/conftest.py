import pytest
from django.core.cache import cache
from django.utils import translation


@pytest.fixture(autouse=True)
def _french():
    """Each test starts in French, whatever language an earlier request left active."""
    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache (the chrome, rate limits…)."""
    cache.clear()
    yield
    cache.clear()


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
