"""Odd input the fuzz suite (tests/fuzz/) found on the jury's pages: each is refused
with a sentence for the person, a 4xx and nothing written, never a server error."""

import pytest

from jury.models import Assignment, Decision, ScoreChange
from prize.enums import EditionState
from tests.factories import EditionFactory, EntryFactory, JurorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoring(client):
    edition = EditionFactory(state=EditionState.JUDGING, number=32)
    juror = JurorFactory(edition=edition, ref="j1", user=UserFactory(), country="DE")
    entry = EntryFactory(edition=edition, ref="odd", state="eligible")
    Assignment.objects.create(juror=juror, entry=entry)
    client.force_login(juror.user)
    client.post("/en/jury/32/", {"accept": "terms"})
    return edition


@pytest.mark.parametrize("value", ["NaN", "sNaN", "-nan", "Infinity", "-inf"])
def test_a_score_that_is_not_a_finite_number_is_refused(client, scoring, value):
    code = scoring.criteria.first().code
    saved = client.post("/en/jury/32/entries/odd/autosave/", {f"value_{code}": value})
    said = f"“{value}” is not a number. Give a number from 0 to 10 in steps of 0.5, e.g. 7.5."
    assert saved.status_code == 400
    assert saved.json()["errors"] == {f"value_{code}": said}
    page = client.post("/en/jury/32/entries/odd/", {f"value_{code}": value})
    assert page.status_code == 400
    assert said in page.text
    assert not ScoreChange.objects.exists()


def decide(client, chair, data):
    """The chair's page comes back (400) with the refusal above the form posted."""
    client.force_login(chair.user)
    response = client.post("/en/jury/77/deliberation/decide/", data)
    assert response.status_code == 400
    assert "\x00" not in response.text  # what was typed comes back, without the NULs
    return response.context["decide_errors"]


@pytest.mark.parametrize("place", ["4", "40000", "9" * 30])
def test_a_place_beyond_the_ranked_entries_is_refused(client, board, place):
    _edition, chair, _member, _entries = board
    data = {"action": "change", "place-a": "1", "place-b": place, "reason": "Our choice."}
    said = decide(client, chair, data)
    assert said == ["A place is a whole number from 1 to 3, the number of ranked entries."]
    assert not Decision.objects.exists()


@pytest.mark.parametrize(
    "field, value",
    [
        ("reason", "a\x00b"),
        ("statement-en-a", "a\x00b"),
        ("statement-fr-b", "a\x00b"),
        ("place-\x00", "2"),
        ("statement-en-\x00", "Text"),
    ],
    ids=["reason", "en", "fr", "place of a ref", "statement of a ref"],
)
def test_a_nul_character_in_the_decision_is_refused(client, board, field, value):
    _edition, chair, _member, _entries = board
    data = {"action": "change", "place-a": "1", "reason": "Our choice.", field: value}
    said = decide(client, chair, data)
    assert said == ["Null characters are not allowed."]
    assert not Decision.objects.exists()
