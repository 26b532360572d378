"""Assignments follow the conflicts at all times: a waiver gives the juror the entry and
tells them by e-mail in their language, a confirmation or a declaration takes it away and
a submitted sheet then counts nowhere, a juror seated while the jury scores gets their
entries at once; and uneven score sheets need an explicit confirmation before the
scores are locked. Through the services and through the pages."""

import html
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from jury import selectors, services
from jury.enums import AssignmentState, ConflictStatus
from jury.models import Assignment, Conflict, Juror
from prize.enums import EditionState
from prize.models import Edition
from results import services as prize_services
from tests.factories import DecisionFactory, UserFactory
from tests.jury.conftest import JUDGING as NUMBER
from tests.jury.conftest import decide_url, flag, said, sheets, submit_through_the_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["service", "page"])
def test_a_waiver_gives_the_juror_the_entry_to_score_and_tells_them_in_french(
    client, judging, path
):
    edition, chair, french, other, town, city = judging
    conflict = flag(french, town)
    client.force_login(french.user)
    assert client.get(f"/en/jury/{NUMBER}/entries/town/").status_code == 404
    if path == "service":
        services.conflict_decide(
            conflict_id=conflict.pk,
            by=chair.user,
            confirm=False,
            reason="Lives abroad since 2010.",
        )
    else:
        client.force_login(chair.user)
        response = client.post(
            decide_url(conflict), {"decision": "waive", "reason": "Lives abroad since 2010."}
        )
        assert said(response) == ["The conflict is decided."]
    link = "http://testserver/fr/jury/403/entries/town/"  # on SITE_URL, either way
    with translation.override("fr"):  # whatever the French catalogue says
        subject = translation.gettext("An entry of the Dosta!-Congress Prize is now yours to score")
    assert [(m.to, m.subject) for m in mail.outbox] == [(["camille@roux.example"], subject)]
    body = mail.outbox[0].body
    assert body.startswith("Bonjour Camille Roux,\n")
    assert "L’école pour tous" in body  # the French title, not "Schools for all"
    assert "Ville de Metz" in body
    assert body.split().count(link) == 1
    # Signed by the secretariat, above the common footer of every e-mail.
    assert body.split("\n-- \n")[0].rstrip().endswith("Le secrétariat du Prix Dosta!-Congrès")
    client.force_login(french.user)
    assert client.get(f"/en/jury/{NUMBER}/entries/town/").status_code == 200
    assert submit_through_the_page(client, french, town)["Location"] == f"/en/jury/{NUMBER}/"
    assert Assignment.objects.get(juror=french, entry=town).state == AssignmentState.SUBMITTED
    assert sheets(edition)["town"] == 1


def test_a_confirmation_takes_the_entry_away_and_a_submitted_sheet_does_not_count(client, judging):
    edition, chair, french, other, town, city = judging
    submit_through_the_page(client, other, town, "9")
    submit_through_the_page(client, french, town, "3")
    assert sheets(edition)["town"] == 2
    conflict = Conflict.objects.create(
        juror=french, entry=town, reason="Same domain.", status=ConflictStatus.FLAGGED
    )
    services.conflict_decide(
        conflict_id=conflict.pk, by=chair.user, confirm=True, reason="Her sister is the mayor."
    )
    client.force_login(french.user)
    assert client.get(f"/en/jury/{NUMBER}/entries/town/").status_code == 404
    assert sheets(edition)["town"] == 1
    town_row = selectors.edition_ranking(edition=edition)
    assert [(r.entry, r.score) for r in town_row if r.entry == "town"] == [
        ("town", Decimal("9.00"))
    ]
    progress = {e["ref"]: (e["submitted"], e["assigned"]) for e in deliberation(edition)}
    assert progress["town"] == (1, 2)  # the chair's draft and the other's sheet
    assert mail.outbox == []


def deliberation(edition) -> list[dict]:
    return selectors.deliberation(edition=edition)["entries"]


def test_a_confirmation_removes_a_draft_assignment(judging):
    edition, chair, french, other, town, city = judging
    conflict = Conflict.objects.create(
        juror=french, entry=town, reason="Same country.", status=ConflictStatus.FLAGGED
    )
    services.conflict_decide(conflict_id=conflict.pk, by=chair.user, confirm=True, reason="Yes.")
    assert not Assignment.objects.filter(juror=french, entry=town).exists()


def test_a_declared_conflict_keeps_a_submitted_sheet_on_record_but_counts_it_nowhere(
    client, judging
):
    edition, chair, french, other, town, city = judging
    submit_through_the_page(client, french, town, "3")
    client.post(f"/en/jury/{NUMBER}/entries/town/conflict/", {"reason": "I know the mayor."})
    assert Assignment.objects.get(juror=french, entry=town).state == AssignmentState.SUBMITTED
    assert client.get(f"/en/jury/{NUMBER}/entries/town/").status_code == 404
    assert sheets(edition)["town"] == 0
    assert {e["ref"]: e["submitted"] for e in deliberation(edition)}["town"] == 0


def test_a_waiver_during_the_deliberation_gives_the_entry_when_scoring_reopens(
    client, judging, secretary
):
    edition, chair, french, other, town, city = judging
    conflict = flag(french, town)
    Edition.objects.filter(pk=edition.pk).update(state=EditionState.DELIBERATION)
    client.force_login(chair.user)
    response = client.post(decide_url(conflict), {"decision": "waive", "reason": "Fine."})
    assert said(response) == [
        "The conflict is decided.",
        "The scores are locked for the deliberation: the juror gets the entry if the "
        "secretariat reopens the scoring.",
    ]
    assert not Assignment.objects.filter(juror=french, entry=town).exists()
    assert mail.outbox == []
    prize_services.edition_transition(edition_id=edition.pk, action="reopen_judging", by=secretary)
    assert Assignment.objects.get(juror=french, entry=town).state == AssignmentState.DRAFT


def test_no_conflict_is_decided_or_declared_once_the_decision_is_approved(judging, secretary):
    edition, chair, french, other, town, city = judging
    conflict = flag(french, town)
    DecisionFactory(edition=edition, source="jury", approved_at=timezone.now())
    with pytest.raises(ValidationError) as error:
        services.conflict_decide(conflict_id=conflict.pk, by=secretary, confirm=False, reason="x")
    assert error.value.messages == ["The jury's decision is approved: scores are frozen."]
    with pytest.raises(ValidationError):
        services.conflict_declare(
            juror_id=other.pk, entry_id=town.pk, by=other.user, reason="My town."
        )
    assert Conflict.objects.get().status == ConflictStatus.FLAGGED


@pytest.mark.parametrize("path", ["service", "page"])
def test_a_juror_invited_while_the_jury_scores_gets_their_entries_at_once(
    client, judging, secretary, path
):
    edition, chair, french, other, town, city = judging
    town.authority.members.add(UserFactory(email="mayor@metz.example"))
    city.authority.members.add(UserFactory(email="mayor@gmail.com"))
    data = {"name": "Late Juror", "email": "late@metz.example", "country": "", "language": "en"}
    if path == "service":
        services.juror_invite(edition_id=edition.pk, by=secretary, **data)
    else:
        client.force_login(secretary)
        response = client.post(f"/en/jury/{NUMBER}/secretariat/", {**data, "role": "member"})
        assert response.status_code == 302
    late = Juror.objects.get(edition=edition, ref="late-juror")
    assert list(late.assignments.values_list("entry__ref", flat=True)) == ["city"]
    assert list(late.conflicts.values_list("entry__ref", "status")) == [("town", "flagged")]
    assert [m.to for m in mail.outbox] == [["late@metz.example"]]


def test_a_juror_seated_before_judging_waits_for_it(judging):
    edition, *_ = judging
    Edition.objects.filter(pk=edition.pk).update(state=EditionState.SCREENING)
    edition.refresh_from_db()
    early = services.juror_add(edition=edition, ref="early", name="Early")
    assert early.assignments.count() == 0
    judging = Edition.objects.get(pk=edition.pk)
    Edition.objects.filter(pk=edition.pk).update(state=EditionState.JUDGING)
    judging.refresh_from_db()
    late = services.juror_add(edition=judging, ref="late", name="Late")
    assert sorted(late.assignments.values_list("entry__ref", flat=True)) == ["city", "town"]


# Uneven score sheets before the scores are locked --------------------------------------

UNEVEN = (
    "These entries have fewer submitted score sheets than others: “Schools for all” of "
    "Ville de Metz (town): 1 of 2. Confirm that the scores may be locked anyway."
)


@pytest.fixture
def uneven(client, judging):
    """Two sheets for city, one for town (the French juror did not score it)."""
    edition, chair, french, other, town, city = judging
    submit_through_the_page(client, other, town)
    submit_through_the_page(client, other, city)
    submit_through_the_page(client, french, city)
    client.logout()
    return judging


def lock(edition, by, **kwargs):
    return prize_services.edition_transition(
        edition_id=edition.pk,
        action="start_deliberation",
        by=by,
        **kwargs,
        confirmed=True,
    )


def test_uneven_sheets_refuse_the_lock_without_confirmation_through_the_service(uneven, secretary):
    edition, *_ = uneven
    with pytest.raises(ValidationError) as error:
        lock(edition, secretary)
    assert error.value.messages == [UNEVEN]
    assert Edition.objects.get(pk=edition.pk).state == EditionState.JUDGING
    assert lock(edition, secretary, confirm_uneven=True).state == EditionState.DELIBERATION


def test_the_secretariat_sees_the_uneven_entries_and_must_tick_the_box(client, uneven, secretary):
    edition, *_ = uneven
    client.force_login(secretary)
    page = client.get(f"/en/secretariat/editions/{NUMBER}/").text
    assert html.escape(UNEVEN, quote=False) in page
    asking = client.get(f"/en/secretariat/editions/{NUMBER}/confirm/start_deliberation/")
    assert asking.context["step"].warnings == [
        "“Schools for all” of Ville de Metz (town) has 1 of 2 score sheets."
    ]
    assert asking.context["problems"] == []
    assert 'name="confirm_uneven"' in asking.text
    url = f"/en/secretariat/editions/{NUMBER}/transition/"
    refused = client.post(url, {"action": "start_deliberation", "confirm": "yes"})
    assert said(refused) == [UNEVEN]
    assert Edition.objects.get(pk=edition.pk).state == EditionState.JUDGING
    client.get(refused["Location"])  # shows (and so clears) the message
    locked = client.post(
        url, {"action": "start_deliberation", "confirm_uneven": "on", "confirm": "yes"}
    )
    assert said(locked) == ["The edition is now: Deliberation."]
    assert Edition.objects.get(pk=edition.pk).state == EditionState.DELIBERATION


def test_the_chair_sees_the_uneven_entries_while_the_jury_scores(client, uneven):
    edition, chair, *_ = uneven
    client.force_login(chair.user)
    page = client.get(f"/en/jury/{NUMBER}/deliberation/")
    assert [(e.ref, e.title, e.authority, e.sheets, e.most) for e in page.context["uneven"]] == [
        ("town", "Schools for all", "Ville de Metz", 1, 2)
    ]
    assert "“Schools for all” of Ville de Metz (town): 1 of 2" in page.text


def test_even_sheets_lock_without_a_question(client, uneven, secretary):
    edition, chair, french, other, town, city = uneven
    submit_through_the_page(client, french, town)
    assert selectors.uneven_entries(edition=edition) == []
    assert lock(edition, secretary).state == EditionState.DELIBERATION


def test_a_conflicted_sheet_does_not_even_the_count(client, uneven, secretary):
    """The French juror scored city, then declared a conflict with it: city now counts
    one sheet like town, so nothing is uneven; one more sheet on city makes town short."""
    edition, chair, french, other, town, city = uneven
    client.force_login(french.user)
    client.post(f"/en/jury/{NUMBER}/entries/city/conflict/", {"reason": "My old job."})
    assert selectors.uneven_entries(edition=edition) == []
    submit_through_the_page(client, chair, city)
    assert [e.ref for e in selectors.uneven_entries(edition=edition)] == ["town"]
    with pytest.raises(ValidationError):
        lock(edition, secretary)
