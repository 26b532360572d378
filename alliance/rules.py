"""Predicates about Alliance participations: who may take which step, and what stops a
step, in sentences a person can act on. No I/O beyond the memberships that
submissions.rules reads once per user object."""

from datetime import date

from django.utils.translation import gettext as _

from accounts.rules import is_secretariat
from submissions.rules import member_authority_ids
from web.dates import date_format

from .enums import CLOSED_STATES, CONDITIONS, REASON_ACTIONS, ParticipationState

ANSWER_MAX = 5000
PROFILE_PART_MAX = 5000


def is_member(participation, user) -> bool:
    """django-fsm permission: the person belongs to the participating authority."""
    return participation.authority_id in member_authority_ids(user)


def can_review(participation, user) -> bool:
    return is_secretariat(user)


def can_manage(authority_id: int, user) -> bool:
    """The authority's own Alliance pages: its members and the secretariat."""
    return authority_id in member_authority_ids(user) or is_secretariat(user)


def can_view_letter(participation, user) -> bool:
    return is_member(participation, user) or is_secretariat(user)


def is_public(participation) -> bool:
    """A profile is public while the authority takes part, and only then."""
    return participation is not None and participation.state == ParticipationState.ACCEPTED


def answer_problems(answers: dict) -> dict[str, str]:
    """The conditions of participation left unanswered, by field."""
    return {
        code: _("Answer this: “%(condition)s”.") % {"condition": label}
        for code, label, _question in CONDITIONS
        if not (answers.get(code) or "").strip()
    }


def request_problems(participation) -> list[str]:
    """Why an authority cannot ask to join now (None: it never asked)."""
    if participation is None or participation.state in (
        ParticipationState.INFO_REQUESTED,
        ParticipationState.DECLINED,
        ParticipationState.ENDED,
    ):
        return []
    if participation.state == ParticipationState.ACCEPTED:
        return [_("Your authority already takes part in the Alliance.")]
    return [_("Your request to join is with the secretariat already.")]


def step_problems(participation, action: str, *, note: str) -> list[str]:
    """Why the secretariat cannot take `action` on this participation with this note."""
    if action in REASON_ACTIONS and not note.strip():
        return [_("Give the reason; the authority receives it by e-mail.")]
    if action == "accept" and not participation.authority.is_verified:
        # As for entries: the secretariat checks once that the authority is genuine.
        return [_("Verify the authority first.")]
    return []


def charter_problems(participation, signed_on: date | None, *, today: date) -> list[str]:
    if participation.state in CLOSED_STATES:
        return [_("This participation is over; its charter date can no longer be changed.")]
    if signed_on is None:
        return [_("Give the date the charter was signed.")]
    if signed_on > today:
        return [
            _("The charter cannot have been signed after today (%(today)s).")
            % {"today": date_format(today, "j F Y")}
        ]
    return []
