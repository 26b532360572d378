"""What the jury holds about a person (accounts.personal_data): their seats, conflicts
of interest, assignments with their scores and comments, and the decisions they recorded
or approved. All of it is the jury's record, which the prize keeps: a person with a seat
or a step in it is anonymised, never deleted; only the juror's e-mail address goes."""

from django.db.models import Q
from django.utils.translation import gettext as _

from accounts.personal_data import Holder, holder_register

from .enums import BLOCKING_CONFLICTS
from .models import AssignmentTransition, Conflict, Decision, Juror, ScoreChange


def _seat(juror: Juror) -> dict:
    # An entry the juror declared a conflict with vanishes from their pages, sheet and
    # all: the download is no way around that (the secretariat can give it on request).
    blocked = {c.entry_id for c in juror.conflicts.all() if c.status in BLOCKING_CONFLICTS}
    return {
        "edition": juror.edition.number,
        "name": juror.name,
        "email": juror.email,
        "country": juror.country,
        "organisation": juror.organisation,
        "role": juror.role,
        "invited_at": juror.invited_at,
        "terms_accepted_at": juror.terms_accepted_at,
        "conflicts_of_interest": [
            {
                "entry": conflict.entry.ref,
                "reason": conflict.reason,
                "status": conflict.status,
                "chair_reason": conflict.decision_reason,
                "declared_at": conflict.created_at,
                "decided_at": conflict.decided_at,
            }
            for conflict in juror.conflicts.all()
        ],
        "assignments": [
            {
                "entry": assignment.entry.ref,
                "state": assignment.state,
                "submitted_at": assignment.submitted_at,
                "comment": assignment.comment,
                "scores": [
                    {
                        "criterion": score.criterion.code,
                        "value": score.value,
                        "comment": score.comment,
                    }
                    for score in assignment.scores.all()
                ],
            }
            for assignment in juror.assignments.all()
            if assignment.entry_id not in blocked
        ],
        "assignments_withheld_for_conflicts": sum(
            1 for assignment in juror.assignments.all() if assignment.entry_id in blocked
        ),
    }


def export(user) -> dict:
    seats = (
        Juror.objects.filter(user=user)
        .select_related("edition")
        .prefetch_related(
            "conflicts__entry",
            "assignments__entry",
            "assignments__scores__criterion",
        )
        .order_by("edition__number")
    )
    decisions = Decision.objects.filter(Q(recorded_by=user) | Q(approved_by=user))
    return {
        "seats": [_seat(juror) for juror in seats],
        "conflicts_decided": [
            {"entry": conflict.entry.ref, "status": conflict.status, "at": conflict.decided_at}
            for conflict in Conflict.objects.filter(decided_by=user).select_related("entry")
        ],
        "decisions": [
            {
                "edition": decision.edition.number,
                "recorded_by_you": decision.recorded_by_id == user.pk,
                "approved_by_you": decision.approved_by_id == user.pk,
                "recorded_at": decision.recorded_at,
                "approved_at": decision.approved_at,
            }
            for decision in decisions.select_related("edition")
        ],
    }


def keeps(user) -> list[str]:
    reasons = []
    if Juror.objects.filter(user=user).exists():
        reasons.append(_("You have a seat on a jury."))
    elif (
        Conflict.objects.filter(decided_by=user).exists()
        or Decision.objects.filter(Q(recorded_by=user) | Q(approved_by=user)).exists()
        or AssignmentTransition.objects.filter(by=user).exists()
        or ScoreChange.objects.filter(by=user).exists()
    ):
        reasons.append(_("You took part in the jury's work."))
    return reasons


def erase(user) -> None:
    """The juror's e-mail address goes; their name and organisation stay in the jury's
    record."""
    Juror.objects.filter(user=user).update(email="")


def register() -> None:
    holder_register(Holder(name="jury", export=export, keeps=keeps, erase=erase))
