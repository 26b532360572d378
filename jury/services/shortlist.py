"""The shortlist of an edition that uses one: the first round of the jury's scoring
selects it, the chair records it, and the final round scores only its entries."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prize import rules as prize_rules
from prize.enums import EditionState
from prize.models import Edition, EditionTransition
from submissions.models import Entry

from .. import ranking, rules
from ..models import Shortlist
from ..selectors import is_chair, ranking_input, ranking_settings
from .decisions import digest, inputs_snapshot


def shortlist_record(
    *, edition_id: int, by, refs: list[str] | None = None, reason: str = ""
) -> Shortlist:
    """Record the shortlist after the first round: `refs` None keeps the computed
    proposal (jury.rules.shortlist_proposal: the first `shortlist_size` by the first
    round's ranking, with those tied with the last); other entries need a written
    `reason`. Only entries the first round ranked (eligible, with counted scores) can be
    shortlisted. Recorded by the chair or the secretariat, during the first round's
    deliberation of an edition with a shortlist; recording again replaces it.

    Side effects, in one transaction: one Shortlist (replacing an earlier one) with its
    entries, the first round's computed ranking and a snapshot of its inputs with a
    digest (the final round starts only while they still match); one EditionTransition
    ("record_shortlist", the reason as its note)."""
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition_id)
        if not is_chair(edition_id=edition.pk, user=by):
            raise PermissionDenied(_("Only the chair of the jury records the shortlist."))
        if not prize_rules.uses_shortlist(edition):
            raise ValidationError(_("This edition has no shortlist."))
        if not prize_rules.shortlist_pending(edition):
            raise ValidationError(
                _("The final round has started: the shortlist can no longer change.")
            )
        if edition.state != EditionState.DELIBERATION:
            raise ValidationError(
                _("The shortlist is recorded once the first round's scores are locked.")
            )
        data = ranking_input(edition=edition)
        settings = ranking_settings(edition)
        rows = ranking.rank(settings=settings, **data)
        proposal = rules.shortlist_proposal(rows, edition.shortlist_size)
        chosen = proposal if refs is None else list(dict.fromkeys(refs))
        if not chosen:
            raise ValidationError({"entries": _("Choose at least one entry for the shortlist.")})
        if set(chosen) != set(proposal) and not reason.strip():
            raise ValidationError(
                {"reason": _("Say why the shortlist departs from the computed proposal.")}
            )
        entries = list(Entry.objects.filter(edition=edition, ref__in=chosen))
        ranked = {r.entry for r in rows if r.place is not None}
        outside = sorted(set(chosen) - ranked)
        if outside:
            raise ValidationError(
                {
                    "entries": _(
                        "Only an entry the first round ranked (eligible, with counted "
                        "scores) can be shortlisted: %(refs)s."
                    )
                    % {"refs": ", ".join(outside)}
                }
            )
        Shortlist.objects.filter(edition=edition).delete()
        snapshot = inputs_snapshot(edition, data)
        shortlist = Shortlist.objects.create(
            edition=edition,
            recorded_by=by,
            reason=reason.strip(),
            computed_ranking=ranking.as_json(edition=edition.number, settings=settings, rows=rows),
            inputs=snapshot,
            digest=digest(snapshot),
        )
        shortlist.entries.set(entries)
        EditionTransition.objects.create(
            edition=edition,
            action="record_shortlist",
            source=edition.state,
            target=edition.state,
            by=by,
            note=reason.strip(),
        )
    return shortlist


def shortlist_current(*, edition: Edition) -> bool:
    """Whether the first round's scores are still those the shortlist was made of (a
    sheet reopened and changed since means the chair records it again)."""
    shortlist = Shortlist.objects.filter(edition=edition).first()
    return shortlist is not None and digest(inputs_snapshot(edition)) == shortlist.digest
