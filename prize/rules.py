"""Pure predicates for editions: no queries, no I/O. Facts that need the database are
gathered by the service and passed in."""

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.rules import is_secretariat

from .enums import BEFORE_JUDGING_STATES, EditionState, JuryRound

# The edition's steps that cannot be taken back, or not without harm (mails sent, pages
# public, entries locked out): each is asked first, and taken only when confirmed.
CONFIRM_ACTIONS = ("withdraw_call", "start_deliberation", "start_final_round", "publish")


def can_run_edition(instance, user) -> bool:
    """django-fsm permission: only the secretariat drives an edition's lifecycle."""
    return is_secretariat(user)


def before_judging(edition) -> bool:
    """Until the jury starts scoring, an edition's criteria and jurors may be repaired:
    from then on a weight, a maximum or a seat changed would change what the scores
    already given mean."""
    return edition.state in BEFORE_JUDGING_STATES


def uses_shortlist(edition) -> bool:
    """Whether the edition's jury works in two rounds: the first selects a shortlist,
    the final round ranks only the shortlisted entries. Off by default."""
    return edition.shortlist_size is not None


def shortlist_pending(edition) -> bool:
    """Whether the jury still scores or deliberates its first round, which selects the
    shortlist: no decision is recorded and nothing is published until the final round."""
    return uses_shortlist(edition) and edition.jury_round == JuryRound.FIRST


def final_round_possible(edition) -> bool:
    """django-fsm condition of start_final_round: offered only to an edition with a
    shortlist whose first round is still going (no button otherwise)."""
    return shortlist_pending(edition)


def shortlist_setting_problems(edition, *, old) -> dict:
    """Why the shortlist setting (changed from `old`) cannot be saved: like the criteria
    and the jurors, it is set before the jury starts scoring (a round already scored
    would change meaning), and a shortlist holds at least one entry."""
    new = edition.shortlist_size
    if new == old:
        return {}
    if not before_judging(edition):
        return {
            "shortlist_size": [
                _(
                    "The shortlist is chosen before the jury starts scoring: it cannot be "
                    "turned on, off or resized once the jury scores."
                )
            ]
        }
    if new is not None and new < 1:
        return {"shortlist_size": [_("A shortlist holds at least one entry.")]}
    return {}


def deadline_moves(edition, old) -> bool:
    """Whether a change of the deadline from `old` is a move of an open call's deadline,
    which the authorities with an entry are told about, with a reason."""
    return edition.state == EditionState.OPEN and edition.submission_deadline != old


def deadline_change_problems(edition, *, old, reason: str, now: datetime) -> dict:
    """Why the new deadline of `edition` (changed from `old`) cannot be saved, by field:
    an open call's deadline never moves into the past (entries being written would be
    shut out at once; closing the call is a step of its own), and a move says why."""
    if not deadline_moves(edition, old):
        return {}
    new = edition.submission_deadline
    if new is None:
        return {"submission_deadline": [_("The call is open: it needs a deadline still to come.")]}
    if new <= now:
        return {
            "submission_deadline": [
                _(
                    "The call is open: its deadline cannot be moved into the past. Choose a "
                    "date and time still to come, or close the call once the deadline has "
                    "passed."
                )
            ]
        }
    if not reason.strip():
        return {
            "deadline_reason": [
                _(
                    "Say why the deadline moves: every authority with an entry is told, "
                    "with your reason."
                )
            ]
        }
    return {}


@dataclass(frozen=True)
class EditionFacts:
    """What the database knows about an edition that its transitions depend on."""

    criteria: int = 0
    entries_awaiting_screening: int = 0
    eligible_entries: int = 0
    jurors: int = 0
    has_decision: bool = False
    # Entries with fewer submitted score sheets than the most (jury.selectors.UnevenEntry),
    # read while the jury scores; locking the scores needs `uneven_confirmed`.
    uneven_entries: tuple = ()
    uneven_confirmed: bool = False
    # The shortlist the chair recorded in the first round (jury.models.Shortlist): how
    # many entries, and whether the first round's scores are still those it was made of.
    shortlisted: int = 0
    shortlist_current: bool = False


def edition_action_problems(
    edition, action: str, *, facts: EditionFacts, now: datetime
) -> list[str]:
    """Why `action` cannot be taken now, in sentences a secretariat member can act on."""
    check = _CHECKS.get(action)
    return check(edition, facts, now) if check else []


def _open_call(edition, facts, now):
    problems = []
    if not edition.name or not edition.name.get("en") or not edition.name.get("fr"):
        problems.append(_("Give the edition a name in English and in French."))
    if facts.criteria == 0:
        problems.append(_("Add at least one award criterion."))
    if edition.submission_deadline is None:
        problems.append(_("Set a submission deadline."))
    elif edition.submission_deadline <= now:
        problems.append(_("The submission deadline has passed: set one in the future."))
    if edition.project_start is None or edition.project_end is None:
        problems.append(_("Set the project period (the two calendar years before the call)."))
    return problems


def _close_call(edition, facts, now):
    if edition.submission_deadline and edition.submission_deadline > now:
        return [_("The call stays open until its deadline has passed.")]
    return []


def _reopen_call(edition, facts, now):
    if edition.submission_deadline is None or edition.submission_deadline <= now:
        return [_("To reopen the call, first move the submission deadline into the future.")]
    return []


def _start_judging(edition, facts, now):
    problems = []
    if facts.entries_awaiting_screening:
        count = facts.entries_awaiting_screening
        problems.append(
            ngettext(
                "%(count)d entry still awaits an eligibility decision.",
                "%(count)d entries still await an eligibility decision.",
                count,
            )
            % {"count": count}
        )
    if facts.eligible_entries == 0:
        problems.append(_("No entry has been found eligible yet."))
    if facts.jurors == 0:
        problems.append(_("Invite at least one juror."))
    return problems


def uneven_facts(entry) -> dict:
    """The words of an entry with fewer score sheets than others, for the sentences that
    name it (here, and on the pages that ask before locking or approving)."""
    return {
        "title": entry.title,
        "authority": entry.authority,
        "ref": entry.ref,
        "sheets": entry.sheets,
        "most": entry.most,
    }


def _start_deliberation(edition, facts, now):
    if not facts.uneven_entries or facts.uneven_confirmed:
        return []
    listed = "; ".join(
        _("“%(title)s” of %(authority)s (%(ref)s): %(sheets)s of %(most)s") % uneven_facts(e)
        for e in facts.uneven_entries
    )
    return [
        _(
            "These entries have fewer submitted score sheets than others: %(entries)s. "
            "Confirm that the scores may be locked anyway."
        )
        % {"entries": listed}
    ]


def _start_final_round(edition, facts, now):
    if not facts.shortlisted:
        return [_("The chair has not recorded the shortlist yet.")]
    if not facts.shortlist_current:
        return [
            _(
                "Scores changed after the shortlist was recorded: the chair records the "
                "shortlist again."
            )
        ]
    return []


def _publish(edition, facts, now):
    if shortlist_pending(edition):
        return [
            _(
                "This edition uses a shortlist: the jury scores the shortlisted entries in a "
                "final round before its decision is recorded."
            )
        ]
    if not facts.has_decision:
        return [_("The jury's decision has not been recorded and approved yet.")]
    return []


_CHECKS = {
    "open_call": _open_call,
    "close_call": _close_call,
    "reopen_call": _reopen_call,
    "start_judging": _start_judging,
    "start_deliberation": _start_deliberation,
    "start_final_round": _start_final_round,
    "publish": _publish,
}


def tie_break_problems(tie_break, names: dict[str, str]) -> dict[int, str]:
    """Why the tie-break list `tie_break` (criterion codes, in order) cannot be kept for
    an edition whose criteria are `names` (code → name), by position in the list: a code
    that is not one of its criteria (the ranking would have no value to compare), or a
    criterion chosen twice. Every path (the settings page, edition_create and
    edition_update, import_edition, the criteria in the admin) asks this."""
    problems: dict[int, str] = {}
    seen: set[str] = set()
    for position, code in enumerate(tie_break):
        if not isinstance(code, str) or code not in names:
            problems[position] = _("“%(code)s” is not a criterion of this edition.") % {
                "code": code
            }
        elif code in seen:
            problems[position] = _(
                "“%(name)s” is chosen more than once: choose each criterion at most once."
            ) % {"name": names[code]}
        else:
            seen.add(code)
    return problems
