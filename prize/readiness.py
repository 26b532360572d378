"""The readiness check's parts (prize.views.health.ready): can this server do its work
now? Each part answers a small dict with "ok" and what it found, never an exception's
text (which may name hosts or keys), never a secret."""

import os
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from storages.backends.s3 import S3Storage

# Unapplied migrations named in the answer at most (the count is always given).
NAMED = 5


def _failed(error: Exception) -> dict:
    return {"ok": False, "error": type(error).__name__}


def database_check() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return _failed(error)
    return {"ok": True}


def migrations_check(executor: MigrationExecutor | None = None) -> dict:
    """Every migration of the code is applied to the database (a server of a new release
    started before `migrate` ran is not ready)."""
    try:
        executor = executor or MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as error:
        return _failed(error)
    names = [f"{m.app_label}.{m.name}" for m, _backwards in plan]
    return {"ok": not names, "unapplied": len(names), "names": names[:NAMED]}


def storage_check() -> dict:
    """The bucket answers a HEAD (S3), or the media folder can be written (files)."""
    storage = default_storage
    if isinstance(storage, S3Storage):
        try:
            storage.connection.meta.client.head_bucket(Bucket=storage.bucket_name)
        except Exception as error:  # botocore's errors: refused, timed out, 403, 404, ...
            return _failed(error)
        return {"ok": True, "kind": "s3"}
    return {"ok": _can_write(Path(storage.location)), "kind": "files"}


def _can_write(folder: Path) -> bool:
    """The media folder, or the nearest folder above it that exists (the first upload
    makes the rest), is a folder this process may write in."""
    existing = next(p for p in (folder, *folder.parents) if p.exists())
    return existing.is_dir() and os.access(existing, os.W_OK)


def tasks_check(now: datetime | None = None) -> dict:
    """The oldest task waiting for a worker has waited at most READY_MAX_TASK_AGE seconds
    (a task scheduled for later waits from its time on). Only with the database queue."""
    if settings.TASKS["default"]["BACKEND"] != "django_tasks_db.DatabaseBackend":
        return {"ok": True, "queue": "none"}
    now = now or timezone.now()
    try:
        waiting = DBTaskResult.objects.ready()
        unscheduled = waiting.filter(run_after=get_date_max()).order_by("enqueued_at").first()
        scheduled = waiting.exclude(run_after=get_date_max()).order_by("run_after").first()
    except DatabaseError as error:
        return _failed(error)
    since = [
        *([unscheduled.enqueued_at] if unscheduled else []),
        *([scheduled.run_after] if scheduled else []),
    ]
    age = max(0, int((now - min(since)).total_seconds())) if since else 0
    limit = settings.READY_MAX_TASK_AGE
    return {"ok": age <= limit, "oldest_waiting_seconds": age, "limit_seconds": limit}


def readiness() -> dict:
    checks = {
        "database": database_check(),
        "migrations": migrations_check(),
        "storage": storage_check(),
        "tasks": tasks_check(),
    }
    return {"ready": all(c["ok"] for c in checks.values()), "checks": checks}
