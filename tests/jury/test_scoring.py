"""Jurors: terms, conflicts (declared, flagged, decided by the chair), assignments when
judging starts, draft scores with every change kept, submit and reopen."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from jury import selectors, services
from jury.enums import AssignmentState, ConflictStatus
from jury.forms import ScoreForm
from jury.models import Assignment, AssignmentTransition, Conflict, ScoreChange
from jury.rules import decimal_plain
from prize.enums import EditionState
from results import services as prize_services
from tests.factories import EditionFactory, EntryFactory, JurorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return EditionFactory(state=EditionState.SCREENING, places=2)


def seat(edition, ref, role="member", country="DE", **kwargs):
    user = UserFactory()
    return JurorFactory(edition=edition, ref=ref, user=user, role=role, country=country, **kwargs)


@pytest.fixture
def jury(edition):
    return [seat(edition, "j1"), seat(edition, "j2"), seat(edition, "chair", role="chair")]


@pytest.fixture
def eligible(edition):
    return [EntryFactory(edition=edition, ref=f"e{n}", state="eligible") for n in range(3)]


def start_judging(edition, secretary):
    return prize_services.edition_transition(
        edition_id=edition.pk, action="start_judging", by=secretary
    )


def test_starting_judging_assigns_every_entry_to_every_juror_without_a_conflict(
    edition, jury, eligible, secretary
):
    Conflict.objects.create(juror=jury[0], entry=eligible[0], reason="Knows the mayor.")
    EntryFactory(edition=edition, state="ineligible")
    start_judging(edition, secretary)
    pairs = set(Assignment.objects.values_list("juror__ref", "entry__ref"))
    assert len(pairs) == 3 * 3 - 1
    assert ("j1", "e0") not in pairs


def test_k_jurors_per_entry_are_balanced(edition, secretary):
    type(edition).objects.filter(pk=edition.pk).update(jurors_per_entry=2)
    edition.refresh_from_db()
    for n in range(4):
        seat(edition, f"j{n}")
    for n in range(6):
        EntryFactory(edition=edition, ref=f"e{n}", state="eligible")
    assert services.assignments_create(edition=edition) == 12
    loads = sorted(Assignment.objects.filter(juror__ref=f"j{n}").count() for n in range(4))
    assert loads == [3, 3, 3, 3]
    assert services.assignments_create(edition=edition) == 0  # idempotent


def test_likely_conflicts_are_flagged_for_the_chair(edition, eligible):
    entry = eligible[0]
    entry.authority.country = "DE"
    entry.authority.save()
    entry.authority.members.add(UserFactory(email="mayor@ghent.be"))
    same_country = seat(edition, "same-country", country="DE")
    same_domain = seat(edition, "same-domain", country="FR", email="someone@ghent.be")
    partner = seat(edition, "partner", country="FR", organisation="Roma Women's Association")
    type(entry).objects.filter(pk=entry.pk).update(
        partners=[{"name": "Roma Women's Association", "roma": True}]
    )
    assert services.conflicts_flag(edition=edition) == 7  # 4 more: e1 and e2 are French
    flagged = {
        c.juror.ref: c.reason
        for c in Conflict.objects.filter(entry=entry, status=ConflictStatus.FLAGGED)
    }
    assert flagged[same_country.ref] == "Same country as the authority."
    assert flagged[same_domain.ref] == "Same e-mail domain (ghent.be) as the authority's people."
    assert flagged[partner.ref] == "The juror's organisation is a partner of the project."


def test_the_chair_confirms_or_waives_a_flag_with_a_reason(edition, jury, eligible):
    flag = Conflict.objects.create(
        juror=jury[0], entry=eligible[0], reason="Same country.", status=ConflictStatus.FLAGGED
    )
    with pytest.raises(PermissionDenied):
        services.conflict_decide(conflict_id=flag.pk, by=jury[1].user, confirm=False, reason="x")
    with pytest.raises(ValidationError):
        services.conflict_decide(conflict_id=flag.pk, by=jury[2].user, confirm=False, reason=" ")
    decided = services.conflict_decide(
        conflict_id=flag.pk, by=jury[2].user, confirm=False, reason="Lives abroad since 2010."
    )
    assert (decided.status, decided.decided_by) == (ConflictStatus.WAIVED, jury[2].user)


@pytest.fixture
def assignment(edition, jury, eligible):
    services.assignments_create(edition=edition)
    type(edition).objects.filter(pk=edition.pk).update(state=EditionState.JUDGING)
    juror = jury[0]
    juror.terms_accepted_at = None
    juror.save()
    return Assignment.objects.get(juror=juror, entry=eligible[1])


def test_scores_need_the_terms_accepted_first(assignment):
    user = assignment.juror.user
    with pytest.raises(PermissionDenied, match="Accept the jury's terms first."):
        services.scores_save(assignment_id=assignment.pk, by=user, values={"social-rights": 8})
    services.juror_accept_terms(juror_id=assignment.juror_id, by=user)
    services.scores_save(assignment_id=assignment.pk, by=user, values={})


def codes(assignment):
    return [c.code for c in assignment.entry.edition.criteria.all()]


def accepted(assignment):
    services.juror_accept_terms(juror_id=assignment.juror_id, by=assignment.juror.user)
    return assignment.juror.user


def test_a_draft_keeps_every_change_and_refuses_out_of_range_or_off_step(assignment):
    user = accepted(assignment)
    first = codes(assignment)[0]
    services.scores_save(assignment_id=assignment.pk, by=user, values={first: "7"})
    services.scores_save(assignment_id=assignment.pk, by=user, values={first: "7.5"})
    changes = list(ScoreChange.objects.filter(assignment=assignment).values_list("old", "new"))
    assert changes == [(None, Decimal("7")), (Decimal("7"), Decimal("7.5"))]
    rule = "Give a number from 0 to 10 in steps of 0.5, e.g. 7.5."
    for bad in ("11", "-1", "7.3", "1e1", "seven"):
        saved = services.scores_save(assignment_id=assignment.pk, by=user, values={first: bad})
        said = rule if bad != "seven" else f"“seven” is not a number. {rule}"
        assert (saved.refused, saved.complete) == ({first: said}, False)
    assert assignment.scores.get().value == Decimal("7.5")
    assert ScoreChange.objects.filter(assignment=assignment).count() == 2


def test_submit_needs_every_criterion_then_locks_and_a_second_submit_is_told(assignment):
    user = accepted(assignment)
    with pytest.raises(ValidationError, match="Score every criterion before submitting."):
        services.assignment_transition(action="submit", assignment_id=assignment.pk, by=user)
    services.scores_save(
        assignment_id=assignment.pk, by=user, values=dict.fromkeys(codes(assignment), "8")
    )
    done = services.assignment_transition(action="submit", assignment_id=assignment.pk, by=user)
    assert done.state == AssignmentState.SUBMITTED
    with pytest.raises(ValidationError, match="already submitted"):
        services.assignment_transition(action="submit", assignment_id=assignment.pk, by=user)
    with pytest.raises(ValidationError, match="submitted and locked"):
        services.scores_save(assignment_id=assignment.pk, by=user, values={codes(assignment)[0]: 1})
    assert AssignmentTransition.objects.filter(assignment=assignment, action="submit").count() == 1


def test_only_the_chair_reopens_with_a_reason(assignment, jury):
    user = accepted(assignment)
    services.scores_save(
        assignment_id=assignment.pk, by=user, values=dict.fromkeys(codes(assignment), "8")
    )
    services.assignment_transition(action="submit", assignment_id=assignment.pk, by=user)
    with pytest.raises(PermissionDenied):
        services.assignment_transition(
            action="reopen", assignment_id=assignment.pk, by=user, note="Typo"
        )
    chair = jury[2].user
    with pytest.raises(ValidationError):
        services.assignment_transition(
            action="reopen", assignment_id=assignment.pk, by=chair, note=""
        )
    reopened = services.assignment_transition(
        action="reopen",
        assignment_id=assignment.pk,
        by=chair,
        note="Juror asked to correct a typo.",
    )
    assert reopened.state == AssignmentState.DRAFT
    log = AssignmentTransition.objects.filter(assignment=assignment).last()
    assert (log.action, log.source, log.target, log.by, log.note) == (
        "reopen",
        "submitted",
        "draft",
        chair,
        "Juror asked to correct a typo.",
    )


def test_someone_elses_assignment_is_refused(assignment, jury):
    accepted(assignment)
    with pytest.raises(PermissionDenied, match="This is not your assignment."):
        services.scores_save(assignment_id=assignment.pk, by=jury[1].user, values={})


def test_a_declared_conflict_removes_the_draft_and_blocks_scoring(assignment):
    user = accepted(assignment)
    services.conflict_declare(
        juror_id=assignment.juror_id, entry_id=assignment.entry_id, by=user, reason="My cousin."
    )
    assert not Assignment.objects.filter(pk=assignment.pk).exists()


def test_submitted_scores_count_in_the_ranking_and_drafts_do_not(assignment, edition):
    user = accepted(assignment)
    services.scores_save(
        assignment_id=assignment.pk, by=user, values=dict.fromkeys(codes(assignment), "9")
    )
    assert selectors.edition_ranking(edition=edition)[0].score is None
    services.assignment_transition(action="submit", assignment_id=assignment.pk, by=user)
    top = selectors.edition_ranking(edition=edition)[0]
    assert (top.entry, top.score, top.jurors) == (assignment.entry.ref, Decimal("9.00"), 1)


def test_in_deliberation_only_scores_the_chair_reopened_can_change(assignment, jury):
    user = accepted(assignment)
    values = dict.fromkeys(codes(assignment), "8")
    services.scores_save(assignment_id=assignment.pk, by=user, values=values)
    services.assignment_transition(action="submit", assignment_id=assignment.pk, by=user)
    edition = assignment.entry.edition
    type(edition).objects.filter(pk=edition.pk).update(state=EditionState.DELIBERATION)
    draft = Assignment.objects.get(juror=jury[1], entry=assignment.entry)
    services.juror_accept_terms(juror_id=jury[1].pk, by=jury[1].user)
    with pytest.raises(ValidationError, match="locked for the deliberation"):
        services.scores_save(assignment_id=draft.pk, by=jury[1].user, values=values)
    services.assignment_transition(
        action="reopen", assignment_id=assignment.pk, by=jury[2].user, note="A typo."
    )
    services.scores_save(assignment_id=assignment.pk, by=user, values={codes(assignment)[0]: 7})
    assert (
        services.assignment_transition(action="submit", assignment_id=assignment.pk, by=user).state
        == "submitted"
    )


def test_a_saved_full_mark_shows_as_ten_in_the_scoring_form_not_1e1(assignment):
    """`Decimal.normalize()` turns 10.00 into 1E+1, which a number field cannot show."""
    user = accepted(assignment)
    first, second = codes(assignment)[:2]
    services.scores_save(assignment_id=assignment.pk, by=user, values={first: "10", second: "7.5"})
    initial = ScoreForm.initial_for(assignment)
    assert str(initial[f"value_{first}"]) == "10"
    assert str(initial[f"value_{second}"]) == "7.5"
    assert [str(decimal_plain(Decimal(v))) for v in ("10.00", "0", "0.50", "100")] == [
        "10",
        "0",
        "0.5",
        "100",
    ]
