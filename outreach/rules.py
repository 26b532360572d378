"""Pure predicates of outreach: which reminder is due. No queries, no I/O."""

from datetime import datetime

from .enums import REMINDERS, NoticeKind


def reminder_due(deadline: datetime | None, now: datetime) -> NoticeKind | None:
    """The reminder due at `now`: the most urgent one whose time has come, so a scheduler
    that missed the 14-day mark sends the 3-day one only; none once the deadline passed."""
    if deadline is None or deadline <= now:
        return None
    left = deadline - now
    return next((kind for kind, before in REMINDERS if left <= before), None)


def reminders_not_yet_due(deadline: datetime | None, now: datetime) -> list[NoticeKind]:
    """The reminders whose time has not come under this deadline: after a move, these may
    be sent again, before the new one."""
    if deadline is None:
        return []
    return [kind for kind, before in REMINDERS if deadline - now > before]
