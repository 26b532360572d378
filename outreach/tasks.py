"""Background work of outreach, run by the task worker. Thin: load, call."""

from datetime import datetime

from django.tasks import task

from . import services


@task()
def call_announce(edition_id: int) -> int:
    return services.call_announce(edition_id=edition_id)


@task()
def deadline_moved_tell(edition_id: int, old: str | None, new: str, reason: str) -> int:
    return services.deadline_moved_tell(
        edition_id=edition_id,
        old=datetime.fromisoformat(old) if old else None,
        new=datetime.fromisoformat(new),
        reason=reason,
    )
