"""Every write about the jury: seats, terms, conflicts, assignments, scores, decisions."""

from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_fsm import ConcurrentTransition

from accounts.mail import mail_or_refuse, mail_send
from accounts.rules import is_secretariat
from accounts.services import invitation_path, user_invite
from prize.enums import JURY_STATES as EDITION_JURY_STATES
from prize.enums import EditionState
from prize.models import Edition
from submissions.enums import EntryState
from submissions.models import Entry

from .. import rules
from ..enums import (
    BLOCKING_CONFLICTS,
    AssignmentState,
    ConflictStatus,
    JurorRole,
)
from ..models import (
    Assignment,
    AssignmentLog,
    Conflict,
    Decision,
    Juror,
    Score,
    ScoreChange,
)
from ..selectors import is_chair, may_decide_conflict

User = get_user_model()


def juror_add(
    *,
    edition: Edition,
    ref: str,
    name: str,
    email: str = "",
    country: str = "",
    role: str = JurorRole.MEMBER,
    user=None,
    organisation: str = "",
) -> Juror:
    """Seat a person on an edition's jury. Side effects: one juror row. Once judging has
    begun, their likely conflicts are flagged at once, and while the jury scores they get
    their entries at once (as everyone did when judging started)."""
    if Juror.objects.filter(edition=edition, ref=ref).exists():
        raise ValidationError({"ref": _("This jury already has a juror “%(ref)s”.") % {"ref": ref}})
    juror = Juror(
        edition=edition,
        ref=ref,
        name=name,
        email=email,
        country=country,
        role=role,
        user=user,
        organisation=organisation,
    )
    juror.full_clean()
    with transaction.atomic():
        juror.save()
        if edition.state in EDITION_JURY_STATES:
            conflicts_flag(edition=edition, juror=juror)
        if edition.state == EditionState.JUDGING:
            _assign(edition)
    return juror


def juror_ref(edition: Edition, name: str) -> str:
    base = slugify(name)[:50] or "juror"
    ref, n = base, 1
    while Juror.objects.filter(edition=edition, ref=ref).exists():
        n += 1
        ref = f"{base}-{n}"
    return ref


def juror_accept_terms(*, juror_id: int, by) -> Juror:
    """The juror accepts confidentiality and impartiality, once, before seeing any entry.
    Side effects: terms_accepted_at."""
    with transaction.atomic():
        juror = Juror.objects.select_for_update().get(pk=juror_id)
        if juror.user_id != getattr(by, "pk", None):
            raise PermissionDenied(_("Only the juror can accept the jury's terms."))
        if juror.terms_accepted_at is None:
            juror.terms_accepted_at = timezone.now()
            juror.save(update_fields=["terms_accepted_at"])
    return juror


# Conflicts ----------------------------------------------------------------------------


def conflict_declare(*, juror_id: int, entry_id: int, by, reason: str) -> Conflict:
    """A juror declares a conflict with an entry. Side effects: one conflict row (or a
    flagged one becomes declared); the juror's draft assignment is removed. A sheet they
    already submitted stays on record but counts nowhere (not in the ranking, the
    progress or the check of uneven sheets), like after a confirmed conflict. Refused
    once the jury's decision is approved."""
    juror = Juror.objects.select_related("edition").get(pk=juror_id)
    if juror.user_id != getattr(by, "pk", None):
        raise PermissionDenied(_("Only the juror can declare their own conflict."))
    _refuse_if_frozen(juror.edition)
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


def conflict_decide(
    *, conflict_id: int, by, confirm: bool, reason: str, base_url: str | None = None
) -> Conflict:
    """Confirm or waive a conflict, with a written reason.

    Who decides (jury.rules.may_decide_conflict): the chair of the edition's jury or the
    secretariat; nobody decides their own conflict, so a conflict of the chair is decided
    by the secretariat or by any other juror of the edition. Refused once the jury's
    decision is approved (the ranking's inputs are frozen).

    Side effects: the conflict's status, reason, decider and time. A confirmation removes
    the juror's draft assignment; a submitted sheet stays on record and counts nowhere,
    as after a declared conflict. A waiver while the jury scores (edition in judging)
    gives the juror the entry (within the edition's jurors per entry) and e-mails them,
    in their language, a link to it (`base_url`, settings.SITE_URL by default); the
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
        _refuse_if_frozen(juror.edition)
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
            _give_back(conflict, base_url=base_url or settings.SITE_URL)
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


def _give_back(conflict: Conflict, *, base_url: str) -> None:
    """After a waiver, the entry goes (back) to the juror while the jury scores."""
    juror = conflict.juror
    if juror.edition.state != EditionState.JUDGING:
        return
    eligible = Entry.objects.filter(pk=conflict.entry_id, state=EntryState.ELIGIBLE)
    new = _assign(juror.edition, entries=eligible)
    if juror.user is None or not any(a.juror_id == juror.pk for a in new):
        return
    mail_or_refuse(
        lambda: _waiver_mail(conflict, base_url=base_url),
        refused=_(
            "The e-mail to the juror could not be sent (%(error)s), so the conflict was not "
            "waived. Try again in a moment."
        ),
    )


def _waiver_mail(conflict: Conflict, *, base_url: str) -> None:
    juror, entry, user = conflict.juror, conflict.entry, conflict.juror.user
    with translation.override(user.language):
        page = reverse("jury:entry", kwargs={"number": juror.edition.number, "ref": entry.ref})
    mail_send(
        to=user.email,
        language=user.language,
        subject=gettext_noop("An entry of the Dosta!-Congress Prize is now yours to score"),
        template="emails/conflict_waived.txt",
        context={"juror": juror, "entry": entry, "page": base_url.rstrip("/") + page},
    )


def is_frozen(edition) -> bool:
    """After the secretariat approved the decision, scores and decision are frozen."""
    return Decision.objects.filter(edition=edition, approved_at__isnull=False).exists()


def _refuse_if_frozen(edition) -> None:
    if is_frozen(edition):
        raise ValidationError(_("The jury's decision is approved: scores are frozen."))


def _refuse_if_locked(assignment) -> None:
    """Scores change while the jury scores; in deliberation only what the chair reopened."""
    edition = assignment.entry.edition
    _refuse_if_frozen(edition)
    if edition.state == EditionState.JUDGING:
        return
    if edition.state != EditionState.DELIBERATION:
        raise ValidationError(_("Scoring is open only while the jury scores."))
    last = assignment.log.order_by("-at", "-pk").first()
    if last is None or last.action != "reopen":
        raise ValidationError(_("Scoring is closed: the scores are locked for the deliberation."))


# Assignments --------------------------------------------------------------------------


def assignments_create(*, edition: Edition) -> int:
    """Give every eligible entry to every juror without a conflict (the default), or to
    `jurors_per_entry` jurors, balanced so that loads differ by at most one. Idempotent:
    existing assignments stay. Side effects: assignment rows; returns how many."""
    return len(_assign(edition))


def _assign(edition: Edition, *, entries=None) -> list[Assignment]:
    """The assignments missing from `entries` (every eligible entry by default), created;
    returns the new ones. Called whenever the jury may score and a juror or a waiver
    frees a place, so assignments always follow the conflicts."""
    jurors = list(Juror.objects.filter(edition=edition).order_by("ref"))
    if entries is None:
        entries = Entry.objects.filter(edition=edition, state=EntryState.ELIGIBLE).order_by("ref")
    blocked = set(
        Conflict.objects.filter(juror__edition=edition, status__in=BLOCKING_CONFLICTS).values_list(
            "juror_id", "entry_id"
        )
    )
    existing = set(
        Assignment.objects.filter(juror__edition=edition).values_list("juror_id", "entry_id")
    )
    load = {j.pk: sum(1 for a in existing if a[0] == j.pk) for j in jurors}
    new = []
    for entry in entries:
        free = [j for j in jurors if (j.pk, entry.pk) not in blocked]
        have = [j for j in free if (j.pk, entry.pk) in existing]
        wanted = len(free) if edition.jurors_per_entry is None else edition.jurors_per_entry
        candidates = sorted((j for j in free if j not in have), key=lambda j: (load[j.pk], j.ref))
        for juror in candidates[: max(0, wanted - len(have))]:
            new.append(Assignment(juror=juror, entry=entry))
            load[juror.pk] += 1
    Assignment.objects.bulk_create(new, ignore_conflicts=True)
    return new


def _own_assignment(assignment_id: int, by) -> Assignment:
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("juror", "entry__edition")
        .get(pk=assignment_id)
    )
    if assignment.juror.user_id != getattr(by, "pk", None):
        raise PermissionDenied(_("This is not your assignment."))
    if assignment.juror.terms_accepted_at is None:
        raise PermissionDenied(_("Accept the jury's terms first."))
    if Conflict.objects.filter(
        juror=assignment.juror, entry=assignment.entry, status__in=BLOCKING_CONFLICTS
    ).exists():
        raise PermissionDenied(_("You have a conflict with this entry."))
    return assignment


def _parse(value, criterion, step: Decimal) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", "."))
        if not number.is_finite():  # NaN and Infinity parse, but are not scores
            raise InvalidOperation(value)
    except InvalidOperation:
        raise ValidationError(_("“%(value)s” is not a number.") % {"value": value}) from None
    if not (0 <= number <= criterion.max_score) or number % step:
        raise ValidationError(
            _("%(name)s: give a value from 0 to %(max)s in steps of %(step)s.")
            % {"name": criterion, "max": criterion.max_score, "step": rules.decimal_plain(step)}
        )
    return number


def scores_save(
    *, assignment_id: int, by, values: dict, comments: dict | None = None, overall: str = ""
) -> Assignment:
    """Save a draft of a juror's scores (autosave). Empty values are allowed in a draft.

    Side effects: Score rows, one ScoreChange per changed value, the overall comment.
    Refuses a submitted assignment (the chair can reopen it)."""
    comments = comments or {}
    with transaction.atomic():
        assignment = _own_assignment(assignment_id, by)
        if assignment.state != AssignmentState.DRAFT:
            raise ValidationError(_("These scores are submitted and locked."))
        edition = assignment.entry.edition
        _refuse_if_locked(assignment)
        criteria = {c.code: c for c in edition.criteria.all()}
        parsed = {}
        for code, raw in values.items():
            if code not in criteria:
                raise ValidationError(_("Unknown criterion “%(code)s”.") % {"code": code})
            parsed[code] = _parse(raw, criteria[code], edition.score_step)
        current = {s.criterion.code: s for s in assignment.scores.select_related("criterion")}
        for code, value in parsed.items():
            _store(assignment, criteria[code], current.get(code), value, comments.get(code), by)
        for code, text in comments.items():
            if code in current and code not in parsed:
                current[code].comment = text
                current[code].save(update_fields=["comment"])
        assignment.comment = overall
        assignment.save(update_fields=["comment"])
    return assignment


def _store(assignment, criterion, score, value, comment, by) -> None:
    old = score.value if score else None
    if value is None and score is not None:
        score.delete()
    elif value is not None and score is None:
        Score.objects.create(
            assignment=assignment, criterion=criterion, value=value, comment=comment or ""
        )
    elif score is not None:
        score.value = value
        score.comment = comment if comment is not None else score.comment
        score.save(update_fields=["value", "comment"])
    if old != value:
        ScoreChange.objects.create(
            assignment=assignment, criterion=criterion, old=old, new=value, by=by
        )


def assignment_submit(*, assignment_id: int, by) -> Assignment:
    """Submit a juror's scores: every criterion scored, then locked.

    Side effects: state, submitted_at, one log row. A second submit (double click, two
    tabs) is told it was already submitted and changes nothing."""
    with transaction.atomic():
        assignment = _own_assignment(assignment_id, by)
        if assignment.state == AssignmentState.SUBMITTED:
            raise ValidationError(_("These scores were already submitted."))
        _refuse_if_locked(assignment)
        codes = set(assignment.entry.edition.criteria.values_list("code", flat=True))
        scored = set(assignment.scores.values_list("criterion__code", flat=True))
        if codes - scored:
            raise ValidationError(_("Score every criterion before submitting."))
        assignment.submit(at=timezone.now())
        try:
            assignment.save()
        except ConcurrentTransition:
            raise ValidationError(_("These scores were already submitted.")) from None
        AssignmentLog.objects.create(assignment=assignment, action="submit", by=by)
    return assignment


def assignment_reopen(*, assignment_id: int, by, reason: str) -> Assignment:
    """The chair reopens submitted scores, with a reason. Side effects: state, log row."""
    with transaction.atomic():
        assignment = (
            Assignment.objects.select_for_update(of=("self",))
            .select_related("juror__edition")
            .get(pk=assignment_id)
        )
        if not is_chair(edition_id=assignment.juror.edition_id, user=by):
            raise PermissionDenied(_("Only the chair of the jury can reopen scores."))
        if not reason.strip():
            raise ValidationError({"reason": _("Write why the scores are reopened.")})
        _refuse_if_frozen(assignment.juror.edition)
        if assignment.state != AssignmentState.SUBMITTED:
            raise ValidationError(_("These scores are not submitted."))
        assignment.reopen()
        assignment.save()
        AssignmentLog.objects.create(assignment=assignment, action="reopen", by=by, reason=reason)
    return assignment


# Invitations --------------------------------------------------------------------------


def juror_invite(
    *,
    edition_id: int,
    by,
    name: str,
    email: str,
    country: str = "",
    organisation: str = "",
    role: str = JurorRole.MEMBER,
    language: str = "en",
    base_url: str,
) -> Juror:
    """Seat a person on an edition's jury and e-mail them, in their language, the link
    to their jury page (with a link to choose a password if they are new here).

    Side effects: possibly one account, one juror row and one e-mail, all or nothing."""
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat invites jurors."))
    edition = Edition.objects.get(pk=edition_id)
    email = email.strip().lower()
    if Juror.objects.filter(edition=edition, email__iexact=email).exists():
        raise ValidationError({"email": _("%(email)s is already on this jury.") % {"email": email}})
    with transaction.atomic():
        user = User.objects.filter(email__iexact=email).first()
        new = user is None
        if new:
            user = user_invite(
                by=by, email=email, name=name, language=language, send=False, base_url=base_url
            )
        juror = juror_add(
            edition=edition,
            ref=juror_ref(edition, name),
            name=name,
            email=email,
            country=country,
            role=role,
            user=user,
            organisation=organisation,
        )
        juror.invited_at = timezone.now()
        juror.save(update_fields=["invited_at"])
        mail_or_refuse(
            lambda: _juror_mail(juror, user, new=new, base_url=base_url),
            refused=_(
                "The invitation e-mail could not be sent (%(error)s), so nothing was saved. "
                "Check the address and try again in a moment."
            ),
        )
    return juror


def _juror_mail(juror: Juror, user, *, new: bool, base_url: str) -> None:
    with translation.override(user.language):
        page = reverse("jury:home", kwargs={"number": juror.edition.number})
        password = invitation_path(user=user) if new else ""
    base = base_url.rstrip("/")
    mail_send(
        to=user.email,
        language=user.language,
        subject=gettext_noop("You are invited to the jury of the Dosta!-Congress Prize"),
        template="emails/juror_invitation.txt",
        context={
            "juror": juror,
            "page": base + page,
            "password": base + password if password else "",
        },
    )


# Reminders and the decision -----------------------------------------------------------


def reminders_send(*, edition_id: int, by, base_url: str) -> int:
    """E-mail every juror who still has unsubmitted entries, in their language.
    Side effects: one e-mail per late juror; returns how many were sent."""
    if not is_chair(edition_id=edition_id, user=by):
        raise PermissionDenied(_("Only the chair of the jury sends reminders."))
    late = (
        Juror.objects.filter(edition_id=edition_id, assignments__state=AssignmentState.DRAFT)
        .select_related("user", "edition")
        .distinct()
    )
    sent = 0
    for juror in late:
        if juror.user is None:
            continue
        left = juror.assignments.filter(state=AssignmentState.DRAFT).count()
        with translation.override(juror.user.language):
            page = base_url.rstrip("/") + reverse(
                "jury:home", kwargs={"number": juror.edition.number}
            )
        mail_send(
            to=juror.user.email,
            language=juror.user.language,
            subject=gettext_noop("A reminder from the jury of the Dosta!-Congress Prize"),
            template="emails/juror_reminder.txt",
            context={"juror": juror, "left": left, "page": page},
        )
        sent += 1
    return sent
