"""Commenters' pages: posting a comment, confirming the address, muting follow-up e-mails."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_comments_xtd.models import XtdComment

from blog.comments import proof, services, tokens
from blog.comments.forms import CommentForm
from blog.comments.identity import forget_identity, remember_identity
from blog.comments.models import CommentModeration
from blog.comments.permalinks import comment_path
from blog.models import Article
from epw.core import ratelimit
from epw.core.privacy import client_ip
from epw.core.public_forms import public_form
from epw.core.signing import LinkExpired, LinkInvalid

FORM_PAGE = "blog/comments/form_page.html"
SENT_PAGE_MAX_AGE = 3600
# Which link a reader followed, so an error page can say what to do about that one.
LINK_KINDS = {tokens.CONFIRM: "confirm", tokens.MUTE: "mute", tokens.SENT: "sent"}


def _form_page(request, article, form, *, status=200, retry_after=0) -> HttpResponse:
    context = {"article": article, "form": form}
    if retry_after:
        return ratelimit.too_many_requests(request, FORM_PAGE, context, retry_after)
    return render(request, FORM_PAGE, context, status=status)


def _nothing_posted(request: HttpRequest, pk: int) -> HttpResponse:
    article = get_object_or_404(Article.objects.published(), pk=pk)
    return redirect(f"{article.get_absolute_url()}#commentaires")


@public_form("comment", success=_nothing_posted)
def post_comment(request: HttpRequest, pk: int) -> HttpResponse:
    """A reader sends a comment (or a reply) on a public article."""
    if request.method == "GET":
        return _nothing_posted(request, pk)
    article = get_object_or_404(Article.objects.published(), pk=pk)
    form = CommentForm(article, data=request.POST)
    if request.public_form.retry_after:
        return _form_page(request, article, form, retry_after=request.public_form.retry_after)
    if not form.is_valid():  # counted as an attempt, not against the flood limits
        return _form_page(request, article, form, status=400)
    data = form.cleaned_data
    proven = proof.sender_proven(request, data["email"])
    try:
        comment = services.comment_post(
            article=article,
            name=data["name"],
            email=data["email"],
            url=data["url"],
            text=data["comment"],
            followup=data["followup"],
            parent_id=data["reply_to"] or 0,
            ip=client_ip(request),
            proven=proven,
        )
    except services.CommentFlooded as flood:
        return _form_page(request, article, form, retry_after=flood.retry_after)
    except services.CommentError as error:
        form.add_error(None, error.message)
        return _form_page(request, article, form, status=400)
    response = redirect("blog_comments:sent", token=tokens.make(tokens.SENT, comment.pk))
    if proven:
        proof.remember(response, request, data["email"])
    if data["remember"]:
        remember_identity(
            response, request, name=data["name"], email=data["email"], url=data["url"]
        )
    else:
        forget_identity(response)
    return response


def _comment_and_article(comment_id: int) -> tuple[XtdComment | None, Article | None]:
    comment = XtdComment.norel_objects.filter(pk=comment_id).select_related("moderation").first()
    if comment is None:
        return None, None
    return comment, Article.objects.filter(pk=comment.object_pk).first()


def _state(comment: XtdComment) -> str:
    moderation = getattr(comment, "moderation", None)
    if moderation is None:
        return CommentModeration.State.PUBLIC if comment.is_public else ""
    return moderation.state


def _read_link(request, purpose: str, token: str, max_age: int):
    """The comment a signed link points to, or the error page (told which link) to show instead."""
    kind = LINK_KINDS[purpose]
    try:
        comment_id = tokens.read(purpose, token, max_age=max_age)
    except LinkExpired:
        _comment, article = _comment_and_article(tokens.read(purpose, token, max_age=None))
        context = {"kind": kind, "article": article}
        return None, None, render(request, "blog/comments/link_expired.html", context, status=410)
    except LinkInvalid:
        context = {"kind": kind}
        return None, None, render(request, "blog/comments/link_invalid.html", context, status=400)
    comment, article = _comment_and_article(comment_id)
    if comment is None or article is None:
        context = {"kind": kind}
        return None, None, render(request, "blog/comments/link_invalid.html", context, status=404)
    return comment, article, None


def sent(request: HttpRequest, token: str) -> HttpResponse:
    """What became of the comment the reader just sent (the page the form leads to)."""
    comment, article, error = _read_link(request, tokens.SENT, token, SENT_PAGE_MAX_AGE)
    if error:
        return error
    context = {
        "comment": comment,
        "article": article,
        "state": _state(comment),
        "comment_url": comment_path(comment, article),
    }
    return render(request, "blog/comments/sent.html", context)


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """A first-time commenter confirms the address: GET shows a button, POST confirms.

    Confirming proves the address: this browser's next comments under it need no new link.
    """
    comment, article, error = _read_link(request, tokens.CONFIRM, token, tokens.confirm_max_age())
    if error:
        return error
    state = _state(comment)
    if request.method == "GET" and state == CommentModeration.State.UNCONFIRMED:
        return render(
            request, "blog/comments/confirm.html", {"comment": comment, "article": article}
        )
    again = state != CommentModeration.State.UNCONFIRMED
    if not again:
        state = services.comment_confirm(comment_id=comment.pk).state
    context = {
        "comment": comment,
        "article": article,
        "state": state,
        "again": again,
        "comment_url": comment_path(comment, article),
    }
    response = render(request, "blog/comments/confirmed.html", context)
    if request.method == "POST":
        proof.remember(response, request, comment.user_email)
    return response


@csrf_exempt  # one-click unsubscribe (RFC 8058): mail clients POST without a form token
@require_http_methods(["GET", "POST"])
def mute(request: HttpRequest, token: str) -> HttpResponse:
    """A follower stops the reply e-mails of one article: GET shows a button, POST mutes."""
    comment, article, error = _read_link(request, tokens.MUTE, token, tokens.mute_max_age())
    if error:
        return error
    context = {"comment": comment, "article": article}
    if request.method == "POST":
        services.commenter_mute(comment_id=comment.pk)
        return render(request, "blog/comments/muted.html", context)
    return render(request, "blog/comments/mute.html", context)
