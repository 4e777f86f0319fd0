"""Every response carries the site's Content-Security-Policy and Permissions-Policy."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
from django.conf import settings

from blog.models import Article
from tests.epw.test_startup import PRODUCTION, manage
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
PEERTUBE = "https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d"


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {
        name: values
        for name, *values in (part.split() for part in policy.split(";") if part.strip())
    }


def assert_protected(response) -> dict[str, list[str]]:
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert [source for source in policy["script-src"] if not source.startswith("'nonce-")] == [
        "'self'"
    ]
    assert policy["style-src"] == ["'self'", settings.EDITOR_BASE_CSS_HASH]
    assert (
        "style-src-attr" not in policy
        and "'unsafe-inline'" not in response["Content-Security-Policy"]
    )
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    features = dict(
        part.strip().split("=", 1) for part in response["Permissions-Policy"].split(",")
    )
    assert features["camera"] == features["microphone"] == features["geolocation"] == "()"
    assert features["payment"] == features["usb"] == features["browsing-topics"] == "()"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    return policy


def test_public_pages_feeds_and_errors_carry_the_policies(client):
    article = ArticleFactory(body="<p>Un article sans rien d’intégré.</p>")
    for path, status in [
        ("/", 200),
        (article.get_absolute_url(), 200),
        ("/flux/", 200),
        ("/sitemap.xml", 200),
        ("/page-qui-n-existe-pas/", 404),
        ("/healthz", 200),
    ]:
        response = client.get(path)
        assert response.status_code == status, path
        policy = assert_protected(response)
        # Nothing is framed but this site's own pages; no nonce where no inline script runs.
        assert policy["frame-src"] == ["'self'"], path
        assert "'nonce-" not in response["Content-Security-Policy"], path


def test_a_rate_limited_form_page_carries_the_policies(client, settings):
    settings.EPW_PUBLIC_FORM_LIMITS = {**settings.EPW_PUBLIC_FORM_LIMITS, "newsletter": (1, 3600)}
    client.post("/lettre/", {"email": "a@example.org", "consent": "on"})
    response = client.post("/lettre/", {"email": "b@example.org", "consent": "on"})
    assert response.status_code == 429
    assert_protected(response)


def test_the_admin_editor_import_map_runs_with_the_nonce_of_its_response(client):
    client.force_login(StaffUserFactory(is_superuser=True))
    article = ArticleFactory()
    response = client.get(f"/admin/blog/article/{article.pk}/change/")
    assert response.status_code == 200
    policy = assert_protected(response)
    nonces = [source for source in policy["script-src"] if source.startswith("'nonce-")]
    assert len(nonces) == 1
    nonce = nonces[0].removeprefix("'nonce-").removesuffix("'")
    page = response.content.decode()
    assert re.search(rf'<script type="importmap" nonce="{re.escape(nonce)}">', page)
    # Every inline script of the page is the import map, and no element has an event handler.
    inline = re.findall(r"<script(?![^>]*\bsrc=)([^>]*)>", page)
    assert inline and all(f'nonce="{nonce}"' in attributes for attributes in inline)
    assert not re.search(r"<[^>]+\son[a-z]+=", page)
    # A second response has another nonce.
    again = directives(client.get(f"/admin/blog/article/{article.pk}/change/"))
    assert nonces != [s for s in again["script-src"] if s.startswith("'nonce-")]


def test_the_admin_login_page_carries_the_policies(client):
    assert_protected(client.get("/admin/login/"))


def test_an_article_frames_only_the_players_of_its_own_embeds(client):
    def stored(url: str, provider: str) -> str:
        return f'<figure data-embed="{provider}"><a href="{url}">{url}</a></figure>'

    article = ArticleFactory(
        status=Article.Status.PUBLISHED,
        body=stored(YOUTUBE, "youtube")
        + stored(PEERTUBE, "peertube")
        + stored("https://media.example.org/entretien.mp3", "audio"),
    )
    policy = assert_protected(client.get(article.get_absolute_url()))
    assert sorted(policy["frame-src"]) == [
        "'self'",
        "https://framatube.org",
        "https://www.youtube-nocookie.com",
    ]
    # A media file plays in the page: media-src allows it, and it is no frame.
    assert policy["media-src"] == ["'self'", "https:"]


def test_an_address_written_in_a_comment_or_a_body_frames_nothing(client):
    article = ArticleFactory(
        status=Article.Status.PUBLISHED,
        body=f'<p data-embed-player="https://evil.example/x">{YOUTUBE}</p>',
    )
    policy = assert_protected(client.get(article.get_absolute_url()))
    assert policy["frame-src"] == ["'self'"]


def test_production_upgrades_insecure_requests_and_pins_https(tmp_path):
    show = (
        "from django.test import Client; "
        "r = Client().get('/robots.txt', secure=True, HTTP_HOST='blog.example.org'); "
        "print(r.status_code); print(r['Content-Security-Policy']); "
        "print(r['Strict-Transport-Security'])"
    )
    result = manage("shell", "-c", show, EPW_VAR_DIR=str(tmp_path), **PRODUCTION)
    assert result.returncode == 0, result.stderr
    status, policy, hsts = result.stdout.splitlines()[-3:]
    assert status == "200"
    assert "upgrade-insecure-requests" in policy.split("; ")
    assert "max-age=31536000" in hsts and "preload" in hsts


def test_the_editor_base_css_allowed_by_hash_is_the_one_the_installed_editor_writes():
    """Tiptap writes its base CSS into a <style> element; a new editor version changes it."""
    import django_prose_editor

    script = Path(django_prose_editor.__file__).parent / "static/django_prose_editor/editor.js"
    source = script.read_text()
    start = source.index("`.ProseMirror {")
    css = source[start + 1 : source.index("`", start + 1)]
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert f"'sha256-{digest}'" == settings.EDITOR_BASE_CSS_HASH
    style_src = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["style-src"]
    assert settings.EDITOR_BASE_CSS_HASH in style_src
