"""Nothing a juror types is lost: the draft is saved field by field (the service, the
autosave and the form's Save), a decimal comma is a decimal point, a refused value is
named with a sentence the juror can act on, and kept on the page until it is valid."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from jury import selectors, services
from jury.enums import AssignmentState
from jury.models import Assignment, ScoreChange
from prize.enums import EditionState
from tests.factories import EditionFactory, EntryFactory, JurorFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/en/jury/36/entries/sheet/"
RULE = "Give a number from 0 to 10 in steps of 0.5, e.g. 7.5."
SOCIAL = "Effective access of Roma to social rights (housing, employment, education, health)"
DIALOGUE = "Intercultural and interethnic dialogue"


@pytest.fixture
def sheet():
    """A juror's draft for one entry, the terms accepted, nothing scored yet."""
    edition = EditionFactory(state=EditionState.JUDGING, number=36)
    juror = JurorFactory(edition=edition, user=UserFactory(), terms_accepted_at=timezone.now())
    entry = EntryFactory(edition=edition, ref="sheet", state="eligible")
    return Assignment.objects.create(juror=juror, entry=entry)


def codes(sheet) -> list[str]:
    return [c.code for c in sheet.entry.edition.criteria.all()]


def saved_values(sheet) -> dict:
    return {s.criterion.code: s.value for s in sheet.scores.select_related("criterion")}


def test_a_bad_value_keeps_the_valid_ones_and_the_comments_and_is_named(sheet):
    social, dialogue, *_ = codes(sheet)
    user = sheet.juror.user
    services.scores_save(assignment_id=sheet.pk, by=user, values={dialogue: "6"})
    saved = services.scores_save(
        assignment_id=sheet.pk,
        by=user,
        values={social: "60", dialogue: "6.5"},
        comments={social: "", dialogue: "A long and careful comment."},
        overall="Strong on participation.",
    )
    assert saved.refused == {social: RULE}
    assert saved.complete is False
    assert saved_values(sheet) == {dialogue: Decimal("6.5")}
    assert sheet.scores.get().comment == "A long and careful comment."
    assert Assignment.objects.get(pk=sheet.pk).comment == "Strong on participation."


def test_a_refused_value_leaves_the_saved_one_and_its_comment_takes_the_new_text(sheet):
    social = codes(sheet)[0]
    user = sheet.juror.user
    services.scores_save(assignment_id=sheet.pk, by=user, values={social: "8"})
    saved = services.scores_save(
        assignment_id=sheet.pk, by=user, values={social: "8.3"}, comments={social: "Solid."}
    )
    assert saved.refused == {social: RULE}
    assert (sheet.scores.get().value, sheet.scores.get().comment) == (Decimal("8"), "Solid.")
    assert list(ScoreChange.objects.values_list("old", "new")) == [(None, Decimal("8"))]


@pytest.mark.parametrize("typed", ["8,5", "8.5", " 8,50 "])
def test_a_decimal_comma_or_point_is_saved_as_the_same_number(sheet, typed):
    social = codes(sheet)[0]
    saved = services.scores_save(
        assignment_id=sheet.pk, by=sheet.juror.user, values={social: typed}
    )
    assert saved.complete is True
    assert saved_values(sheet) == {social: Decimal("8.5")}


def test_the_sentence_follows_the_step_and_the_language(sheet):
    edition = sheet.entry.edition
    criterion = edition.criteria.first()
    assert services.score_rule(criterion, Decimal("1")) == (
        "Give a whole number from 0 to 10, e.g. 7."
    )
    assert services.score_rule(criterion, Decimal("0.25")) == (
        "Give a number from 0 to 10 in steps of 0.25, e.g. 7.5."
    )
    with translation.override("fr"):  # the numbers as French writes them
        rule = services.score_rule(criterion, Decimal("0.5"))
    assert ("0,5" in rule, "7,5" in rule, "7.5" in rule) == (True, True, False)


def test_a_comment_typed_before_its_score_is_saved_and_waits_for_the_score(sheet):
    social, dialogue, *_ = codes(sheet)
    user = sheet.juror.user
    saved = services.scores_save(
        assignment_id=sheet.pk,
        by=user,
        values={social: "", dialogue: "7"},
        comments={social: "Notes before I decide.", dialogue: "Clear."},
    )
    assert (saved.refused, saved.complete) == ({}, True)
    assert saved_values(sheet) == {social: None, dialogue: Decimal("7")}
    assert sheet.scores.get(criterion__code=social).comment == "Notes before I decide."
    # The row with no value is no score: the sheet cannot be submitted on it.
    with pytest.raises(ValidationError, match="Score every criterion"):
        services.assignment_transition(action="submit", assignment_id=sheet.pk, by=user)
    # The score comes later, beside its comment; emptying both leaves no row.
    services.scores_save(assignment_id=sheet.pk, by=user, values={social: "5"})
    assert sheet.scores.get(criterion__code=social).comment == "Notes before I decide."
    services.scores_save(assignment_id=sheet.pk, by=user, values={social: ""})
    assert saved_values(sheet) == {social: None, dialogue: Decimal("7")}
    services.scores_save(assignment_id=sheet.pk, by=user, comments={social: ""}, values={})
    assert saved_values(sheet) == {dialogue: Decimal("7")}
    assert list(ScoreChange.objects.filter(criterion__code=social).values_list("old", "new")) == [
        (None, Decimal("5")),
        (Decimal("5"), None),
    ]


def test_the_overall_comment_is_left_as_it_is_when_not_given(sheet):
    user = sheet.juror.user
    services.scores_save(assignment_id=sheet.pk, by=user, values={}, overall="Kept.")
    services.scores_save(assignment_id=sheet.pk, by=user, values={codes(sheet)[0]: "5"})
    assert Assignment.objects.get(pk=sheet.pk).comment == "Kept."


# The pages ------------------------------------------------------------------------------


def test_the_autosave_saves_the_valid_fields_and_names_the_refused_one(client, sheet):
    social, dialogue, *_ = codes(sheet)
    client.force_login(sheet.juror.user)
    response = client.post(
        f"{URL}autosave/",
        {
            f"value_{social}": "60",
            f"value_{dialogue}": "8,5",
            f"comment_{dialogue}": "Typed after the slip.",
            "overall": "A long overall comment.",
        },
    )
    assert response.status_code == 400
    assert response.json() == {
        "saved": False,
        "total": "",
        "errors": {f"value_{social}": RULE},
        "status": f"1 value not saved: {SOCIAL}.",
    }
    assert saved_values(sheet) == {dialogue: Decimal("8.5")}
    assert sheet.scores.get().comment == "Typed after the slip."
    assert Assignment.objects.get(pk=sheet.pk).comment == "A long overall comment."


def test_the_autosave_in_french_takes_a_decimal_comma(client, sheet):
    social = codes(sheet)[0]
    client.force_login(sheet.juror.user)
    response = client.post(
        "/fr/jury/36/entries/sheet/autosave/", {f"value_{social}": "8,5", "overall": ""}
    )
    assert response.status_code == 200
    assert response.json()["saved"] is True
    assert saved_values(sheet) == {social: Decimal("8.5")}
    page = client.get("/fr/jury/36/entries/sheet/").text
    assert f'name="value_{social}" value="8,5"' in page


def test_a_field_not_sent_is_left_as_saved(client, sheet):
    social, dialogue, *_ = codes(sheet)
    client.force_login(sheet.juror.user)
    client.post(f"{URL}autosave/", {f"value_{social}": "4", f"value_{dialogue}": "5"})
    client.post(f"{URL}autosave/", {f"value_{dialogue}": "6"})
    assert saved_values(sheet) == {social: Decimal("4"), dialogue: Decimal("6")}


def test_the_forms_save_without_javascript_keeps_and_marks_the_refused_value(client, sheet):
    social, dialogue, *_ = codes(sheet)
    client.force_login(sheet.juror.user)
    response = client.post(
        URL,
        {
            f"value_{social}": "60",
            f"value_{dialogue}": "7",
            f"comment_{dialogue}": "Worth keeping.",
            "overall": "Overall, convincing.",
            "action": "save",
        },
    )
    assert response.status_code == 400
    page = response.text
    assert (
        f'<input type="text" name="value_{social}" value="60" inputmode="decimal" '
        f'pattern="[0-9]+([.,][0-9]+)?" autocomplete="off" size="6" data-weight="1" '
        f'data-max="10" maxlength="10" aria-invalid="true" '
        f'aria-describedby="id_value_{social}_helptext id_value_{social}_error" '
        f'id="id_value_{social}">'
    ) in page
    assert f'<p class="error" id="id_value_{social}_error">{RULE}</p>' in page
    assert f"1 value not saved: {SOCIAL}." in page
    assert "\nWorth keeping.</textarea>" in page
    assert "\nOverall, convincing.</textarea>" in page
    assert saved_values(sheet) == {dialogue: Decimal("7")}
    assert sheet.scores.get().comment == "Worth keeping."
    assert Assignment.objects.get(pk=sheet.pk).comment == "Overall, convincing."


def test_a_valid_save_without_javascript_redirects_with_draft_saved(client, sheet):
    social = codes(sheet)[0]
    client.force_login(sheet.juror.user)
    response = client.post(URL, {f"value_{social}": "9,5", "action": "save"})
    assert (response.status_code, response["Location"]) == (302, URL)
    assert saved_values(sheet) == {social: Decimal("9.5")}


def test_submitting_needs_every_value_valid_and_saves_the_valid_ones_first(client, sheet):
    every = codes(sheet)
    client.force_login(sheet.juror.user)
    data = {f"value_{code}": "7" for code in every} | {f"value_{every[1]}": "x"}
    response = client.post(URL, {**data, "action": "submit"})
    assert response.status_code == 400
    assert "Nothing is submitted yet: correct the fields marked." in response.text
    assert f"1 value not saved: {DIALOGUE}." in response.text
    assert Assignment.objects.get(pk=sheet.pk).state == AssignmentState.DRAFT
    assert sorted(saved_values(sheet)) == sorted(set(every) - {every[1]})
    response = client.post(URL, {**data, f"value_{every[1]}": "7,5", "action": "submit"})
    assert response["Location"] == "/en/jury/36/"
    assert Assignment.objects.get(pk=sheet.pk).state == AssignmentState.SUBMITTED


def test_a_comment_waiting_for_its_score_counts_nowhere(sheet):
    social, dialogue, *_ = codes(sheet)
    user = sheet.juror.user
    services.scores_save(
        assignment_id=sheet.pk, by=user, values={dialogue: "7"}, comments={social: "Later."}
    )
    sheets = selectors.ranking_input(edition=sheet.entry.edition)["sheets"]
    assert [s.values for s in sheets] == [{dialogue: Decimal("7.000")}]
    progress = selectors.juror_progress(juror=sheet.juror)
    assert [row["scored"] for row in progress] == [1]
