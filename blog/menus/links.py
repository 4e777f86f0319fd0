"""The menus as readers see them: plain links, read in two queries whatever their size.

A slot with no item (no menu defined yet, or every item removed) shows the site's default
navigation: home, each category, the tag list and « À propos » in the main menu; the pages
marked « lien dans le pied de page » and the tag list in the footer. Items whose page or
article is not public are left out, with their sub-items.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import F, Value
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blog.menus.models import Menu, MenuItem
from blog.models import Category, Page

MAIN, FOOTER = Menu.Slot.MAIN, Menu.Slot.FOOTER
NAMES = {
    "category": "name",
    "tag": "name",
    "page": "title",
    "article": "title",
    "author": "display_name",
}


@dataclass
class MenuLink:
    label: str  # lazy for the default links: translated when the layout is rendered
    url: str
    category_slug: str = ""  # marks the link as the current page on that category's pages
    children: list["MenuLink"] = field(default_factory=list)


def menus_read() -> dict[str, list[MenuLink]]:
    """The links of each slot, top items in order, each with its sub-items."""
    items = (
        MenuItem.objects.select_related("menu", "category", "tag", "page", "article", "author")
        .defer("page__body", "article__body")
        .order_by("position", "pk")
    )
    links: dict[str, list[MenuLink]] = defaultdict(list)
    tops: dict[int, MenuLink] = {}
    defined = set()
    # Top items first, so that each sub-item finds its parent's link.
    for item in sorted(items, key=lambda item: item.parent_id is not None):
        defined.add(item.menu.slot)
        link = _link(item)
        if link is None:
            continue
        if item.parent_id is None:
            links[item.menu.slot].append(link)
            tops[item.pk] = link
        elif item.parent_id in tops:
            tops[item.parent_id].children.append(link)
    missing = [slot for slot in (MAIN, FOOTER) if slot not in defined]
    links.update(_defaults(missing))
    return {slot: links[slot] for slot in (MAIN, FOOTER)}


def _link(item: MenuItem) -> MenuLink | None:
    """The reader's link for an item, None when its target is not public."""
    kind, target = item.target_kind, item.target
    if kind is None:  # only an item saved without its checks
        return None
    if kind == "url":
        return MenuLink(label=item.label, url=item.url)
    if (kind == "page" and not target.is_published) or (kind == "article" and not target.is_public):
        return None
    if kind == "tag":
        url = reverse("blog:tag_detail", kwargs={"slug": target.slug})
    else:
        url = target.get_absolute_url()
    return MenuLink(
        label=item.label or getattr(target, NAMES[kind]),
        url=url,
        category_slug=target.slug if kind == "category" else "",
    )


def _defaults(slots: list[str]) -> dict[str, list[MenuLink]]:
    """The default links of the slots given, their categories and pages read in one query."""
    if not slots:
        return {}
    rows = []
    if MAIN in slots:
        categories = Category.objects.order_by().annotate(kind=Value(MAIN), label=F("name"))
        rows.append(categories.values_list("kind", "label", "slug", "position"))
    if FOOTER in slots:
        rows.append(
            Page.objects.order_by()
            .filter(is_published=True, in_footer=True)
            .annotate(kind=Value(FOOTER), label=F("title"))
            .values_list("kind", "label", "slug", "position")
        )
    query = rows[0].union(*rows[1:], all=True) if len(rows) > 1 else rows[0]
    read = defaultdict(list)
    for kind, name, slug, _position in query.order_by("position", "label"):
        read[kind].append((name, slug))
    defaults = {}
    if MAIN in slots:
        defaults[MAIN] = [
            MenuLink(label=_("Accueil"), url=reverse("blog:home")),
            *(
                MenuLink(
                    label=name,
                    url=reverse("blog:category_detail", kwargs={"slug": slug}),
                    category_slug=slug,
                )
                for name, slug in read[MAIN]
            ),
            MenuLink(label=_("Étiquettes"), url=reverse("blog:tag_list")),
            MenuLink(label=_("À propos"), url=reverse("blog:page_detail", args=["a-propos"])),
        ]
    if FOOTER in slots:
        defaults[FOOTER] = [
            *(
                MenuLink(label=name, url=reverse("blog:page_detail", kwargs={"slug": slug}))
                for name, slug in read[FOOTER]
            ),
            MenuLink(label=_("Étiquettes"), url=reverse("blog:tag_list")),
        ]
    return defaults
