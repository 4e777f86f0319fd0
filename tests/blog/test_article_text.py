"""The article page's text is made once per version: an edit or a restored revision shows."""

import pytest
import reversion
from django.test import Client, TestCase
from reversion.models import Version

from blog import services
from blog.models import Article
from epw.roles import EDITOR_IN_CHIEF
from tests.factories import ArticleFactory, StaffUserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def chief():
    return StaffUserFactory(role=EDITOR_IN_CHIEF)


def edit(article: Article, by, body: str, title: str | None = None) -> None:
    """As the admin saves: a revision signed by `by`, then committed."""
    article.body = body
    article.title = title or article.title
    with committed(), reversion.create_revision():
        reversion.set_user(by)
        services.article_save(article=article, by=by)


def committed():
    """What runs once the change is committed (the site generation moves) runs at the end."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def shown(article: Article) -> str:
    return Client().get(article.get_absolute_url()).content.decode()


def test_french_typography_shown_once_made():
    article = ArticleFactory(title="Pourquoi écrire ?", standfirst="« Vite » : oui")
    article.body = '<p>Voir : <a href="https://example.org/">ici</a> !</p>'
    article.save()
    page = shown(article)
    assert "Pourquoi écrire\u202f?" in page
    assert "«\u00a0Vite\u00a0»\u00a0: oui" in page
    assert "Voir\u00a0: " in page and "</a>\u202f!" in page
    # Read from the cache the second time: the same text.
    assert "Voir\u00a0: " in shown(article)


def test_an_edited_article_shows_its_new_text(chief):
    article = ArticleFactory(title="Avant", body="<p>Ancien texte.</p>")
    assert "Ancien texte." in shown(article)
    edit(article, chief, "<p>Nouveau texte : relu.</p>", title="Après ?")
    page = shown(article)
    assert "Nouveau texte\u00a0: relu." in page and "Ancien texte." not in page
    assert "Après\u202f?" in page


def test_a_restored_revision_shows_its_text(chief):
    article = ArticleFactory(body="<p>Premier.</p>")
    edit(article, chief, "<p>Le bon texte.</p>")
    edit(article, chief, "<p>Le texte à oublier.</p>")
    assert "Le texte à oublier." in shown(article)
    good = Version.objects.get_for_object(article)[1]
    with committed():
        services.article_restore_revision(
            article=Article.objects.get(pk=article.pk), version=good, by=chief
        )
    page = shown(article)
    assert "Le bon texte." in page and "Le texte à oublier." not in page
