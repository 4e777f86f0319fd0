"""The library in the admin, and the picker the editor's image dialog opens in a popup."""

from django.contrib import admin
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from blog.library import services
from blog.library.forms import LibraryImageForm
from blog.library.models import LibraryImage
from blog.library.usages import library_image_usages

PICKER_PAGE_SIZE = 24
# The editor opens the picker with this parameter and expects it back in the callback.
CALLBACK_PARAMETER = "CKEditorFuncNum"


@admin.register(LibraryImage)
class LibraryImageAdmin(admin.ModelAdmin):
    form = LibraryImageForm
    list_display = ["thumbnail", "alt_text", "caption", "credit", "uploaded_by", "created_at"]
    list_display_links = ["thumbnail", "alt_text"]
    search_fields = ["alt_text", "caption", "credit"]
    readonly_fields = ["preview", "address", "used_in"]
    list_per_page = 50

    class Media:
        css = {"all": ["css/admin-library.css"]}

    def get_fields(self, request, obj=None):
        fields = ["file", "alt_text", "caption", "credit"]
        return [*fields, "preview", "address", "used_in"] if obj else fields

    def save_form(self, request, form, change):
        if change:
            return super().save_form(request, form, change)
        return _add(form, request.user)

    def save_model(self, request, obj, form, change):
        if change:  # a new image was saved by `save_form`
            super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if change:  # a new image has no relations to save
            super().save_related(request, form, formsets, change)

    @admin.display(description=_("aperçu"))
    def thumbnail(self, image):
        return format_html(
            '<img src="{}" alt="" width="96" class="library-thumbnail">', image.thumbnail_url()
        )

    @admin.display(description=_("aperçu"))
    def preview(self, image):
        return format_html('<img src="{}" alt="" class="library-preview">', image.thumbnail_url())

    @admin.display(description=_("adresse dans les textes"))
    def address(self, image):
        return image.body_url()

    @admin.display(description=_("utilisée dans"))
    def used_in(self, image):
        usages = library_image_usages(image)
        if not usages:
            return _("Aucun texte.")
        links = (
            (reverse(f"admin:blog_{usage._meta.model_name}_change", args=[usage.pk]), usage)
            for usage in usages
        )
        return format_html(
            "<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a></li>', links)
        )

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        # A picture shown in a text would leave a hole in it: remove it from the text first.
        for image in objs:
            usages = library_image_usages(image)
            protected = [*protected, *(f"{image} → {usage}" for usage in usages)]
        return deleted, model_count, perms_needed, protected

    def get_urls(self):
        return [
            path(
                "choisir/",
                self.admin_site.admin_view(self.picker_view),
                name="blog_libraryimage_picker",
            ),
            *super().get_urls(),
        ]

    def picker_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        callback = request.GET.get(CALLBACK_PARAMETER, "")[:10]
        form = None
        if self.has_add_permission(request):
            form = LibraryImageForm(request.POST or None, request.FILES or None)
            if request.method == "POST" and form.is_valid():
                image = _add(form, request.user)
                query = urlencode({CALLBACK_PARAMETER: callback, "choisie": image.pk})
                return redirect(f"{reverse('admin:blog_libraryimage_picker')}?{query}")
        elif request.method == "POST":
            raise PermissionDenied
        search = request.GET.get("q", "").strip()[:100]
        images = LibraryImage.objects.all()
        if search:
            images = images.filter(
                Q(alt_text__icontains=search)
                | Q(caption__icontains=search)
                | Q(credit__icontains=search)
            )
        page = Paginator(images, PICKER_PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Choisir une image"),
            "opts": self.opts,
            "is_popup": True,
            "form": form,
            "page_obj": page,
            "search": search,
            "callback": callback,
            "chosen": request.GET.get("choisie", ""),
        }
        return TemplateResponse(request, "admin/blog/libraryimage/picker.html", context)


def _add(form: LibraryImageForm, user: AbstractBaseUser) -> LibraryImage:
    """Hand a valid upload form's values to the service (the add page and the picker)."""
    data = form.cleaned_data
    return services.library_image_add(
        file=data["file"],
        alt_text=data["alt_text"],
        caption=data["caption"],
        credit=data["credit"],
        by=user,
    )
