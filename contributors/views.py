"""Public contributor pages and the "Devenez chroniqueur" flow (no account needed)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from blog.models import Page
from blog.views import ArticleListMixin
from contributors import links, services
from contributors.drafts import sanitize_draft
from contributors.forms import ApplicationForm, LostLinkForm, RevisionForm
from contributors.models import CharterVersion, Contributor, Submission, SubmissionMessage
from epw import ratelimit
from epw.privacy import client_ip


class ContributorDetailView(ArticleListMixin, ListView):
    """A contributor's profile and their public articles.

    Only once they have a public article: an accepted columnist's bio and photo stay private
    until their first article is out, and an author page with nothing to read helps nobody.
    """

    template_name = "contributors/contributor_detail.html"

    def get_queryset(self):
        self.contributor = get_object_or_404(
            Contributor.objects.with_published_articles(), slug=self.kwargs["slug"]
        )
        return super().get_queryset().filter(authors=self.contributor)

    def get_context_data(self, **kwargs):
        return super().get_context_data(contributor=self.contributor, **kwargs)


def call(request: HttpRequest) -> HttpResponse:
    """The call for columnists: the editors' text (a page edited in the admin) and the way in."""
    page = Page.objects.filter(
        slug=settings.EPW_COLUMNIST_CALL_PAGE_SLUG, is_published=True
    ).first()
    context = {"page": page, "charter": CharterVersion.current()}
    return render(request, "contributors/call.html", context)


def charter(request: HttpRequest) -> HttpResponse:
    """The current editorial charter, which applicants accept."""
    return render(request, "contributors/charter.html", {"charter": CharterVersion.current()})


def _limited(scope: str, key: str, limit: tuple[int, int]) -> int:
    return ratelimit.hit(scope, key, limit=limit[0], period=limit[1])


def _too_many_files(
    request: HttpRequest, template: str, context: dict, form_class: type, retry: int
) -> HttpResponse:
    """The 429 page for an attempt carrying a file, its input kept and its file never read."""
    form = form_class(initial=request.POST.dict())
    return ratelimit.too_many_requests(request, template, {**context, "form": form}, retry)


@never_cache
def apply(request: HttpRequest) -> HttpResponse:
    """The application form: identity, proposed article and draft (pasted or uploaded).

    Applicants accept the charter's current version; until editors publish a first one, the
    form is closed rather than shown without it: a text sent without any agreement on
    originality and rights might not be publishable.
    """
    charter = CharterVersion.current()
    template = "contributors/apply.html"
    if charter is None:
        return render(request, template, {"charter": None})
    form = ApplicationForm(request.POST or None, request.FILES or None)
    context = {"form": form, "charter": charter}
    if request.method == "POST":
        if form.filled_by_robot():
            return redirect("contributors:apply_done")
        # A file costs a conversion: every attempt carrying one counts, before it is read.
        # Other forms count once they would be recorded: a form sent back for a missing field
        # must not lock its author out.
        limit_ip = settings.EPW_SUBMISSION_RATE_IP
        retry = bool(request.FILES) and _limited("submission-ip", client_ip(request), limit_ip)
        if retry:
            return _too_many_files(request, template, context, ApplicationForm, retry)
        if form.is_valid():
            data = form.cleaned_data
            retry = (
                not request.FILES and _limited("submission-ip", client_ip(request), limit_ip)
            ) or _limited(
                "submission-email", data["email"].lower(), settings.EPW_SUBMISSION_RATE_EMAIL
            )
            if retry:
                return ratelimit.too_many_requests(request, template, context, retry)
            services.submission_apply(
                data=data,
                body=data["draft_html"],
                source_file=data.get("draft_file"),
                photo=data.get("photo"),
            )
            return redirect("contributors:apply_done")
    return render(request, template, context)


def apply_done(request: HttpRequest) -> HttpResponse:
    """After applying: the same words whatever the address, check your inbox."""
    return render(request, "contributors/apply_done.html")


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation link: GET shows a button (mail scanners change nothing), POST confirms.

    Once confirmed, the link says so and leads to the status page.
    """
    submission = links.submission_from_confirm_token(token)
    if submission is None:
        return render(request, "contributors/link_invalid.html", status=404)
    template = "contributors/confirm.html"
    confirmed = submission.status != Submission.Status.UNCONFIRMED
    if request.method == "POST":
        if not confirmed:
            try:
                services.submission_confirm_email(submission=submission)
            except services.SubmissionLimitReached:
                context = {"submission": submission, "max_open": settings.EPW_SUBMISSION_MAX_OPEN}
                return render(request, template, {**context, "limit_reached": True}, status=409)
        return redirect(links.status_path(submission))
    context = {"submission": submission, "confirmed": confirmed}
    if confirmed:
        context["status_path"] = links.status_path(submission)
    return render(request, template, context)


def _timeline(submission: Submission) -> list[dict]:
    events = [{"at": submission.created_at, "label": _("Proposition envoyée")}]
    if submission.confirmed_at:
        events.append({"at": submission.confirmed_at, "label": _("Adresse e-mail confirmée")})
    for version in submission.versions.all():
        if version.number > 1:
            events.append(
                {
                    "at": version.created_at,
                    "label": _("Version %(number)s envoyée") % {"number": version.number},
                }
            )
    for message in submission.messages.exclude(kind=SubmissionMessage.Kind.NOTE):
        events.append(
            {
                "at": message.created_at,
                "label": message.get_status_display() if message.status else "",
                "message": message,
            }
        )
    if submission.published_notified_at:
        events.append({"at": submission.published_notified_at, "label": _("Article publié")})
    return sorted(events, key=lambda event: event["at"])


@never_cache
def status(request: HttpRequest, token: str) -> HttpResponse:
    """The applicant's private page: timeline, editor messages, and the revision form."""
    submission = links.submission_from_status_token(token)
    if submission is None or submission.status == Submission.Status.UNCONFIRMED:
        return render(request, "contributors/link_invalid.html", status=404)
    version = submission.latest_version
    form = None
    if submission.status == Submission.Status.CHANGES:
        initial = {"body": version.body} if version else {}
        form = RevisionForm(request.POST or None, request.FILES or None, initial=initial)
    context = {
        "submission": submission,
        "timeline": _timeline(submission),
        "version": version,
        "version_body": sanitize_draft(version.body) if version else "",
        "form": form,
    }
    template = "contributors/status.html"
    if request.method == "POST" and form is not None:
        # Revisions have their own count: applying from the same network never uses up the
        # right to send the version the editors asked for. As on the application form, an
        # attempt carrying a file counts before the file is read, valid or not.
        limit_ip = settings.EPW_SUBMISSION_RATE_IP
        retry = bool(request.FILES) and _limited("revision-ip", client_ip(request), limit_ip)
        if retry:
            return _too_many_files(request, template, context, RevisionForm, retry)
        if form.is_valid():
            retry = not request.FILES and _limited("revision-ip", client_ip(request), limit_ip)
            if retry:
                return ratelimit.too_many_requests(request, template, context, retry)
            data = form.cleaned_data
            services.submission_resubmit(
                submission=submission,
                message=data["message"],
                body=data["draft_html"],
                source_file=data.get("draft_file"),
            )
            return redirect(request.path + "?envoye=1")
        return render(request, template, context)
    return render(request, template, {**context, "sent": "envoye" in request.GET})


@never_cache
def lost_link(request: HttpRequest) -> HttpResponse:
    """ "Lost your link?": the same answer whatever the address; links go only to its inbox."""
    form = LostLinkForm(request.POST or None)
    template = "contributors/lost_link.html"
    if request.method == "POST":
        if form.filled_by_robot():
            return redirect(reverse("contributors:lost_link") + "?envoye=1")
        if form.is_valid():
            retry = _limited("lostlink-ip", client_ip(request), settings.EPW_SUBMISSION_RATE_IP)
            if retry:
                return ratelimit.too_many_requests(request, template, {"form": form}, retry)
            email = form.cleaned_data["email"]
            email_limit = settings.EPW_SUBMISSION_RATE_EMAIL
            if not _limited("lostlink-email", email.lower(), email_limit):
                services.submission_links_resend(email=email)
            return redirect(reverse("contributors:lost_link") + "?envoye=1")
        return render(request, template, {"form": form})
    return render(request, template, {"form": form, "sent": "envoye" in request.GET})
