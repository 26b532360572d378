"""Conflicts of interest and the assignments that follow them: declared by a juror,
flagged by the rules, decided by the chair, another juror or the secretariat; an entry
goes to a juror exactly when no conflict keeps them away from it."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accounts.mail import mail_send
from prize.enums import EditionState
from prize.models import Edition
from submissions.enums import EntryState
from submissions.models import Entry
from web.links import absolute

from .. import rules
from ..enums import BLOCKING_CONFLICTS, AssignmentState, ConflictStatus
from ..models import Assignment, Conflict, Juror
from ..selectors import may_decide_conflict, round_entries
from .decisions import refuse_if_frozen


def conflict_declare(*, juror_id: int, entry_id: int, by, reason: str) -> Conflict:
    """A juror declares a conflict with an entry. Side effects: one conflict row (or a
    flagged one becomes declared); the juror's draft assignment is removed. A sheet they
    already submitted stays on record but counts nowhere (not in the ranking, the
    progress or the check of uneven sheets), like after a confirmed conflict. Refused
    once the jury's decision is approved."""
    juror = Juror.objects.select_related("edition").get(pk=juror_id)
    if juror.user_id != getattr(by, "pk", None):
        raise PermissionDenied(_("Only the juror can declare their own conflict."))
    refuse_if_frozen(juror.edition)
    if not reason.strip():
        raise ValidationError({"reason": _("Say briefly why (it stays within the jury).")})
    with transaction.atomic():
        conflict, _created = Conflict.objects.select_for_update().get_or_create(
            juror=juror, entry_id=entry_id, defaults={"reason": reason.strip()}
        )
        if conflict.status != ConflictStatus.DECLARED:
            conflict.status, conflict.reason = ConflictStatus.DECLARED, reason.strip()
            conflict.save(update_fields=["status", "reason"])
        Assignment.objects.filter(
            juror=juror, entry_id=entry_id, state=AssignmentState.DRAFT
        ).delete()
    return conflict


def shared_mail_domains() -> frozenset[str]:
    """The public webmail providers and the site's own shared domains, read at call time
    so a changed setting applies without a restart of the checks."""
    extra = getattr(settings, "SHARED_MAIL_DOMAINS", ())
    return rules.COMMON_MAIL_DOMAINS | {d.strip().lower() for d in extra if d.strip()}


def conflicts_flag(*, edition: Edition, juror: Juror | None = None) -> int:
    """Flag likely conflicts for the chair: same country, same e-mail domain (not a
    shared one such as gmail.com), the juror's organisation among the partners; for one
    `juror` only when given. Returns how many were flagged."""
    jurors = [juror] if juror else list(Juror.objects.filter(edition=edition))
    entries = list(
        Entry.objects.filter(edition=edition, state=EntryState.ELIGIBLE)
        .select_related("authority")
        .prefetch_related("authority__members")
    )
    known = set(Conflict.objects.filter(juror__edition=edition).values_list("juror_id", "entry_id"))
    shared = shared_mail_domains()
    new = []
    for seat in jurors:
        for entry in entries:
            emails = [m.email for m in entry.authority.members.all()]
            reasons = rules.likely_conflicts(
                juror=seat, entry=entry, member_emails=emails, shared_domains=shared
            )
            if reasons and (seat.pk, entry.pk) not in known:
                new.append(
                    Conflict(
                        juror=seat,
                        entry=entry,
                        reason=" ".join(reasons),
                        status=ConflictStatus.FLAGGED,
                    )
                )
    Conflict.objects.bulk_create(new)
    return len(new)


def conflict_decide(*, conflict_id: int, by, confirm: bool, reason: str) -> Conflict:
    """Confirm or waive a conflict, with a written reason.

    Who decides (jury.rules.may_decide_conflict): the chair of the edition's jury or the
    secretariat; nobody decides their own conflict, so a conflict of the chair is decided
    by the secretariat or by any other juror of the edition. Refused once the jury's
    decision is approved (the ranking's inputs are frozen).

    Side effects: the conflict's status, reason, decider and time. A confirmation removes
    the juror's draft assignment; a submitted sheet stays on record and counts nowhere,
    as after a declared conflict. A waiver while the jury scores (edition in judging)
    gives the juror the entry (within the edition's jurors per entry) and e-mails them,
    in their language, a link to it (on SITE_URL); the
    decision and the e-mail are all or nothing. A waiver during the deliberation gives
    the entry when the secretariat reopens the scoring (scores are locked until then)."""
    with transaction.atomic():
        conflict = (
            Conflict.objects.select_for_update(of=("self",))
            .select_related("juror__edition", "juror__user", "entry__authority")
            .get(pk=conflict_id)
        )
        juror = conflict.juror
        _refuse_unless_may_decide(conflict, by)
        refuse_if_frozen(juror.edition)
        if not reason.strip():
            raise ValidationError({"reason": _("Write the reason for the decision.")})
        conflict.status = ConflictStatus.CONFIRMED if confirm else ConflictStatus.WAIVED
        conflict.decision_reason, conflict.decided_by = reason.strip(), by
        conflict.decided_at = timezone.now()
        conflict.save()
        if confirm:
            Assignment.objects.filter(
                juror=juror, entry=conflict.entry_id, state=AssignmentState.DRAFT
            ).delete()
        else:
            _give_back(conflict)
    return conflict


def _refuse_unless_may_decide(conflict: Conflict, by) -> None:
    if may_decide_conflict(conflict=conflict, user=by):
        return
    juror = conflict.juror
    if juror.user_id is not None and juror.user_id == getattr(by, "pk", None):
        raise PermissionDenied(
            _(
                "You cannot decide on your own conflict of interest: another member of the "
                "jury or the secretariat decides it."
            )
        )
    raise PermissionDenied(
        _(
            "Only the chair of the jury or the secretariat decides on conflicts; a conflict "
            "of the chair is decided by another juror or the secretariat."
        )
    )


def _give_back(conflict: Conflict) -> None:
    """After a waiver, the entry goes (back) to the juror while the jury scores."""
    juror = conflict.juror
    if juror.edition.state != EditionState.JUDGING:
        return
    eligible = Entry.objects.filter(pk=conflict.entry_id, state=EntryState.ELIGIBLE)
    new = assignments_fill(juror.edition, entries=eligible)
    if juror.user is None or not any(a.juror_id == juror.pk for a in new):
        return
    _waiver_mail(conflict)


def _waiver_mail(conflict: Conflict) -> None:
    juror, entry, user = conflict.juror, conflict.entry, conflict.juror.user
    with translation.override(user.language):
        page = reverse("jury:entry", kwargs={"number": juror.edition.number, "ref": entry.ref})
    mail_send(
        to=user.email,
        language=user.language,
        subject=gettext_noop("An entry of the Dosta!-Congress Prize is now yours to score"),
        template="emails/conflict_waived.txt",
        context={"juror": juror, "entry": entry, "page": absolute(page)},
    )


def assignments_create(*, edition: Edition) -> int:
    """Give every eligible entry of the current round (all of them; in the final round
    of an edition with a shortlist, the shortlisted ones, on fresh sheets) to every
    juror without a conflict (the default), or to `jurors_per_entry` jurors, balanced so
    that loads differ by at most one. Idempotent: existing assignments stay. Side
    effects: assignment rows; returns how many."""
    return len(assignments_fill(edition))


def assignments_fill(edition: Edition, *, entries=None) -> list[Assignment]:
    """Create the assignments missing from `entries` (every eligible entry by default),
    as assignments_create does, and return the new ones. Called when judging starts or
    reopens, when a juror is seated while the jury scores and after a waiver, so the
    assignments always follow the conflicts."""
    jurors = list(Juror.objects.filter(edition=edition).order_by("ref"))
    pool = round_entries(edition).filter(state=EntryState.ELIGIBLE)
    entries = (pool if entries is None else entries.filter(pk__in=pool)).order_by("ref")
    blocked = set(
        Conflict.objects.filter(juror__edition=edition, status__in=BLOCKING_CONFLICTS).values_list(
            "juror_id", "entry_id"
        )
    )
    existing = set(
        Assignment.objects.filter(juror__edition=edition, round=edition.jury_round).values_list(
            "juror_id", "entry_id"
        )
    )
    load = {j.pk: sum(1 for a in existing if a[0] == j.pk) for j in jurors}
    new = []
    for entry in entries:
        free = [j for j in jurors if (j.pk, entry.pk) not in blocked]
        have = [j for j in free if (j.pk, entry.pk) in existing]
        wanted = len(free) if edition.jurors_per_entry is None else edition.jurors_per_entry
        candidates = sorted((j for j in free if j not in have), key=lambda j: (load[j.pk], j.ref))
        for juror in candidates[: max(0, wanted - len(have))]:
            new.append(Assignment(juror=juror, entry=entry, round=edition.jury_round))
            load[juror.pk] += 1
    Assignment.objects.bulk_create(new, ignore_conflicts=True)
    return new
