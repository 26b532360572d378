"""The jury's decision: recorded by the chair (the proposal or changed places with a
reason, statements per laureate), kept beside a snapshot of the computed ranking and its
inputs with a digest, approved by a second person of the secretariat, then frozen."""

import hashlib
import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.rules import is_secretariat
from prize import rules as prize_rules
from prize.enums import EditionState
from prize.models import Edition
from submissions.models import Entry

from .. import ranking
from ..enums import DecisionSource
from ..models import Decision, Result
from ..selectors import is_chair, ranking_input, ranking_settings


def is_frozen(edition) -> bool:
    """After the secretariat approved the decision, scores and decision are frozen."""
    return Decision.objects.filter(edition=edition, approved_at__isnull=False).exists()


def refuse_if_frozen(edition) -> None:
    if is_frozen(edition):
        raise ValidationError(_("The jury's decision is approved: scores are frozen."))


def inputs_snapshot(edition: Edition, data: dict | None = None) -> dict:
    """The ranking's inputs (`data` from ranking_input, read if not given) as plain
    JSON, decimals as strings, in a stable order."""
    data = data or ranking_input(edition=edition)
    return {
        "settings": ranking_settings(edition).__dict__ | {"tie_break": list(edition.tie_break)},
        "entries": sorted([e.ref, e.state] for e in data["entries"]),
        "criteria": [[c.code, str(c.weight), c.max_score] for c in data["criteria"]],
        "jury": sorted(data["jury"]),
        "conflicts": sorted(list(pair) for pair in data["conflicts"]),
        "sheets": sorted(
            [s.juror, s.entry, s.submitted, {k: str(v) for k, v in sorted(s.values.items())}]
            for s in data["sheets"]
        ),
    }


def digest(snapshot: dict) -> str:
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()


def decision_record(
    *,
    edition_id: int,
    by,
    places: dict | None = None,
    reason: str = "",
    statements: dict | None = None,
) -> Decision:
    """Record the jury's result. `places` None keeps the computed laureates; otherwise
    {ref: (place, ex_aequo)} with a written reason. `statements`: {ref: {"en", "fr"}}.
    Side effects: one Decision (replacing an unapproved one) and its Results."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition_id)
        if not is_chair(edition_id=edition.pk, user=by):
            raise PermissionDenied(_("Only the chair of the jury records the decision."))
        if edition.state != EditionState.DELIBERATION:
            raise ValidationError(_("The decision is recorded during the deliberation."))
        if prize_rules.shortlist_pending(edition):
            raise ValidationError(
                _(
                    "This edition uses a shortlist: record the shortlist, then the jury "
                    "scores it in the final round, whose ranking the decision follows."
                )
            )
        if is_frozen(edition):
            raise ValidationError(_("The decision is approved and can no longer change."))
        data = ranking_input(edition=edition)
        rows = ranking.rank(settings=ranking_settings(edition), **data)
        proposal = {r.entry: (r.place, r.ex_aequo) for r in rows if r.laureate}
        chosen = proposal if places is None else places
        if chosen != proposal and not reason.strip():
            raise ValidationError(
                {"reason": _("Say why the decision departs from the computed ranking.")}
            )
        snapshot = inputs_snapshot(edition, data)
        return _write(edition, by, chosen, reason, rows, snapshot, statements or {})


def _write(edition, by, chosen, reason: str, rows, snapshot, statements: dict) -> Decision:
    entries = {
        e.ref: e
        for e in Entry.objects.filter(edition=edition, ref__in=chosen).select_related("authority")
    }
    unknown = set(chosen) - set(entries)
    if unknown:
        raise ValidationError(
            _("Unknown entries: %(refs)s.") % {"refs": ", ".join(sorted(unknown))}
        )
    ranked = {r.entry for r in rows if r.place is not None}
    unranked = sorted(set(chosen) - ranked)
    if unranked:
        raise ValidationError(
            _(
                "Only an entry the jury ranked (eligible, with counted scores) can receive a "
                "place: %(names)s."
            )
            % {"names": ", ".join(_entry_name(entries[ref]) for ref in unranked)}
        )
    highest = len(ranked)
    if any(not 1 <= place <= highest for place, _shared in chosen.values()):
        raise ValidationError(
            _("A place is a whole number from 1 to %(count)d, the number of ranked entries.")
            % {"count": highest}
        )
    Decision.objects.filter(edition=edition).delete()
    settings = ranking_settings(edition)
    decision = Decision.objects.create(
        edition=edition,
        source=DecisionSource.JURY,
        recorded_by=by,
        reason=reason.strip(),
        computed_ranking=ranking.as_json(edition=edition.number, settings=settings, rows=rows),
        inputs=snapshot,
        digest=digest(snapshot),
    )
    Result.objects.bulk_create(
        Result(
            decision=decision,
            entry=entries[ref],
            place=place,
            ex_aequo=shared,
            statement={k: v for k, v in (statements.get(ref) or {}).items() if v.strip()} or None,
        )
        for ref, (place, shared) in chosen.items()
    )
    return decision


def _entry_name(entry: Entry) -> str:
    """The entry as a person knows it: its authority and its title."""
    title = entry.display_title
    return f"{entry.authority.display_name} ({title})" if title else entry.authority.display_name


def decision_approve(*, edition_id: int, by) -> Decision:
    """A second person, of the secretariat, approves the recorded decision; from then
    on scores and decision are frozen and the results can be published.

    Side effects: approved_by/approved_at. Refuses when the inputs changed since the
    decision was recorded (the digest no longer matches)."""
    if not is_secretariat(by):
        raise PermissionDenied(_("Only the secretariat approves the jury's decision."))
    with transaction.atomic():
        decision = (
            Decision.objects.select_for_update()
            .select_related("edition")
            .filter(edition_id=edition_id)
            .first()
        )
        if decision is None or decision.source != DecisionSource.JURY:
            raise ValidationError(_("The jury has not recorded a decision yet."))
        if decision.approved_at:
            raise ValidationError(_("The decision is already approved."))
        if decision.recorded_by_id == by.pk:
            raise ValidationError(
                _("A second person approves: you recorded this decision yourself.")
            )
        if digest(inputs_snapshot(decision.edition)) != decision.digest:
            raise ValidationError(
                _("Scores changed after the decision was recorded. The chair records it again.")
            )
        decision.approved_by, decision.approved_at = by, timezone.now()
        decision.save(update_fields=["approved_by", "approved_at"])
    return decision
