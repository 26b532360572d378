"""Fixtures of the jury tests: an edition in deliberation with a chair, a member and
three scored entries; an edition in judging with a chair, a French member, another
member and two entries, for the conflict rules."""

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from jury import selectors, services
from jury.enums import AssignmentState, ConflictStatus
from jury.models import Assignment, Conflict, Score
from prize.enums import EditionState
from tests.factories import (
    AuthorityFactory,
    EditionFactory,
    EntryFactory,
    JurorFactory,
    UserFactory,
)

JUDGING = 403  # the number of the `judging` edition


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


@pytest.fixture
def judging(db):
    """An edition in judging: a chair, a French member, another member, two eligible
    entries; every juror accepted the terms and has every entry."""
    edition = EditionFactory(state=EditionState.JUDGING, number=JUDGING)
    now = timezone.now()
    chair = JurorFactory(
        edition=edition, ref="chair", role="chair", user=UserFactory(), terms_accepted_at=now
    )
    french = JurorFactory(
        edition=edition,
        ref="fr",
        name="Camille Roux",
        user=UserFactory(language="fr", email="camille@roux.example"),
        terms_accepted_at=now,
    )
    other = JurorFactory(edition=edition, ref="other", user=UserFactory(), terms_accepted_at=now)
    town = EntryFactory(
        edition=edition,
        ref="town",
        state="eligible",
        title={"en": "Schools for all", "fr": "L’école pour tous"},
        authority=AuthorityFactory(name="Ville de Metz"),
    )
    city = EntryFactory(edition=edition, ref="city", state="eligible")
    services.assignments_create(edition=edition)
    return edition, chair, french, other, town, city


def flag(juror, entry) -> Conflict:
    """A flagged conflict, as conflicts_flag leaves it: the juror without the entry."""
    Assignment.objects.filter(juror=juror, entry=entry).delete()
    return Conflict.objects.create(
        juror=juror, entry=entry, reason="Same country.", status=ConflictStatus.FLAGGED
    )


def said(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def decide_url(conflict) -> str:
    return f"/en/jury/{JUDGING}/deliberation/conflicts/{conflict.pk}/"


def scores(edition, value) -> dict:
    return {f"value_{c.code}": value for c in edition.criteria.all()}


def submit_through_the_page(client, juror, entry, value="8"):
    client.force_login(juror.user)
    url = f"/en/jury/{JUDGING}/entries/{entry.ref}/"
    return client.post(url, {**scores(entry.edition, value), "action": "submit"})


def sheets(edition) -> dict:
    """Entry ref: the submitted sheets the ranking counts."""
    return {row.entry: row.jurors for row in selectors.edition_ranking(edition=edition)}
