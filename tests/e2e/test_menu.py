"""The main menu on a phone: folded behind a button that works with the keyboard."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command

from blog.models import Category

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 390, "height": 844}}


@pytest.fixture
def demo_site(live_server):
    call_command("seed_demo", verbosity=0)


def violations(tab) -> list[str]:
    results = Axe().run(tab, options={"runOnly": ["wcag2a", "wcag2aa"]})
    return [violation["id"] for violation in results.response["violations"]]


def test_the_menu_folds_behind_a_button_that_works_with_the_keyboard(open_tab, demo_site):
    tab = open_tab(**PHONE)
    tab.goto("/")
    nav = tab.get_by_role("navigation", name="Navigation principale")
    button = nav.get_by_role("button", name="Menu")
    first = Category.objects.order_by("position", "name").first()
    category = nav.get_by_role("link", name=first.name, exact=True)
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert not category.is_visible()
    assert violations(tab) == []

    button.focus()
    tab.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert category.is_visible()
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Accueil"
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == first.name
    assert violations(tab) == []

    tab.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert not category.is_visible()
    assert tab.evaluate("document.activeElement.getAttribute('aria-controls')") == "site-menu"
    tab.keyboard.press("Space")
    assert category.is_visible()
    assert tab.errors == []


def test_without_javascript_or_on_a_wide_screen_the_menu_is_open(open_tab, demo_site):
    first = Category.objects.order_by("position", "name").first()
    for options in (
        {**PHONE, "java_script_enabled": False},
        {"viewport": {"width": 1280, "height": 800}},
    ):
        tab = open_tab(**options)
        tab.goto("/")
        nav = tab.get_by_role("navigation", name="Navigation principale")
        assert nav.get_by_role("link", name=first.name, exact=True).is_visible()
        assert not nav.get_by_role("button", name="Menu").is_visible()
