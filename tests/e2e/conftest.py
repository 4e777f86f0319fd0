"""Browser fixtures: Playwright driving Debian's Chromium against the live test server.

Without Chromium the browser tests are skipped locally; CI sets EPW_REQUIRE_BROWSER=1 so that a
missing browser fails the run instead.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("EPW_CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in this thread; the test itself stays synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        if os.environ.get("EPW_REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM} but EPW_REQUIRE_BROWSER=1")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh French-speaking browser tab; console errors are collected in page.errors."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    tab = context.new_page()
    tab.errors = []
    tab.on("console", lambda msg: msg.type == "error" and tab.errors.append(msg.text))
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    yield tab
    context.close()


@pytest.fixture(autouse=True)
def _machine_speed(settings):
    """The browser fills and sends forms faster than anyone types: the timing rules of the
    public forms (time trap, one comment per 15 seconds, a minute between two e-mails to one
    address) would refuse it; the tests in tests/epw hold those rules."""
    settings.EPW_PUBLIC_FORM_MIN_SECONDS = 0
    settings.EPW_COMMENTS_FLOOD_BURST = (100, 15)
    settings.EPW_PUBLIC_FORM_MAIL_INTERVAL = 0
