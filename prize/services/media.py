"""Housekeeping of the media storage (the S3 bucket in production)."""

from datetime import timedelta

from django.apps import apps
from django.core.files.storage import default_storage
from django.db import models
from django.utils import timezone

# Where the site stores files; everything under it belongs to a row of the database.
MEDIA_PREFIX = "private"


def _referenced() -> set[str]:
    names: set[str] = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.FileField):
                names.update(
                    model._default_manager.exclude(**{field.name: ""})
                    .values_list(field.name, flat=True)
                    .iterator()
                )
    return names


def _walk(path: str):
    try:
        folders, files = default_storage.listdir(path)
    except FileNotFoundError:
        return
    for name in files:
        yield f"{path}/{name}"
    for folder in folders:
        yield from _walk(f"{path}/{folder}")


def media_orphans_delete(*, min_age: timedelta, dry_run: bool = False) -> list[str]:
    """Delete the stored files no row refers to and older than `min_age` (younger ones
    may belong to an upload or a certificate being recorded right now).

    Orphans appear when the storage or a process fails half-way: a photo stored just
    before the S3 server went away (its deletion could not reach the server either), a
    server or worker killed between storing a file and committing its row.

    Side effects: files deleted from the default storage; returns their names."""
    referenced = _referenced()
    cutoff = timezone.now() - min_age
    orphans = [
        name
        for name in _walk(MEDIA_PREFIX)
        if name not in referenced and default_storage.get_modified_time(name) <= cutoff
    ]
    if not dry_run:
        for name in orphans:
            default_storage.delete(name)
    return orphans
