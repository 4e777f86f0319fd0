"""The fediverse in the back office: followers to approve, blocks, reactions, what was sent.

Followers, blocks and reactions are what editors act on or read; activities and deliveries
are read-only records, kept for troubleshooting a server that does not receive the blog.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from blog.models import Article
from fediverse.following import FollowingError, follower_approve, follower_reject
from fediverse.models import (
    Block,
    Delivery,
    Follower,
    IncomingActivity,
    OutgoingActivity,
    Reaction,
    RemoteActor,
)

ARTICLES_PER_PAGE = 50


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the fediverse machinery, never typed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Follower)
class FollowerAdmin(admin.ModelAdmin):
    list_display = ["handle", "server", "actor", "status", "created_at"]
    list_filter = ["status", "actor", "remote__domain"]
    search_fields = ["remote__username", "remote__domain", "remote__uri", "remote__name"]
    list_select_related = ["remote", "actor__contributor"]
    readonly_fields = ["actor", "remote", "status", "follow_id", "created_at"]
    actions = ["approve", "reject"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # Removing a follower goes through the « refuse » action, which tells their server.
        return False

    @admin.display(description=_("compte"), ordering="remote__username")
    def handle(self, follower):
        return follower.remote.handle

    @admin.display(description=_("serveur"), ordering="remote__domain")
    def server(self, follower):
        return follower.remote.domain

    @admin.action(
        description=_("Accepter les demandes d’abonnement choisies"), permissions=["change"]
    )
    def approve(self, request, queryset):
        done = 0
        for follower in queryset:
            try:
                follower_approve(follower=follower)
            except FollowingError as error:
                self.message_user(request, f"{follower.remote}: {error}", messages.WARNING)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                ngettext("%(count)d abonnement accepté.", "%(count)d abonnements acceptés.", done)
                % {"count": done},
                messages.SUCCESS,
            )

    @admin.action(
        description=_("Refuser les demandes choisies ou retirer ces abonnés"),
        permissions=["change"],
    )
    def reject(self, request, queryset):
        count = 0
        for follower in queryset:
            follower_reject(follower=follower)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d abonnement refusé.", "%(count)d abonnements refusés.", count)
            % {"count": count},
            messages.SUCCESS,
        )


class BlockForm(forms.ModelForm):
    class Meta:
        model = Block
        fields = ["domain", "actor_uri", "reason"]
        help_texts = {
            "domain": _(
                "Par exemple mastodon.example : tout ce qui vient de ce serveur est ignoré."
            ),
            "actor_uri": _("L’adresse du compte, par exemple https://mastodon.example/users/nom."),
        }

    def clean_domain(self):
        return self.cleaned_data["domain"].strip().lower()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("domain") and not cleaned.get("actor_uri"):
            self.add_error("domain", _("Indiquez un serveur, un compte, ou les deux."))
        return cleaned


@admin.register(Block)
class BlockAdmin(admin.ModelAdmin):
    form = BlockForm
    list_display = ["__str__", "reason", "created_at"]
    search_fields = ["domain", "actor_uri", "reason"]


@admin.register(RemoteActor)
class RemoteActorAdmin(ReadOnlyAdmin):
    list_display = ["handle", "name", "domain", "fetched_at"]
    search_fields = ["username", "domain", "uri", "name"]
    list_filter = ["domain"]
    exclude = ["public_key_pem"]

    @admin.display(description=_("compte"), ordering="username")
    def handle(self, remote):
        return remote.handle


@admin.register(Reaction)
class ReactionAdmin(ReadOnlyAdmin):
    list_display = ["article", "kind", "remote", "created_at"]
    list_filter = ["kind", "remote__domain"]
    search_fields = ["article__title", "remote__username", "remote__domain"]
    list_select_related = ["article", "remote"]
    date_hierarchy = "created_at"
    change_list_template = "admin/fediverse/reaction/change_list.html"

    def get_urls(self):
        return [
            path(
                "par-article/",
                self.admin_site.admin_view(self.by_article_view),
                name="fediverse_reaction_by_article",
            ),
            *super().get_urls(),
        ]

    def by_article_view(self, request):
        """Editors: how many likes and boosts each article received, most shared first."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        articles = (
            Article.objects.filter(fediverse_reactions__isnull=False)
            .annotate(
                likes=Count("fediverse_reactions", filter=Q(fediverse_reactions__kind="like")),
                boosts=Count("fediverse_reactions", filter=Q(fediverse_reactions__kind="boost")),
            )
            .order_by("-boosts", "-likes", "-published_at", "-pk")
            .only("title", "published_at")
        )
        page = Paginator(articles, ARTICLES_PER_PAGE).get_page(request.GET.get("p"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("J’aime et partages par article"),
            "page": page,
            "changelist_url": reverse("admin:fediverse_reaction_changelist"),
        }
        return TemplateResponse(request, "admin/fediverse/reaction/by_article.html", context)


class DeliveryInline(admin.TabularInline):
    model = Delivery
    fields = ["inbox", "status", "attempts", "next_attempt_at", "sent_at", "last_error"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(OutgoingActivity)
class OutgoingActivityAdmin(ReadOnlyAdmin):
    list_display = ["type", "actor", "article", "public", "created_at", "sent", "waiting", "failed"]
    list_filter = ["type", "public", "actor"]
    search_fields = ["uuid", "article__title"]
    list_select_related = ["actor__contributor", "article"]
    date_hierarchy = "created_at"
    inlines = [DeliveryInline]
    fields = ["type", "actor", "article", "public", "created_at", "payload"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
                waiting_count=Count(
                    "deliveries", filter=Q(deliveries__status=Delivery.Status.PENDING)
                ),
                failed_count=Count(
                    "deliveries", filter=Q(deliveries__status=Delivery.Status.GIVEN_UP)
                ),
            )
        )

    @admin.display(description=_("envoyées"), ordering="sent_count")
    def sent(self, activity):
        return activity.sent_count

    @admin.display(description=_("en attente"), ordering="waiting_count")
    def waiting(self, activity):
        return activity.waiting_count

    @admin.display(description=_("abandonnées"), ordering="failed_count")
    def failed(self, activity):
        return activity.failed_count


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = ["activity", "inbox", "status", "attempts", "next_attempt_at", "sent_at"]
    list_filter = ["status", "attempts"]
    search_fields = ["inbox", "activity__uuid"]
    list_select_related = ["activity"]
    readonly_fields = ["last_error"]


@admin.register(IncomingActivity)
class IncomingActivityAdmin(ReadOnlyAdmin):
    list_display = ["type", "actor_uri", "status", "received_at", "error"]
    list_filter = ["status", "type"]
    search_fields = ["activity_id", "actor_uri"]
    date_hierarchy = "received_at"
