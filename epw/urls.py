from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView
from django.views.i18n import set_language

from blog.audience import views as audience_views
from blog.sitemaps import sitemaps as blog_sitemaps
from contributors.sitemaps import ContributorSitemap
from epw import personal_data_admin, site_export_admin, views
from epw.core.editor import EditorCatalog
from epw.core.public_forms import origin_checked

sitemaps = {**blog_sitemaps, "authors": ContributorSitemap}

urlpatterns = [
    path(
        "admin/donnees-personnelles/",
        admin.site.admin_view(personal_data_admin.page),
        name="personal_data",
    ),
    path(
        "admin/exporter-le-site/",
        admin.site.admin_view(site_export_admin.page),
        name="site_export",
    ),
    path(
        "admin/exporter-le-site/<str:name>",
        admin.site.admin_view(site_export_admin.download),
        name="site_export_download",
    ),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
    path("audience/vue/", audience_views.beacon, name="audience_beacon"),
    path("i18n/editeur.js", EditorCatalog.as_view(), name="editor_i18n"),
    # The language switch is in every page's footer, cached pages too: no CSRF token there.
    path("i18n/setlang/", origin_checked(set_language), name="set_language"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    path("commentaires/", include("blog.comments.urls")),
    path("lettre/", include("newsletter.urls")),
    path("", include("fediverse.urls")),
    path("", include("contributors.urls")),
    path("", include("blog.urls")),
]

if settings.EPW_SERVE_MEDIA:
    # Uploads served by Django for local use only; production lets the proxy or storage do it.
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns.insert(
        0,
        re_path(
            rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        ),
    )

handler400 = "epw.views.bad_request"
handler404 = "epw.views.page_not_found"
handler500 = "epw.views.server_error"
