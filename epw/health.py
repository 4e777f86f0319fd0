"""What /healthz looks at: each part a page or a background task needs, actually exercised.

Every check returns True when its part works; a failure is logged with its reason (the
public answer only names the part) and never raises.
"""

import logging
import secrets
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)

# Loading the migration graph costs a few milliseconds: a process trusts a clean plan this long.
# A failed look is not remembered, so the site answers healthy as soon as it is migrated.
MIGRATIONS_TRUSTED_SECONDS = 30
_migrated_until = {"time": 0.0}


def run_checks() -> dict[str, bool]:
    """Each part's name and whether it works, in a stable order."""
    return {name: _safely(name, check) for name, check in CHECKS.items()}


def _safely(name: str, check: Callable[[], bool]) -> bool:
    try:
        return check()
    except Exception:  # noqa: BLE001 - a health check reports every failure, whatever raised it
        logger.warning("Health check %s failed.", name, exc_info=True)
        return False


def migrations_applied() -> bool:
    """The schema is the code's: no migration left to apply."""
    if time.monotonic() < _migrated_until["time"]:
        return True
    with transaction.atomic():
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        logger.warning("Health check migrations: %d unapplied, first %s.", len(plan), plan[0][0])
        return False
    _migrated_until["time"] = time.monotonic() + MIGRATIONS_TRUSTED_SECONDS
    return True


def forget_migrations() -> None:
    """Look at the migration plan again on the next check."""
    _migrated_until["time"] = 0.0


def database_writable() -> bool:
    """The database takes a write: an UPDATE is refused by a read-only database, a read-only
    transaction (a PostgreSQL replica) or a read-only SQLite file, even when it matches no row.
    Rolled back, so nothing is ever written."""
    table = connection.ops.quote_name(MigrationRecorder.Migration._meta.db_table)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET app = app WHERE 1 = 0")
        transaction.set_rollback(True)
    return True


def cache_answers() -> bool:
    """The cache keeps what it is given (a random key: concurrent checks never collide)."""
    key, value = f"healthz:{secrets.token_hex(8)}", secrets.token_hex(8)
    cache.set(key, value, timeout=10)
    try:
        return cache.get(key) == value
    finally:
        cache.delete(key)


def tasks_flowing() -> bool:
    """No task due for longer than EPW_HEALTH_MAX_TASK_DELAY is still waiting for a worker."""
    limit = timezone.now() - timedelta(seconds=settings.EPW_HEALTH_MAX_TASK_DELAY)
    # A task enqueued without a date waits from its enqueuing, a delayed one from its date.
    overdue = DBTaskResult.objects.ready().filter(
        Q(run_after=get_date_max(), enqueued_at__lt=limit) | Q(run_after__lt=limit)
    )
    with transaction.atomic():
        stalled = overdue.exists()
    if stalled:
        logger.warning("Health check tasks: tasks due before %s are still waiting.", limit)
    return not stalled


CHECKS: dict[str, Callable[[], bool]] = {
    "migrations": migrations_applied,
    "database": database_writable,
    "cache": cache_answers,
    "tasks": tasks_flowing,
}
