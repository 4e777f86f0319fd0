"""The newsletter from both sides, in a real browser, with a real task worker sending it."""

import re
from email import message_from_bytes, policy

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.core import mail
from django_tasks_db.management.commands.db_worker import Worker

from newsletter.models import Delivery, Edition, Subscriber
from tests.factories import ArticleFactory
from tests.newsletter.workers import manage, postgres_url, uses_postgres, worker_env

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default", "newsletter"],
    }
}


def link(text: str, pattern: str) -> str:
    return re.search(rf"https?://[^/\s]+({pattern})", text).group(1)


def run_worker(tmp_path) -> list:
    """Run a real worker until the queue is empty; return the messages it sent.

    On PostgreSQL it is a separate `manage.py db_worker` process on the live server's
    database; the in-memory SQLite test database cannot be shared with another process, so
    there the same worker loop runs in this process.
    """
    if uses_postgres():
        env = worker_env(tmp_path, postgres_url(settings.DATABASES["default"]["NAME"]))
        manage(
            env, "db_worker", "--queue-name", "*", "--batch", "--no-startup-delay", "--no-reload"
        )
        return [
            message_from_bytes(part.strip(b"\n"), policy=policy.default)
            for path in sorted((tmp_path / "mail").glob("*.log"))
            for part in path.read_bytes().split(b"-" * 79 + b"\n")
            if part.strip()
        ]
    before = len(mail.outbox)
    Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="e2e",
        excluded_queue_names=[],
    ).run()
    return [
        message_from_bytes(m.message().as_bytes(), policy=policy.default)
        for m in mail.outbox[before:]
    ]


def test_reader_subscribes_editor_sends_worker_delivers_reader_leaves(
    page, live_server, settings, tmp_path
):
    articles = [ArticleFactory(title=f"Article à la une {i}") for i in range(3)]
    User.objects.create_superuser("redaction", "redaction@example.org", "motdepasse")

    # A reader subscribes after an article and confirms through the e-mail link.
    page.goto(articles[0].get_absolute_url())
    signup = page.locator(".article-newsletter")
    signup.get_by_label("Votre adresse e-mail").fill("lectrice@example.org")
    signup.locator("#nl-article-consent").check()
    signup.get_by_role("button", name="Je m’abonne").click()
    page.wait_for_url("**/lettre/merci/")
    assert "Vérifiez votre boîte de réception" in page.content()
    confirm = link(mail.outbox[-1].body, r"/lettre/confirmation/[^/\s]+/")
    page.goto(confirm)
    page.get_by_role("button", name="Je confirme mon inscription").click()
    page.get_by_role("heading", name="Inscription confirmée").wait_for()
    assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
    assert page.errors == []

    # An editor composes an edition from the suggested articles and sends a test.
    page.goto("/admin/login/?next=/admin/newsletter/edition/add/")
    page.fill("#id_username", "redaction")
    page.fill("#id_password", "motdepasse")
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/newsletter/edition/add/")
    for i, article in enumerate(articles):
        assert page.locator(f"#id_items-{i}-article").input_value() == str(article.pk)
    page.fill("#id_subject", "La lettre de novembre")
    page.fill("#id_intro", "Bonjour !\n\nTrois articles pour ce mois-ci.")
    page.locator("input[name=_continue]").click()
    page.get_by_role("link", name="Aperçu, test et envoi").click()
    page.get_by_role("button", name="M’envoyer un test").click()
    page.locator(".messagelist").wait_for()
    assert mail.outbox[-1].to == ["redaction@example.org"]
    assert mail.outbox[-1].subject == "[TEST] La lettre de novembre"
    assert "Ceci est un e-mail de test" in mail.outbox[-1].body
    assert "/lettre/desabonnement/" not in mail.outbox[-1].body
    assert page.frame_locator("iframe").get_by_text("Article à la une 2").count() >= 1

    # Sending now is confirmed on a page naming the recipients; a real worker then sends.
    settings.TASKS = DATABASE_TASKS
    assert page.locator("input[name=at]").input_value() == ""
    page.get_by_role("button", name="Envoyer maintenant…").click()
    page.get_by_text("partira tout de suite vers 1 abonné confirmé").wait_for()
    assert Edition.objects.get().status == Edition.Status.DRAFT
    page.get_by_role("button", name="Oui, envoyer maintenant").click()
    page.locator(".messagelist").wait_for()
    assert "Envoi lancé vers 1 abonné." in page.locator(".messagelist").inner_text()
    edition = Edition.objects.get()
    assert edition.status == Edition.Status.SCHEDULED
    sent = [m for m in run_worker(tmp_path) if m["To"] == "lectrice@example.org"]
    edition.refresh_from_db()
    assert edition.status == Edition.Status.SENT
    assert Delivery.objects.get().status == Delivery.Status.SENT
    assert len(sent) == 1
    message = sent[0]
    assert message["Subject"] == "La lettre de novembre"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(preferencelist=("plain",)).get_content()
    assert "Article à la une 0" in text
    html = message.get_body(preferencelist=("html",)).get_content()
    assert ">Bonjour !</p>" in html  # the browser's CRLF line endings still make paragraphs

    # The reader leaves in one click from that e-mail (the admin's missing favicon aside).
    assert set(page.errors) <= {
        "Failed to load resource: the server responded with a status of 404 (Not Found)"
    }
    page.errors.clear()
    page.goto(link(text, r"/lettre/desabonnement/[^/\s]+/"))
    page.get_by_role("button", name="Me désabonner").click()
    page.get_by_role("heading", name="Vous êtes désabonné").wait_for()
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED
    assert page.errors == []
