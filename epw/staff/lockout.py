"""Login lockouts: django-axes policy for the admin login.

Axes compares one failure count with one limit; this handler counts the account's failures from
the client's address against AXES_FAILURE_LIMIT and the address's failures on any account against
EPW_LOGIN_FAILURES_PER_ADDRESS. Each lockout is remembered in axes' failure log, so the next one
from the same address within a day lasts twice as long.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.models import AccessFailureLog
from django.conf import settings
from django.contrib import admin
from django.db.models import Max, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from epw.core.privacy import client_ip

LOCKOUT_MEMORY = timedelta(days=1)
LONGEST_LOCKOUT = timedelta(days=1)


def cool_off(request: HttpRequest) -> timedelta:
    """AXES_COOLOFF_TIME: how long failures count, and so a lockout lasts, for this client."""
    address = getattr(request, "axes_ip_address", None) or client_ip(request)
    now = getattr(request, "axes_attempt_time", None) or timezone.now()
    lockouts = AccessFailureLog.objects.filter(
        ip_address=address, locked_out=True, attempt_time__gte=now - LOCKOUT_MEMORY
    ).count()
    base = timedelta(minutes=settings.EPW_LOGIN_LOCKOUT_MINUTES)
    return min(base * 2 ** max(lockouts - 1, 0), LONGEST_LOCKOUT)


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out client before any password is checked.

    Every login form passes its request; a call without one comes from code (the test client's
    `login()`, a script), not from a client to count or lock out, and is left to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class StaffLoginHandler(AxesDatabaseHandler):
    """Axes' database handler with one limit per account and address, another per address."""

    def _counters(self, request, credentials) -> list[tuple[QuerySet, int]]:
        # Same order as AXES_LOCKOUT_PARAMETERS: [username + address, address].
        account, address = self.get_user_attempts(request, credentials)
        return [
            (account, settings.AXES_FAILURE_LIMIT),
            (address, settings.EPW_LOGIN_FAILURES_PER_ADDRESS),
        ]

    def get_failures(self, request, credentials: dict | None = None) -> int:
        """The account's failures, or the limit itself once the address is past its own."""
        (account, account_limit), (address, address_limit) = self._counters(request, credentials)
        failures = _failures(account)
        if _failures(address) >= address_limit:
            return max(failures, account_limit)
        return failures

    def locked_until(self, request, credentials: dict | None = None) -> datetime | None:
        """When the lockout of this client ends (None if it is not locked out)."""
        ends = []
        for attempts, limit in self._counters(request, credentials):
            totals = attempts.aggregate(
                failures=Sum("failures_since_start"), last=Max("attempt_time")
            )
            if (totals["failures"] or 0) >= limit:
                ends.append(totals["last"] + cool_off(request))
        return max(ends, default=None)

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """After a successful login, forget the account's failures only, not the address's.

        Otherwise anyone with one working account could wipe the failures counted against the
        accounts they are trying from the same address.
        """
        account, _address = self.get_user_attempts(request, credentials)
        count, _ = account.delete()
        return count


def _failures(attempts: QuerySet) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The French page answering a locked-out login, with status 429 and Retry-After."""
    until = StaffLoginHandler().locked_until(request, credentials)
    if until is None:  # reset (axes_reset) between the refusal and this page
        until = timezone.now() + cool_off(request)
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    context = {
        **admin.site.each_context(request),
        "retry_at": until,
        "retry_minutes": math.ceil(seconds / 60),
    }
    response = render(request, "admin/login_locked.html", context, status=429)
    response["Retry-After"] = str(seconds)
    return response
