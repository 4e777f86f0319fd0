"""Rate limits, client addresses, templated e-mail and the Site row shared by every app."""

import time_machine
from django.contrib.sites.models import Site
from django.core import mail
from django.test import RequestFactory, override_settings

from epw.apps import sync_site
from epw.core import ratelimit
from epw.core.mail import render_email, single_line
from epw.core.privacy import client_ip, hashed, truncated_ip


def test_rate_limit_allows_up_to_the_limit_then_says_when_to_retry():
    with time_machine.travel("2026-11-25 12:00:10", tick=False):
        assert [ratelimit.hit("t", "1.2.3.4", limit=3, period=60) for _ in range(3)] == [0, 0, 0]
    with time_machine.travel("2026-11-25 12:00:20", tick=False):
        assert ratelimit.hit("t", "1.2.3.4", limit=3, period=60) == 50
        assert ratelimit.hit("t", "5.6.7.8", limit=3, period=60) == 0
        assert ratelimit.hit("other", "1.2.3.4", limit=3, period=60) == 0
    # The window opened at the first attempt, not at a round minute.
    with time_machine.travel("2026-11-25 12:01:05", tick=False):
        assert ratelimit.hit("t", "1.2.3.4", limit=3, period=60) == 5
    with time_machine.travel("2026-11-25 12:01:10", tick=False):
        assert ratelimit.hit("t", "1.2.3.4", limit=3, period=60) == 0


def test_a_long_window_outlives_the_cache_default_timeout():
    with time_machine.travel("2026-11-25 12:00:00", tick=False):
        for _ in range(3):
            ratelimit.hit("slow", "1.2.3.4", limit=2, period=3600)
    with time_machine.travel("2026-11-25 12:50:00", tick=False):
        assert ratelimit.hit("slow", "1.2.3.4", limit=2, period=3600) == 600


def test_client_ip_ignores_forwarded_for_unless_proxies_are_trusted():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )
    assert client_ip(request) == "10.0.0.1"
    with override_settings(EPW_TRUSTED_PROXIES=1):
        assert client_ip(request) == "203.0.113.9"
    with override_settings(EPW_TRUSTED_PROXIES=5):
        assert client_ip(request) == "10.0.0.1"


def test_addresses_are_kept_truncated_or_hashed():
    assert truncated_ip("203.0.113.77") == "203.0.113.0"
    assert truncated_ip("2001:db8:1234:5678::1") == "2001:db8:1234::"
    assert truncated_ip("not an address") is None
    assert hashed("203.0.113.77", salt="a") != hashed("203.0.113.77", salt="b")
    assert "203.0.113.77" not in hashed("203.0.113.77", salt="a")


def test_email_subjects_cannot_carry_extra_headers(settings):
    assert single_line("Bonjour\r\nBcc: victim@example.org") == "Bonjour Bcc: victim@example.org"
    settings.TEMPLATES = [
        {
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "OPTIONS": {
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {
                            "t/email/x_subject.txt": "Bonjour {{ name }}\n",
                            "t/email/x.txt": "Texte pour {{ name }}",
                        },
                    )
                ]
            },
        }
    ]
    message = render_email("t/email/x", {"name": "A\nBcc: b@example.org"}, to=["a@example.org"])
    message.send()
    assert mail.outbox[0].subject == "Bonjour A Bcc: b@example.org"
    headers = str(mail.outbox[0].message()).split("\n\n")[0].splitlines()
    assert not [line for line in headers if line.lower().startswith("bcc")]


def test_site_row_follows_the_configured_url(db, settings):
    settings.EPW_SITE_URL = "https://blog.example.org"
    sync_site()
    site = Site.objects.get_current()
    assert (site.domain, site.name) == ("blog.example.org", settings.EPW_SITE_NAME)
