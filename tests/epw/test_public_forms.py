"""Every public form is defended the same way: honeypot, time trap, attempts, e-mail budget."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from contributors import links
from contributors.models import Submission, SubmissionVersion
from newsletter.models import Subscriber
from tests.blog.comments.conftest import form_data
from tests.conftest import BrowserClient, form_stamp
from tests.factories import ArticleFactory, CharterVersionFactory, SubmissionFactory

EMAIL = "cible@example.org"


@dataclass
class PublicForm:
    url: str
    data: dict
    done: str  # where a success (and a filled honeypot) leads
    field: str  # a field whose input must come back on a refused form
    stored: Callable[[], int]


def _comment() -> PublicForm:
    article = ArticleFactory()
    data = form_data(article, email=EMAIL, comment="Un avis mesuré sur la question.")
    return PublicForm(
        url=reverse("blog_comments:post", args=[article.pk]),
        data=data,
        done="",  # the sent page of the new comment; a honeypot leads back to the article
        field="Un avis mesuré sur la question.",
        stored=XtdComment.norel_objects.count,
    )


def _newsletter() -> PublicForm:
    return PublicForm(
        url=reverse("newsletter:signup"),
        data={"email": EMAIL, "consent": "on"},
        done=reverse("newsletter:signup_done"),
        field=EMAIL,
        stored=Subscriber.objects.count,
    )


def _application() -> PublicForm:
    CharterVersionFactory(version=1)
    return PublicForm(
        url=reverse("contributors:apply"),
        data={
            "name": "Chloé Martin",
            "email": EMAIL,
            "bio": "Rédactrice web à Lyon.",
            "title": "Écrire une newsletter qu’on lit",
            "standfirst": "Trois règles simples.",
            "body": "<p>Mon texte.</p>",
            "accept_charter": "on",
            "accept_privacy": "on",
        },
        done=reverse("contributors:apply_done"),
        field="Écrire une newsletter qu’on lit",
        stored=Submission.objects.count,
    )


def _revision() -> PublicForm:
    submission = SubmissionFactory(status="changes", email=EMAIL)
    path = links.status_path(submission)
    return PublicForm(
        url=path,
        data={"message": "Voici la version revue.", "body": "<p>Version deux.</p>"},
        done=path + "?envoye=1",
        field="Voici la version revue.",
        stored=SubmissionVersion.objects.count,
    )


def _lost_link() -> PublicForm:
    SubmissionFactory(email=EMAIL, status="review")
    return PublicForm(
        url=reverse("contributors:lost_link"),
        data={"email": EMAIL},
        done=reverse("contributors:lost_link") + "?envoye=1",
        field=EMAIL,
        stored=lambda: len(mail.outbox),  # it stores nothing: what it does is e-mail links
    )


FORMS = {
    "comment": _comment,
    "newsletter": _newsletter,
    "application": _application,
    "revision": _revision,
    "lost_link": _lost_link,
}


@pytest.fixture(params=list(FORMS))
def public_form(request, db):
    return FORMS[request.param]()


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def post(url, data, ip="198.51.100.7"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, REMOTE_ADDR=ip)

    return post


def test_a_filled_honeypot_is_answered_like_a_success_and_does_nothing(public_form, send):
    before = public_form.stored()
    response = send(public_form.url, {**public_form.data, "honeypot": "http://spam.example"})

    assert response.status_code == 302
    if public_form.done:
        assert response["Location"] == public_form.done
    assert public_form.stored() == before
    assert mail.outbox == []

    # The same form without the honeypot does what it is for (so the check above means it).
    assert send(public_form.url, public_form.data, ip="198.51.100.8").status_code == 302
    assert public_form.stored() > before


@pytest.mark.parametrize(
    ("stamp", "message"),
    [
        (lambda: form_stamp(age=0), "trop vite pour un humain"),
        (lambda: "forged", "Le formulaire a expiré"),
        (lambda: "", "Le formulaire a expiré"),
    ],
    ids=["too_fast", "forged", "missing"],
)
def test_the_time_trap_sends_the_form_back_with_its_input(public_form, send, stamp, message):
    before = public_form.stored()
    response = send(public_form.url, {**public_form.data, "stamp": stamp()})

    assert response.status_code in {200, 400}
    page = response.content.decode()
    assert message in page
    assert public_form.field in page
    assert public_form.stored() == before
    assert mail.outbox == []


def test_an_expired_stamp_sends_the_form_back(public_form, send, settings):
    stamp = form_stamp()
    with time_machine.travel(timezone.now() + timezone.timedelta(days=2)):
        response = send(public_form.url, {**public_form.data, "stamp": stamp})
    assert "Le formulaire a expiré" in response.content.decode()
    assert mail.outbox == []


def test_refused_attempts_count_toward_the_client_limit(public_form, send, settings):
    limits = settings.EPW_PUBLIC_FORM_LIMITS
    settings.EPW_PUBLIC_FORM_LIMITS = {
        **dict.fromkeys(limits, (2, 3600)),
        "address": limits["address"],
    }
    refused = {**public_form.data, "stamp": "forged"}
    for _attempt in range(2):
        assert send(public_form.url, refused).status_code in {200, 400}

    response = send(public_form.url, public_form.data)

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert public_form.field in response.content.decode()
    # Another client is not concerned.
    assert send(public_form.url, public_form.data, ip="203.0.113.99").status_code == 302


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_post_only_forms_refuse_other_methods(public_form, client, method):
    assert getattr(client, method)(public_form.url).status_code == 405


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_search_only_answers_get(client, db, method):
    assert getattr(client, method)(reverse("blog:search"), {"q": "web"}).status_code == 405


def test_search_is_rate_limited_per_client_and_keeps_the_query(client, db, settings):
    settings.EPW_PUBLIC_FORM_LIMITS = {**settings.EPW_PUBLIC_FORM_LIMITS, "search": (3, 60)}
    url = reverse("blog:search")
    codes = [client.get(url, {"q": "écrire"}).status_code for _ in range(3)]
    limited = client.get(url, {"q": "écrire"})

    assert codes == [200, 200, 200]
    assert limited.status_code == 429
    assert 0 < int(limited["Retry-After"]) <= 60
    page = limited.content.decode()
    assert "Trop de recherches en peu de temps" in page
    assert 'value="écrire"' in page
    assert client.get(url, {"q": "écrire"}, REMOTE_ADDR="203.0.113.8").status_code == 200


def test_a_second_comment_within_15_seconds_is_refused_with_its_text(send, db):
    article = ArticleFactory()
    url = reverse("blog_comments:post", args=[article.pk])
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        first = send(url, form_data(article, comment="Premier avis."))
        traveller.shift(10)
        second = send(url, form_data(article, comment="Second avis, trop tôt."))
        traveller.shift(6)
        third = send(url, form_data(article, comment="Second avis, après une pause."))

    assert first.status_code == 302
    assert second.status_code == 429
    assert "Second avis, trop tôt." in second.content.decode()
    assert third.status_code == 302
    assert XtdComment.norel_objects.count() == 2


# Same origin instead of a CSRF token: the forms sit on pages that a cache serves to everyone.


@pytest.fixture
def browser(django_capture_on_commit_callbacks):
    """A browser without any cookie of this site, checked as Django checks real requests."""
    client = BrowserClient(enforce_csrf_checks=True)

    def post(url, data, **headers):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data, REMOTE_ADDR="198.51.100.9", **headers)

    return post


def test_a_post_from_a_page_of_this_site_needs_no_cookie_nor_token(public_form, browser):
    before = public_form.stored()
    response = browser(public_form.url, public_form.data, HTTP_ORIGIN="http://testserver")
    assert response.status_code == 302
    assert public_form.stored() == before + 1


def test_an_older_browser_sending_only_its_referer_is_accepted(public_form, browser):
    response = browser(public_form.url, public_form.data, HTTP_REFERER="http://testserver/x/")
    assert response.status_code == 302


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": "https://evil.example"},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_ORIGIN": "http://testserver", "HTTP_SEC_FETCH_SITE": "cross-site"},
        {"HTTP_REFERER": "https://evil.example/testserver/"},
        {},
    ],
    ids=["other-origin", "opaque-origin", "cross-site-fetch", "other-referer", "no-origin"],
)
def test_a_post_from_another_site_is_refused_and_does_nothing(public_form, browser, headers):
    before = public_form.stored()
    response = browser(public_form.url, public_form.data, **headers)
    assert response.status_code == 403
    assert "ne peut être envoyé que depuis une page de ce site" in response.text
    assert public_form.stored() == before


def test_the_language_switch_works_from_a_cached_page_and_only_from_this_site(browser, db):
    same = browser(
        "/i18n/setlang/", {"language": "en", "next": "/"}, HTTP_ORIGIN="http://testserver"
    )
    assert same.status_code == 302
    assert same.cookies["django_language"].value == "en"
    other = browser("/i18n/setlang/", {"language": "en"}, HTTP_ORIGIN="https://evil.example")
    assert other.status_code == 403
