"""Pages, announcements and site settings in the admin."""

import pytest

from blog.models import Announcement, Page, SiteSettings
from epw.roles import EDITOR_IN_CHIEF
from tests.factories import CategoryFactory, PageFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief(client):
    client.force_login(StaffUserFactory(role=EDITOR_IN_CHIEF))


def test_page_bodies_use_the_rich_editor_and_are_sanitised(client, chief):
    page = PageFactory()
    url = f"/admin/blog/page/{page.pk}/change/"
    assert "data-django-prose-editor-configurable" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "title": page.title,
            "slug": page.slug,
            "body": '<p style="x" onclick="y()">Texte<script>z()</script></p>',
            "position": 0,
            "is_published": "on",
            "version": page.version,
        },
    )
    assert response.status_code == 302
    assert Page.objects.get(pk=page.pk).body == "<p>Texte</p>"


def announcement_data(**overrides):
    return {
        "title": "Atelier d’écriture",
        "body": "",
        "placement": "sidebar",
        "position": 1,
        "starts_at_0": "10/01/2026",
        "starts_at_1": "10:00:00",
        "ends_at_0": "",
        "ends_at_1": "",
        "is_active": "on",
        **overrides,
    }


def test_an_announcement_must_end_after_it_starts(client, chief):
    response = client.post(
        "/admin/blog/announcement/add/",
        announcement_data(ends_at_0="09/01/2026", ends_at_1="10:00:00"),
    )
    assert "La fin doit venir après le début." in response.content.decode()
    assert not Announcement.objects.exists()
    response = client.post(
        "/admin/blog/announcement/add/",
        announcement_data(ends_at_0="20/01/2026", ends_at_1="10:00:00"),
    )
    assert response.status_code == 302
    assert Announcement.objects.get().placement == "sidebar"


def test_the_site_settings_list_leads_straight_to_the_one_row(client, chief):
    response = client.get("/admin/blog/sitesettings/")
    assert response["Location"] == "/admin/blog/sitesettings/add/"
    SiteSettings.objects.create(tagline="Écrire mieux")
    response = client.get("/admin/blog/sitesettings/")
    assert response["Location"] == "/admin/blog/sitesettings/1/change/"


@pytest.mark.parametrize(
    "link",
    [
        "/charte-editoriale/",
        "/a-propos/",
        "/recherche/?q=titres#resultats",
        "https://www.example.org/atelier",
        "http://example.org/",
    ],
)
def test_an_announcement_links_to_a_page_of_the_site_or_a_web_address(client, chief, link):
    response = client.post(
        "/admin/blog/announcement/add/",
        announcement_data(link_url=link, link_label="En savoir plus"),
    )
    assert response.status_code == 302
    assert Announcement.objects.get().link_url == link


@pytest.mark.parametrize(
    "link",
    [
        "javascript:alert(1)",
        "//evil.example/",
        "/\\evil.example/",
        "/\t/evil.example/",
        "charte-editoriale/",
        "mailto:redaction@example.org",
        "ftp://example.org/fichier",
        "data:text/html,<script>alert(1)</script>",
    ],
)
def test_an_announcement_refuses_any_other_link(client, chief, link):
    response = client.post(
        "/admin/blog/announcement/add/",
        announcement_data(link_url=link, link_label="En savoir plus"),
    )
    assert response.status_code == 200
    assert "Indiquez une adresse du site commençant par « / »" in response.content.decode()
    assert not Announcement.objects.exists()


def test_the_demo_announcement_can_be_saved_again(client, chief):
    from epw.demo.seed import seed_demo

    seed_demo()
    announcement = Announcement.objects.get(link_url__startswith="/")
    response = client.post(
        f"/admin/blog/announcement/{announcement.pk}/change/",
        announcement_data(
            title=announcement.title,
            link_url=announcement.link_url,
            link_label=announcement.link_label,
        ),
    )
    assert response.status_code == 302


def test_view_on_site_uses_the_current_host_for_pages_and_categories(client, chief):
    from django.contrib.sites.models import Site

    Site.objects.update(domain="example.com")
    page = PageFactory(slug="a-propos", is_published=True)
    hidden = PageFactory(slug="brouillon", is_published=False)
    html = client.get(f"/admin/blog/page/{page.pk}/change/").content.decode()
    assert 'href="/a-propos/" class="viewsitelink"' in html
    html = client.get(f"/admin/blog/page/{hidden.pk}/change/").content.decode()
    assert "viewsitelink" not in html
    category = CategoryFactory(slug="methode")
    html = client.get(f"/admin/blog/category/{category.pk}/change/").content.decode()
    assert 'href="/categories/methode/" class="viewsitelink"' in html
