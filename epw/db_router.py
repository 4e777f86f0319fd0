"""Read replicas: anonymous readers' pages read a replica, everything else the primary.

With `DATABASE_REPLICA_URL` set, the settings add the aliases `replica`, `replica_2`… and this
router. Django's routers see a model and hints, never the request: the middleware below says,
in a context variable set for the request's duration, whether this request may read a replica
(and which one). Its default, outside a request (the task worker, commands, the shell), is the
primary. So the primary serves:

- writes, always; and every read after the request wrote (it must see its own write);
- reads inside a transaction (`atomic` blocks read what they are about to change);
- requests other than GET and HEAD, signed-in users (staff, editors, columnists), the admin;
- a visitor's requests for `EPW_REPLICA_STICKY_SECONDS` after one of theirs wrote: a cookie
  holding no more than "1" says so, and the comment just sent is on the next page despite
  the replica's lag.
"""

from __future__ import annotations

import random
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.urls import reverse

STICKY_COOKIE = "epw_primary"
# Statements that change data (a read-only get_or_create is routed "for write" yet writes
# nothing: what counts is what reaches the primary).
WRITE_VERBS = {"INSERT", "UPDATE", "DELETE", "REPLACE", "MERGE", "TRUNCATE", "COPY"}


@dataclass
class _Reads:
    replica: str | None  # the alias this request may read, None: the primary
    wrote: bool = False


_reads: ContextVar[_Reads | None] = ContextVar("epw_replica_reads", default=None)


class ReplicaRouter:
    """Reads go where the current request may read; writes and migrations to the primary."""

    def db_for_read(self, model, **hints) -> str:
        reads = _reads.get()
        if reads is None or reads.replica is None or reads.wrote:
            return DEFAULT_DB_ALIAS
        if transaction.get_connection(DEFAULT_DB_ALIAS).in_atomic_block:
            return DEFAULT_DB_ALIAS
        return reads.replica

    def db_for_write(self, model, **hints) -> str:
        # Explicitly: without an answer Django would write a row read from a replica back there.
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool | None:
        aliases = {DEFAULT_DB_ALIAS, *settings.EPW_READ_REPLICAS}
        if obj1._state.db in aliases and obj2._state.db in aliases:
            return True  # the same rows, copied
        return None

    def allow_migrate(self, db, app_label, **hints) -> bool | None:
        if db in settings.EPW_READ_REPLICAS:
            return False  # a replica receives the primary's schema by replication
        return None


class ReplicaReadsMiddleware:
    """Lets an anonymous reader's GET or HEAD read a replica (one per request, at random)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        replicas = settings.EPW_READ_REPLICAS
        if not replicas:
            return self.get_response(request)
        reads = _Reads(replica=random.choice(replicas) if self._may_read_replica(request) else None)
        token = _reads.set(reads)
        try:
            with connections[DEFAULT_DB_ALIAS].execute_wrapper(_WriteWatch(reads)):
                response = self.get_response(request)
        finally:
            _reads.reset(token)
        if reads.wrote and settings.EPW_REPLICA_STICKY_SECONDS:
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=settings.EPW_REPLICA_STICKY_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    @staticmethod
    def _may_read_replica(request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and STICKY_COOKIE not in request.COOKIES
            and not request.path.startswith(reverse("admin:index"))
            and not request.user.is_authenticated
        )


class _WriteWatch:
    """Notes that the request wrote, so that its later reads go to the primary."""

    def __init__(self, reads: _Reads) -> None:
        self.reads = reads

    def __call__(self, execute, sql, params, many, context):
        if not self.reads.wrote and sql.lstrip()[:8].split(" ", 1)[0].upper() in WRITE_VERBS:
            self.reads.wrote = True
        return execute(sql, params, many, context)
