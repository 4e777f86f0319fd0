"""The addresses the fediverse knows the blog by.

They never change once given out (a follower keeps the actor's address forever), so they are
built on primary keys and fixed words, never on a handle, a slug or a title an editor may edit.
"""

from __future__ import annotations

from epw.core.site import site_url

ROOT = "/fediverse"


def site_actor() -> str:
    return site_url(f"{ROOT}/blog")


def author_actor(contributor_id: int) -> str:
    return site_url(f"{ROOT}/auteurs/{contributor_id}")


def actor(local_actor) -> str:
    if local_actor.contributor_id:
        return author_actor(local_actor.contributor_id)
    return site_actor()


def key_id(local_actor) -> str:
    return actor(local_actor) + "#main-key"


def inbox(local_actor) -> str:
    return actor(local_actor) + "/inbox"


def outbox(local_actor) -> str:
    return actor(local_actor) + "/outbox"


def followers(local_actor) -> str:
    return actor(local_actor) + "/followers"


def following(local_actor) -> str:
    return actor(local_actor) + "/following"


def shared_inbox() -> str:
    return site_url(f"{ROOT}/inbox")


def article(article_id: int) -> str:
    return site_url(f"{ROOT}/articles/{article_id}")


def activity(activity_uuid) -> str:
    return site_url(f"{ROOT}/activites/{activity_uuid}")


def comment(comment_id: int) -> str:
    """A site comment sent to the fediverse as a reply (see fediverse.replies)."""
    return site_url(f"{ROOT}/commentaires/{comment_id}")
