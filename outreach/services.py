"""Every write of outreach: the notices sent (so none goes twice), the opt-outs, and the
fan-out of each announcement, reminder and moved deadline to the people concerned."""

from collections.abc import Callable
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from prize.enums import EditionState
from prize.models import Edition
from submissions.models import Authority

from . import mails, rules, selectors
from .enums import NoticeKind
from .models import Notice, OptOut


def _once(*, edition: Edition, authority: Authority, kind: str, send: Callable[[], int]) -> int:
    """Record the notice and queue its e-mails in one transaction, or do nothing if it
    was recorded before. Two overlapping runs both try the insert: the unique constraint
    lets one through (PostgreSQL makes the other wait for the first's commit, SQLite's
    immediate transactions run them one after the other) and the other sends nothing."""
    with transaction.atomic():
        try:
            with transaction.atomic():
                Notice.objects.create(edition=edition, authority=authority, kind=kind)
        except IntegrityError:
            return 0
        return send()


def call_announce(*, edition_id: int) -> int:
    """Announce an open call to the Alliance's participants and to the authorities that
    entered an earlier edition: each authority once per edition, each of its members who
    did not opt out, once even if in several authorities.

    Side effects: one Notice per authority reached; one queued e-mail task per person.
    Returns how many e-mails were queued (0 when the call is no longer open)."""
    edition = Edition.objects.filter(pk=edition_id, state=EditionState.OPEN).first()
    if edition is None:
        return 0
    reached: set[int] = set()

    def send_to(authority: Authority) -> Callable[[], int]:
        def send() -> int:
            ids = selectors.people(authority_ids=[authority.pk], opted_in_only=True)
            new = [pk for pk in ids.values_list("pk", flat=True) if pk not in reached]
            for user_id in new:
                mails.call_opened_task.enqueue(user_id=user_id, edition_id=edition.pk)
            reached.update(new)
            return len(new)

        return send

    return sum(
        _once(edition=edition, authority=a, kind=NoticeKind.CALL_OPENED, send=send_to(a))
        for a in selectors.announcement_authorities(edition=edition)
    )


def reminders_send(*, now: datetime | None = None) -> int:
    """The reminders due now (rules.reminder_due): to every authority with a draft entry
    to an open call, each reminder once per edition and authority.

    Side effects: one Notice per authority reminded; one queued e-mail task per member
    who did not opt out. Returns how many e-mails were queued."""
    now = now or timezone.now()
    sent = 0
    for edition in selectors.open_editions():
        kind = rules.reminder_due(edition.submission_deadline, now)
        if kind is None:
            continue
        for authority in selectors.draft_authorities(edition=edition):
            sent += _once(
                edition=edition,
                authority=authority,
                kind=kind,
                send=_reminders_to(edition, authority, kind),
            )
    return sent


def _reminders_to(edition: Edition, authority: Authority, kind: str) -> Callable[[], int]:
    def send() -> int:
        ids = list(
            selectors.people(authority_ids=[authority.pk], opted_in_only=True).values_list(
                "pk", flat=True
            )
        )
        for user_id in ids:
            mails.reminder_task.enqueue(
                user_id=user_id, edition_id=edition.pk, authority_id=authority.pk, kind=kind
            )
        return len(ids)

    return send


def deadline_moved_tell(
    *, edition_id: int, old: datetime | None, new: datetime, reason: str
) -> int:
    """Tell every member of every authority with an entry (not withdrawn) that the
    deadline moved, and why. The reminders whose time has not come under the new deadline
    may be sent again before it.

    Side effects: the Notices of those reminders are deleted; one queued e-mail per person
    and authority (no opt-out: it changes the terms of their entry). Returns how many
    e-mails were queued."""
    edition = Edition.objects.get(pk=edition_id)
    Notice.objects.filter(
        edition=edition, kind__in=rules.reminders_not_yet_due(new, timezone.now())
    ).delete()
    sent = 0
    for authority in selectors.entrant_authorities(edition=edition):
        for user in selectors.people(authority_ids=[authority.pk], opted_in_only=False):
            mails.deadline_moved_mail(
                user=user, authority=authority, edition=edition, old=old, new=new, reason=reason
            )
            sent += 1
    return sent


def opt_out_set(*, user, opted_out: bool) -> bool:
    """Stop (`opted_out`) or restart the announcements of calls and the deadline
    reminders to this person. Side effects: their OptOut row is created or deleted.
    Returns whether they are now opted out."""
    if opted_out:
        OptOut.objects.get_or_create(user=user)
    else:
        OptOut.objects.filter(user=user).delete()
    return opted_out
