"""No address receives more than 3 e-mails a day from the public forms, however they are sent."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from epw.core.public_forms import mail_budget_take
from newsletter import services
from newsletter.consent import CONSENT_TEXT, CONSENT_VERSION
from tests.conftest import BrowserClient
from tests.factories import CharterVersionFactory

VICTIM = "victime@example.org"


def sent_to_victim() -> int:
    return sum(VICTIM in message.to for message in mail.outbox)


def signup(client, ip: str):
    data = {"email": VICTIM, "consent": "on"}
    return client.post(reverse("newsletter:signup"), data, REMOTE_ADDR=ip)


def application(client, ip: str, n: int):
    data = {
        "name": "Quelqu’un",
        "email": VICTIM,
        "bio": "Se fait passer pour une autre.",
        "title": f"Proposition {n}",
        "standfirst": "Chapô.",
        "body": "<p>Texte.</p>",
        "accept_charter": "on",
        "accept_privacy": "on",
    }
    return client.post(reverse("contributors:apply"), data, REMOTE_ADDR=ip)


# SQLite's in-memory test database refuses concurrent writers outright ("table is locked");
# a real SQLite file queues them (IMMEDIATE transactions with a busy timeout), like PostgreSQL.
parallel = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite's in-memory test database has no row locks"
)


@parallel
@pytest.mark.django_db(transaction=True)
def test_ten_simultaneous_signups_for_one_address_send_one_email():
    start = threading.Barrier(10)

    def one_signup(n: int) -> int:
        try:
            start.wait(timeout=30)
            return signup(BrowserClient(), ip=f"198.51.100.{n}").status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=10) as pool:
        codes = list(pool.map(one_signup, range(10)))

    assert codes == [302] * 10
    assert sent_to_victim() == 1


@parallel
@pytest.mark.django_db(transaction=True)
def test_the_budget_holds_against_parallel_takers():
    start = threading.Barrier(8)

    def take(_n: int) -> bool:
        try:
            start.wait(timeout=30)
            return mail_budget_take(email=VICTIM)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        taken = list(pool.map(take, range(8)))

    assert taken.count(True) == 1


def test_ten_signups_in_a_row_send_one_email(client, db, django_capture_on_commit_callbacks):
    for n in range(10):
        with django_capture_on_commit_callbacks(execute=True):
            assert signup(client, ip=f"198.51.100.{n}")["Location"] == "/lettre/merci/"
    assert sent_to_victim() == 1


def test_a_day_of_signups_from_changing_addresses_sends_at_most_three(
    client, db, django_capture_on_commit_callbacks
):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for n in range(48):  # every half hour for a day, each from another address
            with django_capture_on_commit_callbacks(execute=True):
                assert signup(client, ip=f"10.1.{n}.1")["Location"] == "/lettre/merci/"
            traveller.shift(timedelta(minutes=30))
        assert sent_to_victim() == 3

        traveller.shift(timedelta(hours=1))  # a day after the first e-mail, one more may go
        with django_capture_on_commit_callbacks(execute=True):
            signup(client, ip="10.9.9.9")
        assert sent_to_victim() == 4


def test_the_cap_is_shared_by_the_newsletter_and_columnist_forms(
    client, db, django_capture_on_commit_callbacks
):
    CharterVersionFactory(version=1)
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for n in range(24):
            with django_capture_on_commit_callbacks(execute=True):
                assert signup(client, ip=f"10.2.{n}.1").status_code == 302
                traveller.shift(timedelta(minutes=30))
                response = application(client, ip=f"10.3.{n}.1", n=n)
                assert response["Location"] == reverse("contributors:apply_done")
            traveller.shift(timedelta(minutes=30))

    assert sent_to_victim() == 3


def test_the_service_sends_nothing_past_the_budget(db, django_capture_on_commit_callbacks):
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        for _n in range(5):
            with django_capture_on_commit_callbacks(execute=True):
                services.subscriber_signup(
                    email=VICTIM,
                    source="page",
                    consent_text=str(CONSENT_TEXT),
                    consent_version=CONSENT_VERSION,
                )
            traveller.shift(timedelta(hours=1))

    assert sent_to_victim() == 3
