"""Replies from Mastodon become comments, moderated like any first comment; likes and boosts
are counted; a site comment answering a fediverse comment is sent to its author."""

import pytest
from django.urls import reverse
from django_comments_xtd.models import XtdComment

from blog.comments import services as comment_services
from blog.models import CommentModeration
from epw.core.site import site_url
from fediverse import uris
from fediverse.models import IncomingActivity, Reaction, RemoteComment
from tests.factories import ArticleFactory, StaffUserFactory
from tests.fediverse.mastodon_server import MastodonServer, blog_key

pytestmark = pytest.mark.django_db
INBOX = "/fediverse/inbox"
State = CommentModeration.State


@pytest.fixture
def mastodon(settings):
    with MastodonServer(settings) as server:
        yield server


@pytest.fixture
def send(client, mastodon, django_capture_on_commit_callbacks):
    def send(activity):
        with django_capture_on_commit_callbacks(execute=True):
            response = mastodon.send(client, INBOX, activity)
        assert response.status_code == 202
        return IncomingActivity.objects.get(activity_id=activity["id"])

    return send


@pytest.fixture
def article():
    return ArticleFactory(title="Écrire court", slug="ecrire-court")


@pytest.fixture
def moderator():
    return StaffUserFactory(is_superuser=True, email="moderation@example.org")


def _reply(mastodon, article, content="<p>Très juste, merci !</p>", name="ana", **kwargs):
    return mastodon.note(name, content, in_reply_to=uris.article(article.pk), **kwargs)


def _approve(client, moderator, comment, django_capture_on_commit_callbacks):
    """A moderator approves from the admin, as from the held-comment e-mail."""
    client.force_login(moderator)
    url = reverse("admin:blog_comments_approve", args=[comment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    client.logout()


def test_a_reply_is_held_then_shown_with_its_handle_once_approved(
    client, mastodon, send, article, moderator, django_capture_on_commit_callbacks, mailoutbox
):
    note = _reply(mastodon, article)
    assert send(mastodon.create("ana", note)).status == IncomingActivity.Status.APPLIED

    comment = XtdComment.objects.get()
    assert (comment.is_public, comment.moderation.state) == (False, State.HELD)
    assert "première participation" in comment.moderation.reasons
    assert (comment.user_name, comment.user_email) == ("Ana Martin", "")
    assert comment.user_url == f"{mastodon.base}/@ana"
    assert comment.comment == "Très juste, merci !"
    post = RemoteComment.objects.get()
    assert (post.comment, post.note_uri, post.url) == (comment, note["id"], note["url"])
    assert "Très juste" not in client.get(article.get_absolute_url()).content.decode()
    assert [m.subject for m in mailoutbox]  # the moderators hear of it, as of any held comment

    _approve(client, moderator, comment, django_capture_on_commit_callbacks)

    page = client.get(article.get_absolute_url()).content.decode()
    assert "Très juste, merci !" in page
    assert f"@ana@{mastodon.host}" in page
    assert f'href="{note["url"]}"' in page
    assert "Voir la publication d’origine" in page


def test_a_reply_to_the_articles_page_is_taken_too(mastodon, send, article):
    note = mastodon.note("ana", "<p>Bravo</p>", in_reply_to=site_url(article.get_absolute_url()))
    send(mastodon.create("ana", note))
    assert XtdComment.objects.get().object_pk == str(article.pk)


def test_a_reply_to_a_reply_is_threaded_under_it(
    client, mastodon, send, article, moderator, django_capture_on_commit_callbacks
):
    first = _reply(mastodon, article)
    send(mastodon.create("ana", first))
    parent = XtdComment.objects.get()
    _approve(client, moderator, parent, django_capture_on_commit_callbacks)

    answer = mastodon.note("bruno", "<p>Pas d’accord.</p>", in_reply_to=first["id"])
    send(mastodon.create("bruno", answer))

    child = XtdComment.objects.exclude(pk=parent.pk).get()
    assert (child.parent_id, child.level) == (parent.pk, 1)
    assert child.moderation.state == State.HELD


def test_a_post_that_answers_nothing_of_ours_is_ignored(mastodon, send, article):
    note = mastodon.note("ana", "<p>Ailleurs</p>", in_reply_to="https://ailleurs.example/notes/1")
    assert send(mastodon.create("ana", note)).status == IncomingActivity.Status.APPLIED
    assert not XtdComment.objects.exists()


@pytest.mark.parametrize(
    "audience",
    [
        {"to": ["{followers}"], "cc": []},  # for followers only
        {"to": ["{blog}"], "cc": []},  # a private mention
    ],
)
def test_a_reply_not_addressed_to_everyone_is_never_published(mastodon, send, article, audience):
    followers = mastodon.actor_uri("ana") + "/followers"
    to = [a.format(followers=followers, blog=uris.site_actor()) for a in audience["to"]]
    send(mastodon.create("ana", _reply(mastodon, article) | {"to": to, "cc": audience["cc"]}))
    assert not XtdComment.objects.exists()


def test_a_post_address_that_is_not_a_web_address_is_not_kept(client, mastodon, send, article):
    send(mastodon.create("ana", _reply(mastodon, article) | {"url": "javascript:alert(1)"}))
    post = RemoteComment.objects.get()
    assert post.url == post.note_uri  # the post's own address, on its author's server


def test_links_are_kept_and_mentions_read_as_text(mastodon, send, article):
    content = (
        '<p><span class="h-card"><a href="https://blog.example/@redaction" '
        'class="u-url mention">@<span>redaction</span></a></span> voyez '
        '<a href="https://exemple.org/guide" rel="nofollow noopener" target="_blank">'
        '<span class="invisible">https://</span><span class="">exemple.org/guide</span></a>'
        '<br>et <a href="https://m.example/tags/ecriture" class="mention hashtag" rel="tag">'
        "#<span>ecriture</span></a></p><p>Merci</p>"
    )
    send(mastodon.create("ana", _reply(mastodon, article, content)))
    assert XtdComment.objects.get().comment == (
        "@redaction voyez https://exemple.org/guide\net #ecriture\n\nMerci"
    )


def test_a_reply_breaking_the_blocklist_is_filed_as_spam(mastodon, send, article, settings):
    settings.EPW_COMMENTS_DISALLOWED_WORDS = ["casino en ligne"]
    send(mastodon.create("ana", _reply(mastodon, article, "<p>Le meilleur casino en ligne</p>")))
    comment = XtdComment.objects.get()
    assert (comment.is_public, comment.moderation.state) == (False, State.SPAM)


def test_a_reply_on_closed_comments_is_refused(mastodon, send, article):
    article.comments_open = False
    article.save()
    incoming = send(mastodon.create("ana", _reply(mastodon, article)))
    assert incoming.status == IncomingActivity.Status.REFUSED
    assert not XtdComment.objects.exists()


def test_an_edit_is_applied_and_held_again_when_it_breaks_the_rules(
    client, mastodon, send, article, moderator, django_capture_on_commit_callbacks
):
    note = _reply(mastodon, article)
    send(mastodon.create("ana", note))
    comment = XtdComment.objects.get()
    _approve(client, moderator, comment, django_capture_on_commit_callbacks)

    send(mastodon.update("ana", note | {"content": "<p>Corrigé : très juste.</p>"}))
    comment.refresh_from_db()
    assert (comment.comment, comment.is_public) == ("Corrigé : très juste.", True)
    assert "Corrigé" in client.get(article.get_absolute_url()).content.decode()

    links = "<p>https://a.example/1 et https://b.example/2</p>"
    send(mastodon.update("ana", note | {"content": links}))
    comment.refresh_from_db()
    assert (comment.is_public, comment.moderation.state) == (False, State.HELD)
    assert "a.example" not in client.get(article.get_absolute_url()).content.decode()


def test_someone_else_cannot_edit_or_delete_a_comment(mastodon, send, article):
    note = _reply(mastodon, article)
    send(mastodon.create("ana", note))
    send(mastodon._activity("bruno", "Delete", note["id"]))
    assert XtdComment.objects.get().comment == "Très juste, merci !"


def test_a_deleted_post_leaves_the_page(
    client, mastodon, send, article, moderator, django_capture_on_commit_callbacks
):
    note = _reply(mastodon, article)
    send(mastodon.create("ana", note))
    comment = XtdComment.objects.get()
    _approve(client, moderator, comment, django_capture_on_commit_callbacks)

    send(mastodon.delete("ana", note["id"]))

    comment.refresh_from_db()
    assert (comment.is_public, comment.is_removed, comment.comment) == (False, True, "")
    assert "Très juste" not in client.get(article.get_absolute_url()).content.decode()


def test_likes_and_boosts_are_counted_and_undone(mastodon, send, article):
    like = mastodon.like("ana", uris.article(article.pk))
    send(like)
    send(mastodon.like("bruno", site_url(article.get_absolute_url())))
    send(mastodon.announce("ana", uris.article(article.pk)))
    send(mastodon.announce("ana", "https://ailleurs.example/notes/1"))

    kinds = sorted(article.fediverse_reactions.values_list("kind", flat=True))
    assert kinds == [Reaction.Kind.BOOST, Reaction.Kind.LIKE, Reaction.Kind.LIKE]

    send(mastodon.undo("ana", like))
    assert article.fediverse_reactions.filter(kind=Reaction.Kind.LIKE).count() == 1


def test_a_site_answer_to_a_fediverse_comment_is_sent_to_its_author(
    client, mastodon, send, article, moderator, django_capture_on_commit_callbacks
):
    note = _reply(mastodon, article)
    send(mastodon.create("ana", note))
    remote_comment = XtdComment.objects.get()
    _approve(client, moderator, remote_comment, django_capture_on_commit_callbacks)
    answer = comment_services.comment_post(
        article=article,
        name="Claire",
        email="claire@example.org",
        url="",
        text="Merci à vous !",
        followup=False,
        parent_id=remote_comment.pk,
        proven=True,
    )
    assert mastodon.received == []  # held: nothing leaves before a moderator approves

    _approve(client, moderator, answer, django_capture_on_commit_callbacks)

    [(path, _headers, _body)] = mastodon.received
    assert path == "/users/ana/inbox"
    [create] = mastodon.activities(blog_key)
    sent = create["object"]
    assert (create["type"], create["actor"]) == ("Create", uris.site_actor())
    assert create["to"] == [mastodon.actor_uri("ana")]
    assert sent["inReplyTo"] == note["id"]
    assert sent["tag"] == [
        {"type": "Mention", "href": mastodon.actor_uri("ana"), "name": f"@ana@{mastodon.host}"}
    ]
    assert "Claire répond" in sent["content"] and "Merci à vous !" in sent["content"]
    assert "claire@example.org" not in _body.decode()
    # Its address answers, as Mastodon reads it when a user opens the thread.
    address = "/" + sent["id"].split("/", 3)[3]
    served = client.get(address, HTTP_ACCEPT="application/activity+json")
    assert (served.status_code, served.json()["id"]) == (200, sent["id"])

    # Ana answers the answer: her post goes under it on the site.
    send(
        mastodon.create("ana", mastodon.note("ana", "<p>Avec plaisir</p>", in_reply_to=sent["id"]))
    )
    again = XtdComment.objects.exclude(pk__in=[remote_comment.pk, answer.pk]).get()
    assert (again.parent_id, again.comment) == (answer.pk, "Avec plaisir")

    XtdComment.objects.filter(pk=answer.pk).update(is_public=False)  # unpublished by an editor
    assert client.get(address).status_code == 404


def test_nothing_is_sent_with_federation_off(
    client, mastodon, send, article, moderator, settings, django_capture_on_commit_callbacks
):
    send(mastodon.create("ana", _reply(mastodon, article)))
    remote_comment = XtdComment.objects.get()
    _approve(client, moderator, remote_comment, django_capture_on_commit_callbacks)
    settings.FEDIVERSE_ENABLED = False
    answer = comment_services.comment_post(
        article=article,
        name="Claire",
        email="claire@example.org",
        url="",
        text="Merci à vous !",
        followup=False,
        parent_id=remote_comment.pk,
        proven=True,
    )
    _approve(client, moderator, answer, django_capture_on_commit_callbacks)
    assert mastodon.received == []


def test_other_site_comments_are_never_sent(
    client, mastodon, send, article, moderator, django_capture_on_commit_callbacks
):
    send(mastodon.follow("ana", uris.site_actor()))
    mastodon.received.clear()
    first = comment_services.comment_post(
        article=article,
        name="Claire",
        email="claire@example.org",
        url="",
        text="Premier !",
        followup=False,
        proven=True,
    )
    _approve(client, moderator, first, django_capture_on_commit_callbacks)
    answer = comment_services.comment_post(
        article=article,
        name="Luc",
        email="luc@example.org",
        url="",
        text="Deuxième.",
        followup=False,
        parent_id=first.pk,
        proven=True,
    )
    _approve(client, moderator, answer, django_capture_on_commit_callbacks)
    assert mastodon.received == []


def test_the_article_page_reads_fediverse_comments_within_its_query_budget(
    client, mastodon, send, article, moderator, django_capture_on_commit_callbacks
):
    from tests.blog.test_query_budgets import count_queries

    for name in ("ana", "bruno"):
        send(mastodon.create(name, _reply(mastodon, article, name=name)))
    for comment in XtdComment.objects.all():
        _approve(client, moderator, comment, django_capture_on_commit_callbacks)

    path = article.get_absolute_url()
    assert count_queries(client, path) == 0
    with_posts = count_queries(client, path, after_a_change=True)
    assert client.get(path).content.decode().count("Voir la publication d’origine") == 2

    RemoteComment.objects.all().delete()  # the same comments, as if written on the site
    assert count_queries(client, path, after_a_change=True) == with_posts
