"""WordPress menus into EPW's main and footer menus.

WordPress exports each link of a menu as an item of type nav_menu_item: its menu is a
``<category domain="nav_menu">``, its place ``menu_order``, and its postmeta say what it links
to: ``_menu_item_type`` (taxonomy, post_type or custom), ``_menu_item_object`` (category,
post_tag, page, post), ``_menu_item_object_id``, ``_menu_item_url``, and its parent link
``_menu_item_menu_item_parent``. The export does not say where a theme showed which menu: the
first menu met in the file becomes the main menu, the second the footer menu, any other is
reported and left out.

Links are gathered while posts and pages are imported and written once the file has been read,
when whatever they point to exists. A menu of EPW that already has links is left as it is (an
editor's menu is never overwritten, and a re-run changes nothing). EPW menus nest one level:
a link deeper than that goes under its top link. A custom link to the old blog itself becomes
a path of this site, where its old address redirects to the new page.
"""

from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from blog.menus.models import Menu, MenuItem
from blog.models import WordPressItem
from blog.wordpress.convert import plain_text
from blog.wordpress.parser import Item, MenuLinkItem
from blog.wordpress.report import Report

KIND = "menu"  # in the report
Kind = WordPressItem.Kind
# (_menu_item_type, _menu_item_object) → the record kind of the target and the item's field
TARGETS = {
    ("taxonomy", "category"): (Kind.CATEGORY, "category"),
    ("taxonomy", "post_tag"): (Kind.TAG, "tag"),
    ("post_type", "page"): (Kind.PAGE, "page"),
    ("post_type", "post"): (Kind.POST, "article"),
}


def is_menu_link(item: Item) -> bool:
    return isinstance(item, MenuLinkItem) and bool(item.menu)


class MenuImporter:
    def __init__(self, report: Report):
        self.report = report
        self.links: dict[str, list[MenuLinkItem]] = {}  # menu slug → its links, in file order

    def collect(self, item: MenuLinkItem) -> None:
        if item.status != "publish":  # a change left unsaved in WordPress's customiser
            self.report.count(KIND, "skipped")
            return
        self.links.setdefault(item.menu, []).append(item)

    def save(self) -> None:
        slots = dict(zip(self.links, (Menu.Slot.MAIN, Menu.Slot.FOOTER), strict=False))
        for name, links in self.links.items():
            if name not in slots:
                self.report.count(KIND, "skipped", len(links))
                self.report.warn(
                    _("Menu WordPress « {menu} » non repris : EPW n’a que deux menus.").format(
                        menu=name
                    )
                )
                continue
            with transaction.atomic():
                self._menu(slots[name], name, links)

    def _menu(self, slot: str, name: str, links: list[MenuLinkItem]) -> None:
        menu = Menu.objects.get_or_create(slot=slot)[0]
        if menu.items.exists():
            self.report.count(KIND, "unchanged", len(links))
            self.report.warn(
                _(
                    "« {slot} » a déjà des liens : le menu WordPress « {menu} » n’y est pas repris."
                ).format(slot=menu, menu=name)
            )
            return
        parents = {link.wp_id: _int(link.meta.get("_menu_item_menu_item_parent")) for link in links}
        saved: dict[int, MenuItem] = {}
        # Top links first, then the others in their menu's order, each under its top link.
        for link in sorted(links, key=lambda link: (parents[link.wp_id] != 0, link.menu_order)):
            top = _top(link.wp_id, parents)
            item = self._item(link, menu, parent=saved.get(top) if top != link.wp_id else None)
            if item is not None:
                saved[link.wp_id] = item

    def _item(self, link: MenuLinkItem, menu: Menu, *, parent: MenuItem | None) -> MenuItem | None:
        item = MenuItem(
            menu=menu,
            parent=parent,
            position=min(max(link.menu_order, 0), 32767),
            label=plain_text(link.title)[:100],
        )
        kind, subject = link.meta.get("_menu_item_type", ""), link.meta.get("_menu_item_object", "")
        if kind == "custom":
            item.url = _on_this_site(link.meta.get("_menu_item_url", "").strip(), link.link)
        elif (kind, subject) in TARGETS:
            record_kind, field = TARGETS[(kind, subject)]
            wp_id = _int(link.meta.get("_menu_item_object_id"))
            record = WordPressItem.objects.filter(kind=record_kind, wp_id=wp_id).first()
            if record is None or record.object_id is None:
                reason = _("sa cible ({kind} {wp_id}) n’a pas été importée.")
                return self._skip(link, reason.format(kind=subject, wp_id=wp_id))
            setattr(item, f"{field}_id", record.object_id)
        else:
            reason = _("lien de type « {kind} » non pris en charge.")
            return self._skip(link, reason.format(kind=subject or kind))
        try:
            item.full_clean()
        except ValidationError as error:
            return self._skip(link, " ".join(error.messages))
        item.save()
        self.report.count(KIND, "created")
        return item

    def _skip(self, link: MenuLinkItem, reason: str) -> None:
        self.report.count(KIND, "skipped")
        self.report.warn(
            _("Lien de menu {wp_id} ignoré : {reason}").format(wp_id=link.wp_id, reason=reason)
        )


def _on_this_site(url: str, own_link: str) -> str:
    """An address on the old blog becomes a path of this site (its old addresses redirect)."""
    parts, old_host = urlsplit(url), urlsplit(own_link).netloc
    if old_host and parts.scheme in {"http", "https"} and parts.netloc == old_host:
        return urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment))
    return url


def _top(wp_id: int, parents: dict[int, int]) -> int:
    """The top link above this one (itself when it is one); a loop stops at where it began."""
    seen = {wp_id}
    while parents.get(wp_id) in parents and parents[wp_id] not in seen:
        wp_id = parents[wp_id]
        seen.add(wp_id)
    return wp_id


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0
