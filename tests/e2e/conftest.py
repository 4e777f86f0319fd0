"""Browser fixtures: Playwright driving Debian's Chromium against the live test server.

Without Chromium the browser tests are skipped locally; CI sets EPW_REQUIRE_BROWSER=1 so that a
missing browser fails the run instead.
"""

import os
import shutil
import time

import pytest

CHROMIUM = os.environ.get("EPW_CHROMIUM", "/usr/bin/chromium")
# Playwright's sync API runs an event loop in this thread; the test itself stays synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def wait_for(tab, expression: str, timeout: float = 30) -> None:
    """Waits until a JavaScript expression is true in the tab. Playwright's wait_for_function
    evaluates its predicate with eval(), which the site's Content-Security-Policy refuses."""
    deadline = time.monotonic() + timeout
    while not tab.evaluate(f"() => Boolean({expression})"):
        assert time.monotonic() < deadline, f"Still false after {timeout} s: {expression}"
        tab.wait_for_timeout(50)


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


# Every page and frame reports what its Content-Security-Policy refused.
REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (event) => {
  window.epwPolicyViolation(
    `${event.effectiveDirective} refused ${event.blockedURI || "inline"} `
    + `in ${event.documentURI} (${event.sourceFile}:${event.lineNumber})`
  );
});"""
# What Chromium logs when a policy refuses something, or cannot read a policy header.
POLICY_MESSAGES = ("Content Security Policy", "Content-Security-Policy", "Permissions-Policy")


@pytest.fixture
def open_tab(browser, live_server):
    """Opens a tab in a fresh French-speaking browser context (one per call, e.g. one per
    user); console errors are collected in tab.errors.

    The site's Content-Security-Policy and Permissions-Policy are on: a test whose pages break
    either (a refused script, style, frame…, or a header the browser cannot read) fails."""
    contexts, violations = [], []

    def watch(tab):
        if hasattr(tab, "policy_violations"):
            return
        tab.errors = []
        tab.policy_violations = violations

        def console(message):
            if message.type == "error":
                tab.errors.append(message.text)
            if message.type in ("error", "warning") and any(
                words in message.text for words in POLICY_MESSAGES
            ):
                violations.append(message.text)

        tab.on("console", console)
        tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))

    def open_tab(**options):
        context = browser.new_context(
            **({"base_url": live_server.url, "locale": "fr-FR"} | options)
        )
        contexts.append(context)
        context.in_flight = in_flight = set()
        context.on("request", lambda request: in_flight.add(request))
        context.on("requestfinished", lambda request: in_flight.discard(request))
        context.on("requestfailed", lambda request: in_flight.discard(request))
        context.expose_binding("epwPolicyViolation", lambda source, text: violations.append(text))
        context.add_init_script(REPORT_VIOLATIONS)
        context.on("page", watch)  # every tab of the context, popups too
        tab = context.new_page()
        watch(tab)
        return tab

    yield open_tab
    for context in contexts:
        for tab in context.pages:
            # Leaving the page sends its leave beacons (autosave, presence) now, while the
            # drain below still waits for them: closing the context would send them unwatched.
            tab.goto("about:blank")
        _drained(context)
        context.close()
    assert violations == [], "The pages broke their security policies:\n" + "\n".join(violations)


def _drained(context, timeout: float = 10) -> None:
    """Waits for the requests a page still has on the way (an autosave, a presence heartbeat)
    to be answered: the test database is emptied next, and a request still running then would
    hold the tables it reads."""
    deadline = time.monotonic() + timeout
    while context.in_flight and context.pages and time.monotonic() < deadline:
        context.pages[0].wait_for_timeout(50)


@pytest.fixture
def page(open_tab):
    """A fresh French-speaking browser tab (see open_tab)."""
    return open_tab()


@pytest.fixture(autouse=True)
def _machine_speed(settings):
    """The browser fills and sends forms faster than anyone types: the timing rules of the
    public forms (time trap, one comment per 15 seconds, a minute between two e-mails to one
    address) would refuse it; the tests in tests/epw hold those rules."""
    settings.EPW_PUBLIC_FORM_MIN_SECONDS = 0
    settings.EPW_COMMENTS_FLOOD_BURST = (100, 15)
    settings.EPW_PUBLIC_FORM_MAIL_INTERVAL = 0
