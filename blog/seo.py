"""How the blog's pages describe themselves to search engines and social networks."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext
from taggit.models import Tag

from blog.feeds import CategoryAtomFeed, CategoryFeed, TagAtomFeed, TagFeed, summary_text
from blog.models import Article, Category, Page
from epw.core.seo import SeoMeta, feed_link, iso, json_ld, shorten
from epw.core.site import site_url


def article_seo(article: Article, *, canonical: str) -> SeoMeta:
    """OpenGraph values and schema.org JSON-LD of an article (authors and tags prefetched)."""
    authors = list(article.authors.all())
    seo = SeoMeta(
        canonical=canonical,
        type="article",
        title=article.seo_title or article.title,
        description=article.seo_description or shorten(summary_text(article)),
        published=iso(article.published_at),
        modified=iso(article.last_modified),
        section=article.category.name if article.category else "",
        tags=[tag.name for tag in article.tags.all()],
        author_urls=[site_url(author.get_absolute_url()) for author in authors],
    )
    if article.cover:
        seo.image = site_url(article.cover.url)
        seo.image_alt = article.cover_alt
        seo.image_width, seo.image_height = article.cover_width, article.cover_height
    seo.json_ld = json_ld(_article_graph(seo, article, authors))
    return seo


def page_seo(page: Page) -> SeoMeta:
    return SeoMeta(title=page.title, description=page.seo_description or page.title)


def category_seo(category: Category) -> SeoMeta:
    return SeoMeta(
        title=category.name,
        description=shorten(category.description or category.name),
        feeds=[feed_link(CategoryFeed(), CategoryAtomFeed(), category)],
    )


def tag_seo(tag: Tag) -> SeoMeta:
    return SeoMeta(
        title=tag.name,
        description=gettext("Articles avec l’étiquette « %(name)s »") % {"name": tag.name},
        feeds=[feed_link(TagFeed(), TagAtomFeed(), tag)],
    )


def _article_graph(seo: SeoMeta, article: Article, authors: list) -> dict:
    """schema.org `Article` and its `BreadcrumbList` (Home › Category › Article)."""
    home = site_url(reverse("blog:home"))
    entry = {
        "@type": "Article",
        "headline": article.title,
        "description": seo.description,
        "datePublished": seo.published,
        "dateModified": seo.modified,
        "author": [
            {"@type": "Person", "name": author.display_name, "url": url}
            for author, url in zip(authors, seo.author_urls, strict=True)
        ],
        "publisher": {"@type": "Organization", "name": settings.EPW_SITE_NAME, "url": home},
        "mainEntityOfPage": seo.canonical,
        "url": seo.canonical,
        "inLanguage": settings.LANGUAGE_CODE,
    }
    if seo.image:
        entry["image"] = [seo.image]
    if seo.section:
        entry["articleSection"] = seo.section
    if seo.tags:
        entry["keywords"] = seo.tags
    trail = [(gettext("Accueil"), home)]
    if article.category:
        trail.append((article.category.name, site_url(article.category.get_absolute_url())))
    trail.append((article.title, seo.canonical))
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(trail, start=1)
        ],
    }
    return {"@context": "https://schema.org", "@graph": [entry, breadcrumbs]}
