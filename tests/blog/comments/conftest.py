import time

import pytest
import time_machine
from django.core import signing
from django.urls import reverse

from blog.comments import proof
from blog.comments.forms import CommentForm
from epw.core.mail import normalise_address
from tests.conftest import form_stamp
from tests.factories import ArticleFactory


@pytest.fixture
def article(db):
    return ArticleFactory(title="Écrire pour le web")


def form_data(article, *, age: int = 30, **fields) -> dict:
    """What the article page's form sends, filled `age` seconds after the page was shown."""
    security = CommentForm(article).generate_security_data()
    timestamp = int(time.time()) - age
    security["timestamp"] = str(timestamp)
    security["security_hash"] = CommentForm(article).initial_security_hash(timestamp)
    data = {
        **security,
        "name": "Camille Martin",
        "email": "camille@example.org",
        "url": "",
        "comment": "Merci pour ces conseils, je les applique dès demain.",
        "reply_to": "0",
        "honeypot": "",
        "stamp": form_stamp(age=age),
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def post_comment(client, django_capture_on_commit_callbacks):
    """Send the form as a browser would; on-commit work (e-mails) runs as after a real commit.

    Each post comes `pause` seconds after the previous one (a person, not the flood rules).
    """
    with time_machine.travel(time.time(), tick=True) as traveller:

        def post(article, *, pause: int = 16, **fields):
            traveller.shift(pause)
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(
                    reverse("blog_comments:post", args=[article.pk]), form_data(article, **fields)
                )

        yield post


def prove_address(client, email: str = "camille@example.org") -> None:
    """Give the browser the cookie it gets by confirming `email` through the e-mailed link."""
    client.cookies[proof.COOKIE] = signing.dumps(normalise_address(email), salt=proof.SALT)
