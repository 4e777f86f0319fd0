"""The admin site: a verification code for staff who have a device, enrolment when required,
and model pages titled in French that agrees (epw.staff.titles)."""

from __future__ import annotations

from functools import wraps

from django.contrib import admin
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path

from epw.staff import titles, views
from epw.staff.forms import StaffLoginForm
from epw.staff.services import has_confirmed_device, second_factor_required

# Pages a staff member still reaches before enrolling a device the site requires.
ENROLMENT_PAGES = {"second_factor", "logout", "jsi18n"}


def _has_device(request) -> bool:
    # Asked several times per admin page: one query per request.
    if not hasattr(request, "_staff_has_device"):
        request._staff_has_device = has_confirmed_device(request.user)
    return request._staff_has_device


class StaffAdminSite(admin.AdminSite):
    login_form = StaffLoginForm
    login_template = "admin/staff_login.html"

    def has_permission(self, request):
        """Staff, and verified by a code when they have a device (a session opened otherwise
        — before they enrolled, elsewhere — must log in again)."""
        if not super().has_permission(request):
            return False
        verified = getattr(request.user, "otp_device", None) is not None  # django_otp's mark
        return verified or not _has_device(request)

    def admin_view(self, view, cacheable=False):
        return super().admin_view(self._french_titles(self._enrolment_first(view)), cacheable)

    @staticmethod
    def _french_titles(view):
        # Every model admin page, third-party ones included, is a TemplateResponse rendered
        # after the view returns: its title can still be replaced by one that agrees.
        @wraps(view)
        def inner(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if isinstance(response, TemplateResponse) and response.context_data:
                titles.retitle(response.context_data)
            return response

        return inner

    def _enrolment_first(self, view):
        @wraps(view)
        def inner(request, *args, **kwargs):
            if (
                request.resolver_match.url_name not in ENROLMENT_PAGES
                and not _has_device(request)
                and second_factor_required()
            ):
                return redirect("admin:second_factor")
            return view(request, *args, **kwargs)

        return inner

    def get_urls(self):
        return [
            path(
                "double-authentification/",
                self.admin_view(views.second_factor),
                name="second_factor",
            ),
            *super().get_urls(),
        ]
