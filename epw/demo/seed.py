"""Fill an empty database with the demo content; running it again changes nothing."""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.contrib.sites.models import Site
from django.db import transaction
from django.utils import timezone
from django_comments_xtd.models import XtdComment

from blog.models import Announcement, Article, Category, CommentModeration, Page, SiteSettings
from blog.renditions import get_renditions
from contributors.models import CharterVersion, Contributor
from epw.core.chrome_cache import site_changed
from epw.demo import content
from epw.demo.covers import demo_cover
from newsletter.models import Subscriber


@transaction.atomic
def seed_demo() -> dict[str, int]:
    """Create whatever demo object is missing; return how many of each were created."""
    created = {
        "contributors": 0,
        "categories": 0,
        "articles": 0,
        "pages": 0,
        "comments": 0,
        "charter versions": 0,
    }
    contributors = {}
    for data in content.CONTRIBUTORS:
        contributor, new = Contributor.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "display_name": data["display_name"],
                "kind": data["kind"],
                "bio": data["bio"],
                "website": data.get("website", ""),
            },
        )
        contributors[contributor.slug] = contributor
        created["contributors"] += new

    categories = {}
    for position, data in enumerate(content.CATEGORIES):
        category, new = Category.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "description": data["description"],
                "position": position,
            },
        )
        categories[category.slug] = category
        created["categories"] += new

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for data in content.ARTICLES:
        article, new = Article.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "standfirst": data["standfirst"],
                "body": data["body"],
                "category": categories[data["category"]],
                "status": Article.Status.PUBLISHED,
                "published_at": now - timedelta(days=data["days_ago"], hours=2),
                "featured": data.get("featured", False),
            },
        )
        if not new:
            continue
        created["articles"] += 1
        article.cover_alt = "Illustration abstraite : des lignes de texte sur une page colorée"
        article.cover.save(f"{article.slug}.jpg", demo_cover(article.slug), save=True)
        get_renditions(article.cover)  # as on upload: the pages show them from the first visit
        article.authors.set([contributors[slug] for slug in data["authors"]])
        article.tags.set(data["tags"])
        created["comments"] += _add_comments(article, data.get("comments", []))

    for position, data in enumerate(content.PAGES):
        _page, new = Page.objects.get_or_create(
            slug=data["slug"],
            defaults={"title": data["title"], "body": data["body"], "position": position},
        )
        created["pages"] += new

    if not CharterVersion.objects.exists():
        CharterVersion.objects.create(version=1, **content.CHARTER)
        created["charter versions"] = 1

    for email in content.SUBSCRIBERS:
        Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "status": Subscriber.Status.CONFIRMED,
                "source": "demo",
                "consented_at": now,
                "confirmed_at": now,
            },
        )

    Announcement.objects.get_or_create(
        title="Devenez chroniqueur pour la rentrée",
        defaults={
            "body": (
                "<p>Vous avez une expérience à partager sur l’écriture pour le web ? "
                "Notre appel à chroniques est ouvert : lisez la charte et proposez un sujet.</p>"
            ),
            "placement": Announcement.Placement.AFTER_ARTICLE,
            "link_url": "/devenez-chroniqueur/charte/",
            "link_label": "Lire la charte éditoriale",
        },
    )

    settings, _new = SiteSettings.objects.get_or_create(pk=1)
    if not settings.about_blurb:
        settings.about_blurb = content.ABOUT_BLURB
        settings.founded_year = 2006
        settings.hashtag = "#EPW"
        settings.mastodon_url = "https://mastodon.example.org/@epw"
        settings.linkedin_url = "https://www.linkedin.example.org/company/epw"
        settings.save()
    site_changed()
    return created


def _add_comments(article: Article, comments: list[dict], parent: XtdComment | None = None) -> int:
    count = 0
    site = Site.objects.get_current()
    content_type = ContentType.objects.get_for_model(Article)
    for offset, data in enumerate(comments, start=1):
        comment = XtdComment.objects.create(
            content_type=content_type,
            object_pk=str(article.pk),
            site=site,
            name=data["name"],
            email=data["email"],
            url=data.get("website", ""),
            comment=data["body"],
            submit_date=article.published_at
            + timedelta(hours=3 * offset + (parent.pk if parent else 0) % 5),
            is_public=True,
            parent_id=parent.pk if parent else 0,
        )
        CommentModeration.objects.create(
            comment=comment,
            state=CommentModeration.State.PUBLIC,
            fingerprint=f"demo-{comment.pk}",
            confirmed_at=comment.submit_date,
            decided_at=comment.submit_date,
        )
        count += 1 + _add_comments(article, data.get("replies", []), parent=comment)
    return count
