"""Public contributor pages and the "Devenez chroniqueur" flow (no account needed)."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from blog.models import Page
from blog.seo import page_seo
from blog.views import CardListMixin
from contributors import links, services
from contributors.drafts import sanitize_draft
from contributors.forms import ApplicationForm, LostLinkForm, RevisionForm
from contributors.models import CharterVersion, Contributor, Submission, SubmissionMessage
from contributors.seo import contributor_seo
from epw.core import ratelimit, signing
from epw.core.public_forms import public_form


class ContributorDetailView(CardListMixin, ListView):
    """A contributor's profile and their public articles.

    Only once they have a public article: an accepted columnist's bio and photo stay private
    until their first article is out, and an author page with nothing to read helps nobody.
    """

    template_name = "contributors/contributor_detail.html"
    card_heading_level = 3
    allow_empty = False

    def get_queryset(self):
        self.contributor = get_object_or_404(Contributor, slug=self.kwargs["slug"])
        return super().get_queryset().filter(authors=self.contributor)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            contributor=self.contributor, page_seo=contributor_seo(self.contributor), **kwargs
        )


def call(request: HttpRequest) -> HttpResponse:
    """The call for columnists: the editors' text (a page edited in the admin) and the way in."""
    page = Page.objects.filter(
        slug=settings.EPW_COLUMNIST_CALL_PAGE_SLUG, is_published=True
    ).first()
    context = {
        "page": page,
        "page_seo": page_seo(page) if page else None,
        "charter": CharterVersion.current(),
    }
    return render(request, "contributors/call.html", context)


def charter(request: HttpRequest) -> HttpResponse:
    """The current editorial charter, which applicants accept."""
    return render(request, "contributors/charter.html", {"charter": CharterVersion.current()})


def _applied(request: HttpRequest) -> HttpResponse:
    return redirect("contributors:apply_done")


def _too_many(
    request: HttpRequest, template: str, context: dict, form_class: type, retry: int
) -> HttpResponse:
    """The 429 page, the input kept and any file never read: a bound form would convert the
    uploaded draft while showing its errors."""
    form = form_class(initial=request.POST.dict())
    return ratelimit.too_many_requests(request, template, {**context, "form": form}, retry)


@never_cache
@public_form("application", success=_applied, per_address=True)
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
        retry = request.public_form.retry_after
        if retry:
            return _too_many(request, template, context, ApplicationForm, retry)
        if form.is_valid():
            data = form.cleaned_data
            if not request.public_form.address_spent:
                services.submission_apply(
                    name=data["name"],
                    email=data["email"],
                    bio=data["bio"],
                    title=data["title"],
                    standfirst=data["standfirst"],
                    body=data["draft_html"],
                    website=data["website"],
                    mastodon=data["mastodon"],
                    linkedin=data["linkedin"],
                    topics=data["topics"],
                    source_file=data.get("draft_file"),
                    photo=data.get("photo"),
                )
            return _applied(request)
    return render(request, template, context)


def apply_done(request: HttpRequest) -> HttpResponse:
    """After applying: the same words whatever the address, check your inbox."""
    return render(request, "contributors/apply_done.html")


def _link_invalid(request: HttpRequest) -> HttpResponse:
    """The same page for a link expired, tampered with or to a submission deleted since."""
    return render(request, "contributors/link_invalid.html", status=404)


@never_cache
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The confirmation link: GET shows a button (mail scanners change nothing), POST confirms.

    Once confirmed, the link says so and leads to the status page.
    """
    try:
        submission = Submission.objects.from_link(links.confirm_key(token))
    except signing.LinkInvalid:
        return _link_invalid(request)
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


def _revision_sent(request: HttpRequest, token: str) -> HttpResponse:
    return redirect(request.path + "?envoye=1")


@never_cache
@public_form("revision", success=_revision_sent)
def status(request: HttpRequest, token: str) -> HttpResponse:
    """The applicant's private page: timeline, editor messages, and the revision form."""
    try:
        submission = Submission.objects.from_link(links.status_key(token))
    except signing.LinkInvalid:
        return _link_invalid(request)
    if submission.status == Submission.Status.UNCONFIRMED:
        return _link_invalid(request)
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
        # Revisions have their own count: applying from the same network never uses up
        # the right to send the version the editors asked for.
        retry = request.public_form.retry_after
        if retry:
            return _too_many(request, template, context, RevisionForm, retry)
        if form.is_valid():
            data = form.cleaned_data
            services.submission_resubmit(
                submission=submission,
                message=data["message"],
                body=data["draft_html"],
                source_file=data.get("draft_file"),
            )
            return _revision_sent(request, token)
        return render(request, template, context)
    return render(request, template, {**context, "sent": "envoye" in request.GET})


def _links_sent(request: HttpRequest) -> HttpResponse:
    return redirect(reverse("contributors:lost_link") + "?envoye=1")


@never_cache
@public_form("lost-link", success=_links_sent, per_address=True)
def lost_link(request: HttpRequest) -> HttpResponse:
    """ "Lost your link?": the same answer whatever the address; links go only to its inbox."""
    form = LostLinkForm(request.POST or None)
    template = "contributors/lost_link.html"
    if request.method == "POST":
        retry = request.public_form.retry_after
        if retry:
            return ratelimit.too_many_requests(request, template, {"form": form}, retry)
        if form.is_valid():
            if not request.public_form.address_spent:
                services.submission_links_resend(email=form.cleaned_data["email"])
            return _links_sent(request)
        return render(request, template, {"form": form})
    return render(request, template, {"form": form, "sent": "envoye" in request.GET})
