"""Fifty jurors at once, each submitting twice (a double click): nothing lost, nothing
twice. Real threads need row locks, so this runs on the PostgreSQL leg."""

import threading

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from jury import services
from jury.enums import AssignmentState
from jury.models import Assignment, AssignmentTransition, Score, ScoreChange
from prize.enums import EditionState
from tests.factories import EditionFactory, EntryFactory, JurorFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        getattr(settings, "TEST_BACKEND", "") != "postgres",
        reason="SQLite has no row locks; the PostgreSQL leg of the same run covers this",
    ),
]

JURORS = 50


def test_fifty_jurors_scoring_at_once_lose_nothing_and_double_nothing():
    edition = EditionFactory(state=EditionState.JUDGING)
    entry = EntryFactory(edition=edition, state="eligible")
    jurors = [
        JurorFactory(edition=edition, user=UserFactory(), terms_accepted_at=timezone.now())
        for _ in range(JURORS)
    ]
    services.assignments_create(edition=edition)
    codes = list(edition.criteria.values_list("code", flat=True))
    barrier = threading.Barrier(JURORS)
    refused = []

    def juror_at_work(juror):
        try:
            assignment = Assignment.objects.get(juror=juror)
            barrier.wait()
            services.scores_save(
                assignment_id=assignment.pk, by=juror.user, values=dict.fromkeys(codes, "7")
            )
            for _click in range(2):
                try:
                    services.assignment_transition(
                        action="submit", assignment_id=assignment.pk, by=juror.user
                    )
                except ValidationError as error:
                    refused.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=juror_at_work, args=(j,)) for j in jurors]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert refused == ["These scores were already submitted."] * JURORS
    assert Score.objects.filter(assignment__entry=entry).count() == JURORS * len(codes)
    assert ScoreChange.objects.filter(assignment__entry=entry).count() == JURORS * len(codes)
    submitted = Assignment.objects.filter(entry=entry, state=AssignmentState.SUBMITTED)
    assert submitted.count() == JURORS
    assert AssignmentTransition.objects.filter(action="submit").count() == JURORS
