"""The edition lifecycle: every transition allowed and refused, permitted and not,
always logged, through the service, the secretariat's pages and the admin."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from prize import services
from prize.enums import EditionState as S
from prize.models import Edition, EditionTransition
from results import services as results_services
from tests.factories import DecisionFactory, EditionFactory, EntryFactory, JurorFactory, UserFactory

pytestmark = pytest.mark.django_db


def at_state(state: str, **fields) -> Edition:
    edition = EditionFactory(**fields)
    Edition.objects.filter(pk=edition.pk).update(state=state)  # arrange only
    return Edition.objects.get(pk=edition.pk)


def ready_for(action: str, edition: Edition) -> None:
    """Make the facts an action depends on true."""
    if action == "close_call":
        Edition.objects.filter(pk=edition.pk).update(
            submission_deadline=timezone.now() - timedelta(minutes=1)
        )
    if action == "start_judging":
        EntryFactory(edition=edition, state="eligible")
        JurorFactory(edition=edition)
    if action == "publish":
        DecisionFactory(edition=edition)


TRANSITIONS = [
    ("open_call", S.DRAFT, S.OPEN),
    ("withdraw_call", S.OPEN, S.DRAFT),
    ("close_call", S.OPEN, S.SCREENING),
    ("reopen_call", S.SCREENING, S.OPEN),
    ("start_judging", S.SCREENING, S.JUDGING),
    ("start_deliberation", S.JUDGING, S.DELIBERATION),
    ("reopen_judging", S.DELIBERATION, S.JUDGING),
    ("publish", S.DELIBERATION, S.PUBLISHED),
    ("archive", S.PUBLISHED, S.ARCHIVED),
]


@pytest.mark.parametrize(("action", "source", "target"), TRANSITIONS)
def test_transition_allowed_is_applied_and_logged(secretary, action, source, target):
    edition = at_state(source)
    ready_for(action, edition)
    results_services.edition_transition(
        edition_id=edition.pk, action=action, by=secretary, note="ok", confirmed=True
    )
    edition.refresh_from_db()
    assert edition.state == target
    log = EditionTransition.objects.get(edition=edition)
    assert (log.action, log.source, log.target, log.by, log.note) == (
        action,
        source,
        target,
        secretary,
        "ok",
    )


@pytest.mark.parametrize(("action", "source", "target"), TRANSITIONS)
def test_transition_from_another_state_is_refused(secretary, action, source, target):
    wrong = next(
        s for s in S if s != source and (action, s) not in {(a, src) for a, src, _t in TRANSITIONS}
    )
    edition = at_state(wrong)
    with pytest.raises(ValidationError) as error:
        results_services.edition_transition(
            edition_id=edition.pk, action=action, by=secretary, confirmed=True
        )
    assert "is not possible while the edition is" in error.value.messages[0]
    assert Edition.objects.get(pk=edition.pk).state == wrong
    assert not EditionTransition.objects.exists()


@pytest.mark.parametrize(("action", "source", "target"), TRANSITIONS)
def test_transition_by_someone_not_in_the_secretariat_is_forbidden(action, source, target):
    edition = at_state(source)
    ready_for(action, edition)
    with pytest.raises(PermissionDenied):
        results_services.edition_transition(
            edition_id=edition.pk, action=action, by=UserFactory(), confirmed=True
        )
    assert Edition.objects.get(pk=edition.pk).state == source
    assert not EditionTransition.objects.exists()


@pytest.mark.parametrize(
    ("action", "source", "fields", "message"),
    [
        ("open_call", S.DRAFT, {"submission_deadline": None}, "Set a submission deadline."),
        ("open_call", S.DRAFT, {"project_start": None}, "Set the project period"),
        ("open_call", S.DRAFT, {"criteria": False}, "Add at least one award criterion."),
        ("close_call", S.OPEN, {}, "The call stays open until its deadline has passed."),
        ("start_judging", S.SCREENING, {}, "No entry has been found eligible yet."),
        (
            "publish",
            S.DELIBERATION,
            {},
            "The jury's decision has not been recorded and approved yet.",
        ),
    ],
)
def test_transition_whose_conditions_fail_says_why(secretary, action, source, fields, message):
    edition = at_state(source, **fields)
    with pytest.raises(ValidationError) as error:
        results_services.edition_transition(
            edition_id=edition.pk, action=action, by=secretary, confirmed=True
        )
    assert any(m.startswith(message) for m in error.value.messages)
    assert Edition.objects.get(pk=edition.pk).state == source


def test_screening_waits_for_every_entry(secretary):
    edition = at_state(S.SCREENING)
    ready_for("start_judging", edition)
    EntryFactory(edition=edition, state="submitted")
    with pytest.raises(ValidationError) as error:
        results_services.edition_transition(
            edition_id=edition.pk, action="start_judging", by=secretary
        )
    assert error.value.messages == ["1 entry still awaits an eligibility decision."]


def test_state_cannot_be_assigned_directly(db):
    edition = EditionFactory()
    with pytest.raises(AttributeError):
        edition.state = S.PUBLISHED


def test_create_edition_has_the_five_criteria_and_a_log_line(secretary):
    edition = services.edition_create(
        by=secretary, number=9, year=2028, name={"en": "9th", "fr": "9e"}
    )
    assert list(edition.criteria.values_list("code", flat=True)) == [
        "social-rights",
        "intercultural-dialogue",
        "diversity",
        "democratic-participation",
        "awareness",
    ]
    assert edition.transitions.get().action == "create"
    with pytest.raises(ValidationError) as error:
        services.edition_create(by=secretary, number=9, year=2028, name={"en": "x", "fr": "x"})
    assert error.value.message_dict == {"number": ["Edition 9 already exists."]}


def test_secretariat_page_runs_a_transition_and_shows_refusals(client, secretary):
    edition = at_state(S.DRAFT, submission_deadline=None)
    client.force_login(secretary)
    page = client.get(f"/en/secretariat/editions/{edition.number}/")
    assert page.status_code == 200
    assert "Set a submission deadline." in page.content.decode()

    response = client.post(
        f"/en/secretariat/editions/{edition.number}/transition/",
        {"action": "open_call"},
        follow=True,
    )
    assert "Set a submission deadline." in response.content.decode()
    assert Edition.objects.get(pk=edition.pk).state == S.DRAFT

    Edition.objects.filter(pk=edition.pk).update(
        submission_deadline=timezone.now() + timedelta(days=9)
    )
    response = client.post(
        f"/en/secretariat/editions/{edition.number}/transition/",
        {"action": "open_call", "note": "Call launched"},
        follow=True,
    )
    assert "The edition is now: Open for entries." in response.content.decode()
    assert EditionTransition.objects.get(edition=edition).note == "Call launched"


def test_secretariat_pages_are_forbidden_to_others(client, db):
    edition = EditionFactory()
    client.force_login(UserFactory())
    assert client.get("/en/secretariat/").status_code == 403
    response = client.post(
        f"/en/secretariat/editions/{edition.number}/transition/", {"action": "open_call"}
    )
    assert response.status_code == 403
    client.logout()
    assert client.get("/en/secretariat/").status_code == 302


EDITION_FORM = {
    "number": 9,
    "name_en": "9th Dosta!-Congress Prize",
    "name_fr": "9e Prix Dosta!-Congrès",
    "year": 2028,
    "all_countries": "on",
    "project_start": "2026-01-01",
    "project_end": "2027-12-31",
    "submission_deadline": "2028-06-30T23:59",
    "places": 3,
    "place_numbering": "dense",
    "aggregation": "mean",
    "score_precision": 2,
    "score_step": "0.5",
}


def test_secretariat_creates_an_edition_from_the_form(client, secretary):
    client.force_login(secretary)
    response = client.post("/en/secretariat/editions/new/", EDITION_FORM)
    assert response.status_code == 302
    edition = Edition.objects.get(number=9)
    assert edition.eligible_countries is None
    assert edition.submission_deadline.isoformat() == "2028-06-30T21:59:00+00:00"  # 23:59 CEST


def test_secretariat_form_with_bad_input_keeps_what_was_typed(client, secretary):
    client.force_login(secretary)
    data = EDITION_FORM | {
        "name_en": "Ninth",
        "name_fr": "",
        "project_start": "2027-01-01",
        "project_end": "2026-12-31",
    }
    response = client.post("/en/secretariat/editions/new/", data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "The project period must end after it starts." in html
    assert 'value="Ninth"' in html
    assert not Edition.objects.filter(number=9).exists()


def test_admin_transition_button_goes_through_the_service(client, secretary):
    edition = at_state(S.PUBLISHED)
    client.force_login(secretary)
    url = f"/en/admin/prize/edition/{edition.pk}/change/"
    page = client.get(url)
    assert "Archive the edition" in page.content.decode()
    data = {
        "number": edition.number,
        "name": '{"en": "E", "fr": "É"}',
        "year": edition.year,
        "places": 3,
        "place_numbering": "dense",
        "aggregation": "mean",
        "score_precision": 2,
        "score_step": "0.5",
        "tie_break": "[]",
        "ceremony_place": "Strasbourg",
        "created_at_0": "2026-01-01",
        "created_at_1": "10:00:00",
        "criteria-TOTAL_FORMS": 0,
        "criteria-INITIAL_FORMS": 0,
        "transitions-TOTAL_FORMS": 0,
        "transitions-INITIAL_FORMS": 0,
        "_fsm_transition_to": "archive",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    edition.refresh_from_db()
    assert edition.state == S.ARCHIVED
    log = EditionTransition.objects.get(edition=edition)
    assert (log.action, log.by, log.note) == ("archive", secretary, "via the admin")
