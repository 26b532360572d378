"""What outreach does when prize tells of a change to an edition (prize.events), sent
once the change is committed: queue the work for the task worker, so the page, the admin
or the command that made the change does not wait for the fan-out."""

from prize import events

from . import tasks


def call_opened(sender, *, edition_id: int, **kwargs) -> None:
    tasks.call_announce.enqueue(edition_id=edition_id)


def deadline_moved(sender, *, edition_id: int, old, new, reason: str, **kwargs) -> None:
    tasks.deadline_moved_tell.enqueue(
        edition_id=edition_id,
        old=old.isoformat() if old else None,
        new=new.isoformat(),
        reason=reason,
    )


def connect() -> None:
    events.call_opened.connect(call_opened, dispatch_uid="outreach.call_opened")
    events.deadline_moved.connect(deadline_moved, dispatch_uid="outreach.deadline_moved")
