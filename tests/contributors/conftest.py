import pytest
from django.contrib.auth.models import Permission

from tests.factories import CharterVersionFactory


@pytest.fixture
def charter(db):
    return CharterVersionFactory(version=3)


@pytest.fixture
def editor(db, django_user_model):
    user = django_user_model.objects.create_user(
        "editrice", "editrice@example.org", "secret", is_staff=True
    )
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="contributors",
            codename__in=["review_submission", "change_submission", "view_submission"],
        )
    )
    return user


@pytest.fixture
def application_data():
    return {
        "name": "Chloé Martin",
        "email": "chloe@example.org",
        "bio": "Rédactrice web à Lyon.",
        "website": "https://chloe.example.org",
        "topics": "newsletters",
        "title": "Écrire une newsletter qu’on lit",
        "standfirst": "Trois règles simples.",
        "body": "<p>Mon texte.</p>",
        "accept_charter": "on",
        "accept_privacy": "on",
    }
