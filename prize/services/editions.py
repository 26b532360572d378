"""Editions: creating them and their settings. Their lifecycle, which reads the entries
and the jury, is `results.services.lifecycle`."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import events, rules
from ..defaults import (
    DEFAULT_CRITERIA,
    DEFAULT_MAX_SCORE,
    DEFAULT_WEIGHT,
    default_criterion_names,
)
from ..models import Criterion, Edition, EditionTransition


def edition_create(*, by, number: int, name: dict, year: int, **fields) -> Edition:
    """Create a draft edition with the five published criteria.

    Side effects: one edition, five criteria, one transition-log row ("created").
    """
    if not rules.can_run_edition(None, by):
        raise PermissionDenied(_("Only the secretariat can create an edition."))
    if Edition.objects.filter(number=number).exists():
        raise ValidationError(
            {"number": _("Edition %(number)d already exists.") % {"number": number}}
        )
    edition = Edition(number=number, name=name, year=year, **fields)
    edition.full_clean(exclude=["state"])  # protected: only transitions set it
    tie_break_check(edition.tie_break, default_criterion_names())
    with transaction.atomic():
        edition.save()
        Criterion.objects.bulk_create(
            Criterion(
                edition=edition,
                code=c["code"],
                name=c["name"],
                weight=DEFAULT_WEIGHT,
                max_score=DEFAULT_MAX_SCORE,
                order=i,
            )
            for i, c in enumerate(DEFAULT_CRITERIA)
        )
        EditionTransition.objects.create(
            edition=edition, action="create", source="", target=edition.state, by=by
        )
    return edition


def tie_break_check(tie_break, names: dict[str, str]) -> None:
    """Refuse a tie-break list the ranking cannot use (rules.tie_break_problems), each
    problem said on the `tie_break` field."""
    if not isinstance(tie_break, list):
        raise ValidationError({"tie_break": _("Give the tie-break criteria as a list.")})
    problems = rules.tie_break_problems(tie_break, names)
    if problems:
        raise ValidationError({"tie_break": list(problems.values())})


EDITABLE_FIELDS = (
    "name",
    "year",
    "eligible_countries",
    "project_start",
    "project_end",
    "submission_deadline",
    "ceremony_date",
    "ceremony_place",
    "ceremony_occasion",
    "places",
    "place_numbering",
    "aggregation",
    "score_precision",
    "score_step",
    "jurors_per_entry",
    "shortlist_size",
    "tie_break",
    "signatories",
    "participation_certificates",
    "call_text_en",
    "call_text_fr",
)


def edition_update(*, edition_id: int, by, deadline_reason: str = "", **fields) -> Edition:
    """Change an edition's settings (not its state).

    The deadline of an open call never moves into the past, and a move needs
    `deadline_reason` (rules.deadline_change_problems). The shortlist is set before the
    jury scores (rules.shortlist_setting_problems).

    Side effects: the edition row. When an open call's deadline moves: an
    EditionTransition row ("move_deadline", the reason as its note) in the same
    transaction and, once committed, the signal `events.deadline_moved` (the outreach
    app tells every authority with an entry); `events.edition_updated`, in the same
    transaction (results reissues the certificates whose facts changed)."""
    if not rules.can_run_edition(None, by):
        raise PermissionDenied(_("Only the secretariat can change an edition."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        edition = Edition.objects.select_for_update().get(pk=edition_id)
        old_deadline = edition.submission_deadline
        old_shortlist = edition.shortlist_size
        for name, value in fields.items():
            setattr(edition, name, value)
        edition.full_clean(exclude=["state"])  # protected: only transitions set it
        problems = rules.deadline_change_problems(
            edition, old=old_deadline, reason=deadline_reason, now=timezone.now()
        ) | rules.shortlist_setting_problems(edition, old=old_shortlist)
        if problems:
            raise ValidationError(problems)
        tie_break_check(edition.tie_break, {c.code: str(c) for c in edition.criteria.all()})
        edition.save()
        if rules.deadline_moves(edition, old_deadline):
            _deadline_moved(edition, old=old_deadline, reason=deadline_reason.strip(), by=by)
        # Above this app, what depends on the settings follows them (the certificates).
        events.edition_updated.send(sender=Edition, edition=edition, by=by)
    return edition


def _deadline_moved(edition: Edition, *, old, reason: str, by) -> None:
    EditionTransition.objects.create(
        edition=edition,
        action="move_deadline",
        source=edition.state,
        target=edition.state,
        by=by,
        note=reason,
    )
    moved = {
        "edition_id": edition.pk,
        "old": old,
        "new": edition.submission_deadline,
        "reason": reason,
        "by_id": by.pk,
    }
    transaction.on_commit(lambda: events.deadline_moved.send(sender=Edition, **moved))
