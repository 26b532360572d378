"""`rank_edition` reads the database through one selector and prints the contract's form."""

import io
import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from jury import selectors
from jury.enums import AssignmentState
from jury.models import Assignment, Conflict, Score
from tests.factories import EditionFactory, EntryFactory, JurorFactory

pytestmark = pytest.mark.django_db


def score(juror, entry, value, state=AssignmentState.SUBMITTED):
    assignment = Assignment.objects.create(juror=juror, entry=entry, state=state)
    Score.objects.bulk_create(
        Score(assignment=assignment, criterion=c, value=Decimal(value))
        for c in entry.edition.criteria.all()
    )


@pytest.fixture
def scored():
    edition = EditionFactory(number=42, state="deliberation", places=2)
    ghent = EntryFactory(
        edition=edition,
        ref="ghent",
        state="eligible",
        authority__country="BE",
        authority__name="City of Ghent",
    )
    lyon = EntryFactory(edition=edition, ref="lyon", state="eligible", authority__name="Lyon")
    nice = EntryFactory(edition=edition, ref="nice", state="eligible", authority__name="Nice")
    EntryFactory(edition=edition, ref="gone", state="withdrawn")
    j1, j2, j3 = (JurorFactory(edition=edition, ref=r) for r in ("j1", "j2", "j3"))
    score(j1, ghent, 9)
    score(j2, ghent, 8)
    score(j1, lyon, 7)
    score(j2, lyon, 7)
    score(j1, nice, 7)
    score(j2, nice, 7)
    score(j3, nice, 1, state=AssignmentState.DRAFT)  # a draft never counts
    score(j3, lyon, 1)
    Conflict.objects.create(juror=j3, entry=lyon, reason="same city")  # nor a conflict
    return edition


def run(*args) -> str:
    out = io.StringIO()
    call_command("rank_edition", *args, stdout=out)
    return out.getvalue()


def test_rank_edition_json_follows_the_contract(scored):
    data = json.loads(run("42", "--format", "json"))
    assert data["edition"] == 42
    assert (data["aggregation"], data["place_numbering"], data["score_precision"]) == (
        "mean",
        "dense",
        2,
    )
    assert [
        (r["entry"], r["score"], r["place"], r["ex_aequo"], r["laureate"], r["jurors"])
        for r in data["ranking"]
    ] == [
        ("ghent", "8.50", 1, False, True, 2),
        ("lyon", "7.00", 2, True, True, 2),
        ("nice", "7.00", 2, True, True, 2),
    ]
    assert data["ranking"][0]["authority"] == "City of Ghent"
    assert data["ranking"][0]["country"] == "BE"


def test_rank_edition_text_table(scored):
    text = run("42")
    assert "Edition 42: mean, dense numbering, 2 decimals, 2 places" in text
    assert "    1*     8.50       2  ghent / City of Ghent (BE)" in text
    assert "   2=*     7.00       2  lyon / Lyon (FR)" in text


def test_rank_edition_under_another_aggregation(scored):
    data = json.loads(run("42", "--format", "json", "--aggregation", "median"))
    assert data["aggregation"] == "median"


def test_rank_edition_of_an_unknown_edition_says_so():
    with pytest.raises(CommandError, match="There is no edition 99."):
        run("99")


@pytest.mark.parametrize("entries", [2, 20])
def test_the_ranking_input_takes_five_queries_whatever_the_size(entries, django_assert_num_queries):
    edition = EditionFactory()
    jurors = [JurorFactory(edition=edition) for _ in range(3)]
    for _ in range(entries):
        entry = EntryFactory(edition=edition, state="eligible")
        for juror in jurors:
            score(juror, entry, 5)
    with django_assert_num_queries(5):
        selectors.edition_ranking(edition=edition)
