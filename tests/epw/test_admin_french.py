"""Every admin page an editor opens is titled in French that agrees: « Ajouter un article »."""

import re
from html import unescape

import pytest
from axes.models import AccessAttempt, AccessLog
from django.contrib import admin
from django.contrib.auth.models import User
from django.contrib.redirects.models import Redirect
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from reversion.models import Version
from taggit.models import Tag

from blog import services
from blog.models import Announcement, Article
from epw.staff import titles
from tests.blog.test_library import add_image
from tests.factories import (
    ArticleFactory,
    CharterVersionFactory,
    CommentFactory,
    EditionFactory,
    PageFactory,
    StaffUserFactory,
    SubmissionFactory,
    SubscriberFactory,
)

pytestmark = pytest.mark.django_db

# « de article », « Ajout de image »: Django's one sentence for every model, which cannot agree.
DE_BEFORE_VOWEL = re.compile(r"\b(?:de|le|la) [aàâeéèêiîoôuh]", re.IGNORECASE)
AJOUT_DE = re.compile(r"\bAjout de\b|\bModification de\b|\bSélectionnez l’objet\b")
# English seen in the French admin, from Django and the libraries it shows.
ENGLISH = {
    "Add", "Change", "View", "Select", "Delete", "to", "of", "Tag", "Tags", "TOTP", "device",
    "devices", "User", "Users", "Group", "Groups", "Log", "Access", "History",
}  # fmt: skip


@pytest.fixture
def superuser(client):
    user = User.objects.create_superuser("racine", "racine@example.org", "mot-de-passe")
    client.force_login(user)
    return user


@pytest.fixture
def one_of_each(superuser):
    """At least one row of every model the admin lists, so that each change page is seen."""
    ArticleFactory(tags=["Écriture"])
    PageFactory()
    SubscriberFactory()
    EditionFactory()
    CommentFactory()
    CharterVersionFactory()
    SubmissionFactory()
    add_image()
    Announcement.objects.create(title="Atelier", starts_at=timezone.now())
    Redirect.objects.create(site_id=1, old_path="/ancien/", new_path="/nouveau/")
    Tag.objects.get_or_create(name="Lecture")
    TOTPDevice.objects.create(user=StaffUserFactory(), name="Téléphone", confirmed=True)
    AccessAttempt.objects.create(username="inconnu", ip_address="192.0.2.1", failures_since_start=1)
    AccessLog.objects.create(username="racine", ip_address="192.0.2.1")


def title_and_heading(page: str) -> list[str]:
    """The window title (without the object's own name and the site's) and the <h1>."""
    title = unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1)).strip()
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    texts = [title.split(" | ")[-2]]
    if heading:
        texts.append(unescape(re.sub(r"<[^>]+>", "", heading.group(1))).strip())
    return texts


def last_breadcrumb(page: str) -> str:
    trail = re.search(r'<div class="breadcrumbs">(.*?)</div>', page, re.S).group(1)
    return unescape(re.sub(r"<[^>]+>", "", trail)).split("›")[-1].strip()


def admin_pages(client, user):
    """(model, kind, address) of the change list, add page and one change page of every model."""
    request = client.get("/admin/").wsgi_request
    request.user = user
    for model, model_admin in admin.site._registry.items():
        info = model._meta.app_label, model._meta.model_name
        yield model, "changelist", reverse("admin:{}_{}_changelist".format(*info))
        if model_admin.has_add_permission(request):
            yield model, "add", reverse("admin:{}_{}_add".format(*info))
        obj = model._default_manager.first()
        if obj is not None and model_admin.has_change_permission(request, obj):
            try:
                yield model, "change", reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
            except NoReverseMatch:  # a model admin without a change page
                continue


def test_every_registered_model_has_a_known_gender():
    labels = {model._meta.label_lower for model in admin.site._registry}
    assert labels <= set(titles.GENDERS), labels - set(titles.GENDERS)


def test_every_admin_title_and_heading_reads_as_french(client, superuser, one_of_each):
    seen = {"changelist": 0, "add": 0, "change": 0}
    changeable = set()
    for model, kind, url in admin_pages(client, superuser):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        page = response.content.decode()
        texts = title_and_heading(page)
        if kind == "add":
            texts.append(last_breadcrumb(page))
        for text in texts:
            assert not DE_BEFORE_VOWEL.search(text), (url, text)
            assert not AJOUT_DE.search(text), (url, text)
            assert not set(re.findall(r"\w+", text)) & ENGLISH, (url, text)
        seen[kind] += 1
        if kind == "change":
            changeable.add(model)
    assert seen["changelist"] == len(admin.site._registry)
    assert seen["add"] >= 17
    # Every model that has rows and can be changed was seen on its change page.
    assert len(changeable) >= 20


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/admin/blog/article/add/", "Ajouter un article"),
        ("/admin/blog/libraryimage/add/", "Ajouter une image"),
        ("/admin/blog/category/add/", "Ajouter une catégorie"),
        ("/admin/newsletter/edition/", "Choisir une édition à modifier"),
        ("/admin/taggit/tag/", "Choisir une étiquette à modifier"),
    ],
)
def test_titles_agree_with_the_model_name(client, superuser, url, title):
    page = client.get(url).content.decode()
    assert f"<h1>{title}</h1>" in page
    assert f"<title>{title} | " in page


def test_a_change_page_names_its_object_with_the_right_article(client, superuser):
    article = ArticleFactory()
    page = client.get(f"/admin/blog/article/{article.pk}/change/").content.decode()
    assert "<h1>Modifier l’article</h1>" in page


def test_tags_are_etiquettes_throughout_the_admin(client, superuser):
    Tag.objects.create(name="Lecture")
    index = client.get("/admin/").content.decode()
    tags = client.get("/admin/taggit/tag/").content.decode()
    assert "Tags" not in index + tags
    assert "› Étiquettes" in unescape(re.sub(r"<[^>]+>", "", tags)).replace("\n", " ")
    assert "Ajouter une étiquette" in tags
    assert "1 étiquette" in tags


def test_the_add_link_of_a_change_list_says_what_it_adds(client, superuser):
    page = client.get("/admin/blog/libraryimage/").content.decode()
    assert re.search(r'class="addlink">\s*Ajouter une image\s*</a>', page)


def test_a_title_a_page_chose_itself_is_kept(client, superuser):
    article = ArticleFactory(status=Article.Status.REVIEW, published_at=None)
    services.article_publish(article=article, by=superuser)
    version = Version.objects.get_for_object(article).get()
    article.delete()
    page = client.get(f"/admin/blog/article/recover/{version.pk}/").content.decode()
    heading = re.search(r"<h1>(.*?)</h1>", page).group(1)
    assert article.title in heading
    assert "Modifier" not in heading
    assert "<h1>Audience</h1>" in client.get("/admin/blog/audienceday/").content.decode()
