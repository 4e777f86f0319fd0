"""The article form's autosave in the back office (see blog.autosave): one JSON address per
article, and one for the new article being written, that the change page's script calls.

GET answers the editor's copy (or null), POST keeps the posted fields as the copy, POST with
`discard` forgets it. Once the form is saved for real, the copy is discarded and a cookie tells
the browser to forget its own copy too (the page it lands on may be the list).
"""

from django.contrib.admin.utils import unquote
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from blog.autosave import (
    AUTOSAVED_FIELDS,
    AutosaveRefused,
    autosave_discard,
    autosave_editable,
    autosave_of,
    autosave_store,
)

SAVED_COOKIE = "epw_autosave_saved"


def browser_key(user, object_id: str | None) -> str:
    """The name of the browser's copy: one per editor and article."""
    return f"{user.pk}:{unquote(object_id) if object_id else 'new'}"


def _answer(autosave) -> dict:
    if autosave is None:
        return {"autosave": None}
    return {"autosave": {"data": autosave.data, "saved_at": autosave.saved_at.isoformat()}}


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def autosave_view(model_admin):
    @require_http_methods(["GET", "POST"])
    def view(request: HttpRequest, object_id: str | None = None) -> HttpResponse:
        """The editor's copy of an article's form (object_id None: a new article)."""
        article = None
        if object_id is not None:
            article = model_admin.get_object(request, unquote(object_id))
            if article is None:
                return _error(_("Cet article n’existe pas."), 404)
        if not autosave_editable(user=request.user, article=article):
            return _error(_("Vous n’avez pas le droit de modifier cet article."), 403)
        if request.method == "GET":
            return JsonResponse(_answer(autosave_of(user=request.user, article=article)))
        if "discard" in request.POST:
            autosave_discard(user=request.user, article=article)
            return JsonResponse(_answer(None))
        try:
            autosave = autosave_store(
                user=request.user, article=article, fields=dict(request.POST.lists())
            )
        except AutosaveRefused as error:
            return _error(str(error), 400)
        return JsonResponse(_answer(autosave))

    return view


def autosave_context(model_admin, request: HttpRequest, object_id: str | None) -> dict:
    """What the change page's script needs, for the template's data attributes."""
    if object_id:
        name, args = "admin:blog_article_autosave", [object_id]
    else:
        name, args = "admin:blog_article_autosave_new", []
    return {
        "url": reverse(name, args=args, current_app=model_admin.admin_site.name),
        "key": browser_key(request.user, object_id),
        "fields": " ".join(AUTOSAVED_FIELDS),
    }


def discard_after_save(model_admin, request: HttpRequest, response: HttpResponse, object_id):
    """After a real save of the form (a POST answered by a redirect): forget the server's copy
    and tell the browser to forget its own (read and cleared by the script on the next page)."""
    if request.method != "POST" or response.status_code != 302:
        return
    article = model_admin.get_object(request, unquote(object_id)) if object_id else None
    if object_id and article is None:
        return
    autosave_discard(user=request.user, article=article)
    keys = [key for key in request.COOKIES.get(SAVED_COOKIE, "").split("|") if key][-9:]
    response.set_cookie(
        SAVED_COOKIE,
        "|".join([*keys, browser_key(request.user, object_id)]),
        max_age=86400,
        samesite="Lax",
        secure=request.is_secure(),
    )
