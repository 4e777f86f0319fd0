"""Who else has an article open in the admin, shown as « Claire Vasseur modifie cet article
depuis 10 h 42 ».

Each open change page is a tab with a random id. The page records itself when it is rendered,
then its script (static/js/admin-presence.js) beats every HEARTBEAT seconds and says goodbye
when it closes. Who has an article open, in which tabs and since when, lives in one entry of
the default cache (shared by every web process: files or Redis); a tab that stopped beating
for EXPIRY seconds is gone. Two beats written at the same instant may drop one tab from the
entry: its next beat puts it back.
"""

import re
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from blog.models import Article
from epw.core.clock import clock_time

HEARTBEAT = 30
EXPIRY = 90
_TAB = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class Presence:
    name: str
    since: datetime


def _key(article_pk: int) -> str:
    return f"article-presence:{article_pk}"


def _people(article_pk: int, now: float) -> dict:
    """{user id: {"name", "since", "last", "tabs": {tab: last beat}}}, without what expired.

    Someone whose last tab just closed is kept a little while: the page that comes back after
    a save continues their « depuis » instead of starting a new one."""
    people = {}
    for user_pk, person in (cache.get(_key(article_pk)) or {}).items():
        tabs = {tab: seen for tab, seen in person["tabs"].items() if now - seen < EXPIRY}
        if tabs or now - person["last"] < EXPIRY:
            people[user_pk] = {**person, "tabs": tabs}
    return people


def new_tab() -> str:
    return secrets.token_hex(16)


def presence_beat(*, article_pk: int, tab: str, user) -> None:
    """Record that `user` has the article open in `tab`."""
    now = time.time()
    people = _people(article_pk, now)
    person = people.get(user.pk) or {"since": now, "tabs": {}}
    person.update(name=user.get_full_name() or user.get_username(), last=now)
    person["tabs"][tab] = now
    people[user.pk] = person
    cache.set(_key(article_pk), people, EXPIRY)


def presence_leave(*, article_pk: int, tab: str, user) -> None:
    """One of the user's tabs was closed or left: forget it at once."""
    now = time.time()
    people = _people(article_pk, now)
    if user.pk in people and people[user.pk]["tabs"].pop(tab, None) is not None:
        people[user.pk]["last"] = now
        cache.set(_key(article_pk), people, EXPIRY)


def others_present(*, article_pk: int, user) -> list[Presence]:
    """The other people who have the article open, the longest there first."""
    people = _people(article_pk, time.time())
    present = [
        Presence(person["name"], datetime.fromtimestamp(person["since"], tz=UTC))
        for user_pk, person in people.items()
        if user_pk != user.pk and person["tabs"]
    ]
    return sorted(present, key=lambda presence: presence.since)


def presence_notices(*, article_pk: int, user) -> list[str]:
    return [
        _("%(name)s modifie cet article depuis %(time)s")
        % {"name": presence.name, "time": clock_time(presence.since)}
        for presence in others_present(article_pk=article_pk, user=user)
    ]


def presence_view(model_admin):
    @require_POST
    def view(request, object_id):
        """Heartbeat of an open change page (or its goodbye): records the editor and answers
        who else has the article open. CSRF-checked by the admin site."""
        article = model_admin.get_object(request, object_id)
        if article is None:
            raise Http404
        if not model_admin.has_view_or_change_permission(request, article):
            raise PermissionDenied
        tab = request.POST.get("tab", "")
        if not _TAB.fullmatch(tab):
            return HttpResponseBadRequest(_("Onglet inconnu."))
        if request.POST.get("action") == "leave":
            presence_leave(article_pk=article.pk, tab=tab, user=request.user)
            return HttpResponse(status=204)
        if model_admin.has_change_permission(request, article):
            presence_beat(article_pk=article.pk, tab=tab, user=request.user)
        return JsonResponse({"notices": presence_notices(article_pk=article.pk, user=request.user)})

    return view


def presence_context(request, model_admin, article: Article) -> dict:
    """What the change page needs: its tab (recorded now if the user may edit) and the notices."""
    tab = new_tab()
    if model_admin.has_change_permission(request, article):
        presence_beat(article_pk=article.pk, tab=tab, user=request.user)
    return {
        "presence_tab": tab,
        "presence_every": HEARTBEAT,
        "presence_notices": presence_notices(article_pk=article.pk, user=request.user),
    }
