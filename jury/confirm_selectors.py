"""Reads for the page that asks before the secretariat approves the jury's decision,
and the warnings that the edition's later steps share (uneven score sheets, a laureate
without a statement). Nothing here writes."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from accounts.rules import is_secretariat
from prize.models import Edition
from prize.rules import uneven_facts
from prize.texts import pick, place_label

from .enums import DecisionSource
from .models import Decision
from .selectors import results, uneven_entries


@dataclass(frozen=True)
class Confirmation:
    """What a step will do, what looks wrong, and what prevents it, in sentences for the
    person asked."""

    consequences: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def uneven_warnings(*, edition: Edition) -> list[str]:
    """One sentence per entry with fewer counted score sheets than the entry with the most."""
    return [
        _("“%(title)s” of %(authority)s (%(ref)s) has %(sheets)d of %(most)d score sheets.")
        % uneven_facts(e)
        for e in uneven_entries(edition=edition)
    ]


def statement_warnings(*, laureates) -> list[str]:
    return [
        _("%(authority)s (%(ref)s), a laureate, has no statement of the jury.")
        % {"authority": r.entry.authority.display_name, "ref": r.entry.ref}
        for r in laureates
        if not pick(r.statement)
    ]


def laureate_name(result) -> str:
    return _("%(place)s – %(authority)s (%(ref)s)") % {
        "place": place_label(result.place, result.ex_aequo),
        "authority": result.entry.authority.display_name,
        "ref": result.entry.ref,
    }


def approval_step(*, edition: Edition, by) -> Confirmation:
    """What approving the recorded decision does, and what looks wrong with it."""
    decision = (
        Decision.objects.filter(edition=edition, source=DecisionSource.JURY)
        .select_related("recorded_by")
        .first()
    )
    laureates = [r for r in results(editions=[edition]) if r.place <= edition.places]
    consequences = [
        _("The scores and the jury's decision are frozen: nobody can change them any more."),
        _("The results can then be published, a step with its own confirmation."),
        _("Nobody gets an e-mail; nothing becomes public."),
    ]
    if laureates:
        consequences.insert(
            0,
            _("The laureates become final: %(names)s.")
            % {"names": "; ".join(laureate_name(r) for r in laureates)},
        )
    warnings = uneven_warnings(edition=edition) + statement_warnings(laureates=laureates)
    if decision is not None and decision.reason:
        warnings.append(
            _("The decision departs from the computed ranking. The chair's reason: %(reason)s")
            % {"reason": decision.reason}
        )
    return Confirmation(consequences, warnings, _approval_problems(decision, by))


def _approval_problems(decision, by) -> list[str]:
    if not is_secretariat(by):
        return [_("Only the secretariat approves the jury's decision.")]
    if decision is None:
        return [_("The jury has not recorded a decision yet.")]
    if decision.approved_at:
        return [_("The decision is already approved.")]
    if decision.recorded_by_id == by.pk:
        return [_("A second person approves: you recorded this decision yourself.")]
    return []
