"""Fixtures of the jury tests: an edition in deliberation with a chair, a member and
three scored entries."""

import pytest

from jury.enums import AssignmentState
from jury.models import Assignment, Score
from prize.enums import EditionState
from tests.factories import EditionFactory, EntryFactory, JurorFactory, UserFactory


def submit(juror, entry, value):
    assignment, _ = Assignment.objects.get_or_create(juror=juror, entry=entry)
    Score.objects.bulk_create(
        Score(assignment=assignment, criterion=c, value=value) for c in entry.edition.criteria.all()
    )
    Assignment.objects.filter(pk=assignment.pk).update(state=AssignmentState.SUBMITTED)


@pytest.fixture
def board(db):
    edition = EditionFactory(state=EditionState.DELIBERATION, number=77, places=1)
    chair = JurorFactory(edition=edition, ref="chair", role="chair", user=UserFactory())
    member = JurorFactory(edition=edition, ref="m1", user=UserFactory(language="fr"))
    entries = [EntryFactory(edition=edition, ref=r, state="eligible") for r in ("a", "b", "c")]
    # a: 9 and 5 (mean 7, median 7); b: 7 and 7; c: 2 and 2 -> a and b tie under mean.
    for juror, values in ((chair, (9, 7, 2)), (member, (5, 7, 2))):
        for entry, value in zip(entries, values, strict=True):
            submit(juror, entry, value)
    return edition, chair, member, entries
