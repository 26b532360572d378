"""Writes about the jurors' sheets: the scores and comments saved as they are typed, and
the steps of a sheet (submit, reopen)."""

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django_fsm import ConcurrentTransition

from prize.enums import EditionState

from .. import rules
from ..enums import (
    BLOCKING_CONFLICTS,
    AssignmentState,
)
from ..models import (
    Assignment,
    AssignmentTransition,
    Conflict,
    Score,
    ScoreChange,
)
from ..selectors import is_chair
from .decisions import refuse_if_frozen

User = get_user_model()

# Scores -------------------------------------------------------------------------------


def _refuse_if_locked(assignment) -> None:
    """Scores change while the jury scores; in deliberation only what the chair reopened;
    never on a sheet of a round that is over (the first round, once the final round of
    an edition with a shortlist started)."""
    edition = assignment.entry.edition
    refuse_if_frozen(edition)
    if assignment.round != edition.jury_round:
        raise ValidationError(
            _("This score sheet belongs to the first round, which is over: it stays as it is.")
        )
    if edition.state == EditionState.JUDGING:
        return
    if edition.state != EditionState.DELIBERATION:
        raise ValidationError(_("Scoring is open only while the jury scores."))
    last = assignment.transitions.order_by("-at", "-pk").first()
    if last is None or last.action != "reopen":
        raise ValidationError(_("Scoring is closed: the scores are locked for the deliberation."))


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


# A score as a person types it: digits, and a decimal point or comma ("8.5", "8,5").
PLAIN_SCORE = re.compile(r"[0-9]+(?:[.,][0-9]+)?")


def score_rule(criterion, step: Decimal) -> str:
    """What a valid score of `criterion` looks like, as a sentence with an example, the
    numbers written as the page's language writes them (7,5 in French)."""
    example = (Decimal(criterion.max_score) * 3 / 4 // step) * step
    numbers = {
        "max": number_format(criterion.max_score),
        "step": number_format(rules.decimal_plain(step)),
        "example": number_format(rules.decimal_plain(example)),
    }
    if step == 1:
        return _("Give a whole number from 0 to %(max)s, e.g. %(example)s.") % numbers
    return _("Give a number from 0 to %(max)s in steps of %(step)s, e.g. %(example)s.") % numbers


def _parse(value, criterion, step: Decimal) -> Decimal | None:
    """A typed score: empty is None; a decimal comma is a decimal point; anything else
    than a plain number from 0 to the criterion's maximum on the step is refused."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    try:
        number = Decimal(text.replace(",", "."))
        finite = number.is_finite()  # NaN and Infinity parse, but are not scores
    except InvalidOperation:
        finite = False
    if not finite:
        raise ValidationError(
            _("“%(value)s” is not a number.") % {"value": value} + " " + score_rule(criterion, step)
        )
    if not PLAIN_SCORE.fullmatch(text) or number > criterion.max_score or number % step:
        raise ValidationError(score_rule(criterion, step))
    return number


@dataclass(frozen=True)
class ScoresSaved:
    """What scores_save kept and what it could not, by criterion code, with a sentence
    the juror can act on for each."""

    assignment: Assignment
    refused: dict[str, str] = field(default_factory=dict)  # typed values not saved

    @property
    def complete(self) -> bool:
        return not self.refused


def scores_save(
    *,
    assignment_id: int,
    by,
    values: dict,
    comments: dict | None = None,
    overall: str | None = None,
) -> ScoresSaved:
    """Save a draft of a juror's scores (autosave and the form's Save). Empty values are
    allowed in a draft. Partial: every valid value and every comment is saved, each
    refused value is reported (`refused`) and changes nothing, so one slip never costs
    the rest of the sheet. A criterion's comment is kept on its score row, which holds
    no value until one is given. `overall` None leaves the overall comment as it is.

    Side effects, in one transaction: Score rows, one ScoreChange per changed value, the
    overall comment. Refuses the whole sheet when it is submitted (the chair can reopen
    it), locked, not the juror's, or names an unknown criterion."""
    comments = comments or {}
    with transaction.atomic():
        assignment = _own_assignment(assignment_id, by)
        if assignment.state != AssignmentState.DRAFT:
            raise ValidationError(_("These scores are submitted and locked."))
        edition = assignment.entry.edition
        _refuse_if_locked(assignment)
        criteria = {c.code: c for c in edition.criteria.all()}
        for code in [*values, *comments]:
            if code not in criteria:
                raise ValidationError(_("Unknown criterion “%(code)s”.") % {"code": code})
        current = {s.criterion.code: s for s in assignment.scores.select_related("criterion")}
        refused = {}
        for code, raw in values.items():
            try:
                value = _parse(raw, criteria[code], edition.score_step)
            except ValidationError as error:
                refused[code] = " ".join(error.messages)
                continue
            current[code] = _store(assignment, criteria[code], current.get(code), value, by)
        for code, text in comments.items():
            current[code] = _comment_store(assignment, criteria[code], current.get(code), text)
        if overall is not None and overall != assignment.comment:
            assignment.comment = overall
            assignment.save(update_fields=["comment"])
    return ScoresSaved(assignment, refused)


def _comment_store(assignment, criterion, score, text: str) -> Score | None:
    """Write one criterion's comment on its score row (made, with no value yet, for a
    comment typed before the score; removed when neither is left)."""
    if score is None and text.strip():
        return Score.objects.create(assignment=assignment, criterion=criterion, comment=text)
    if score is not None and score.comment != text:
        if score.value is None and not text.strip():
            score.delete()
            return None
        score.comment = text
        score.save(update_fields=["comment"])
    return score


def _store(assignment, criterion, score, value, by) -> Score | None:
    """Write one value (None empties it: the row stays while it holds a comment);
    returns the score as it now is."""
    old = score.value if score else None
    if value is None and score is not None and not score.comment.strip():
        score.delete()
        score = None
    elif value is not None and score is None:
        score = Score.objects.create(assignment=assignment, criterion=criterion, value=value)
    elif score is not None and score.value != value:
        score.value = value
        score.save(update_fields=["value"])
    if old != value:
        ScoreChange.objects.create(
            assignment=assignment, criterion=criterion, old=old, new=value, by=by
        )
    return score


def assignment_transition(*, assignment_id: int, action: str, by, note: str = "") -> Assignment:
    """Take one step of a juror's sheet, like every other lifecycle of the prize:

    - "submit": the juror submits their scores, every criterion scored, then locked. A
      second submit (double click, two tabs) is told it was already submitted and
      changes nothing.
    - "reopen": the chair (or the secretariat) reopens submitted scores, with a reason
      (`note`), so the juror can correct them during the deliberation.

    Side effects, in one transaction: state, submitted_at, one AssignmentTransition."""
    steps = {"submit": _submit_checked, "reopen": _reopen_checked}
    if action not in steps:
        raise ValidationError(_("Unknown step “%(action)s”.") % {"action": action})
    with transaction.atomic():
        assignment = steps[action](assignment_id, by, note)
        source = assignment.state
        getattr(assignment, action)(at=timezone.now())
        try:
            assignment.save()
        except ConcurrentTransition:
            raise ValidationError(_("These scores were already submitted.")) from None
        AssignmentTransition.objects.create(
            assignment=assignment,
            action=action,
            source=source,
            target=assignment.state,
            by=by,
            note=note,
        )
    return assignment


def _submit_checked(assignment_id: int, by, note: str) -> Assignment:
    assignment = _own_assignment(assignment_id, by)
    if assignment.state == AssignmentState.SUBMITTED:
        raise ValidationError(_("These scores were already submitted."))
    _refuse_if_locked(assignment)
    codes = set(assignment.entry.edition.criteria.values_list("code", flat=True))
    scored = set(
        assignment.scores.filter(value__isnull=False).values_list("criterion__code", flat=True)
    )
    if codes - scored:
        raise ValidationError(_("Score every criterion before submitting."))
    return assignment


def _reopen_checked(assignment_id: int, by, note: str) -> Assignment:
    assignment = (
        Assignment.objects.select_for_update(of=("self",))
        .select_related("juror__edition")
        .get(pk=assignment_id)
    )
    if not is_chair(edition_id=assignment.juror.edition_id, user=by):
        raise PermissionDenied(_("Only the chair of the jury can reopen scores."))
    if not note.strip():
        raise ValidationError({"reason": _("Write why the scores are reopened.")})
    refuse_if_frozen(assignment.juror.edition)
    if assignment.round != assignment.juror.edition.jury_round:
        raise ValidationError(
            _("This score sheet belongs to the first round, which is over: it stays as it is.")
        )
    if assignment.state != AssignmentState.SUBMITTED:
        raise ValidationError(_("These scores are not submitted."))
    return assignment
