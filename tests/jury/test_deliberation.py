"""The chair's page, reminders, the decision, and the secretariat's jury invitations."""

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from accounts.services import user_secretariat_set
from jury import selectors, services
from jury.models import Assignment, Decision, Juror, Score
from prize.enums import EditionState
from results import services as prize_services
from tests.factories import EditionFactory, EntryFactory, JurorFactory, UserFactory
from tests.jury.conftest import submit

pytestmark = pytest.mark.django_db


def test_the_chair_sees_every_aggregation_side_by_side(client, board):
    edition, chair, member, entries = board
    client.force_login(chair.user)
    page = client.get("/en/jury/77/deliberation/")
    assert page.status_code == 200
    first = page.context["table"][0]
    assert [name for name, _cell in first["others"]] == ["mean", "median", "trimmed_mean", "zscore"]
    rows = {line["row"].entry: line for line in page.context["table"]}
    assert (rows["a"]["min"], rows["a"]["max"]) == (5, 9)
    assert '<svg class="spread"' in page.text


def test_members_and_strangers_do_not_see_the_chairs_page(client, board):
    edition, chair, member, entries = board
    for user in (member.user, UserFactory()):
        client.force_login(user)
        assert client.get("/en/jury/77/deliberation/").status_code == 404


def test_the_chairs_page_runs_the_same_queries_for_2_and_20_entries(client, count_queries):
    edition = EditionFactory(state=EditionState.DELIBERATION, number=78)
    chair = JurorFactory(edition=edition, ref="chair", role="chair", user=UserFactory())
    client.force_login(chair.user)

    def scored(count):
        for n in range(count):
            submit(chair, EntryFactory(edition=edition, state="eligible"), 5 + n % 5)

    scored(2)
    client.get("/en/jury/78/deliberation/")  # warm the session
    small = count_queries(lambda: client.get("/en/jury/78/deliberation/"))
    scored(18)
    large = count_queries(lambda: client.get("/en/jury/78/deliberation/"))
    assert len(client.get("/en/jury/78/deliberation/").context["table"]) == 20
    assert large == small


def test_record_the_proposal_then_a_changed_decision_needs_a_reason(board):
    edition, chair, member, entries = board
    decision = services.decision_record(edition_id=edition.pk, by=chair.user)
    assert sorted(decision.results.values_list("entry__ref", "place", "ex_aequo")) == [
        ("a", 1, True),
        ("b", 1, True),
    ]
    assert decision.computed_ranking["ranking"][0]["place"] == 1
    with pytest.raises(Exception, match="Say why"):
        services.decision_record(edition_id=edition.pk, by=chair.user, places={"b": (1, False)})
    decision = services.decision_record(
        edition_id=edition.pk,
        by=chair.user,
        places={"b": (1, False)},
        reason="The jury voted 5 to 2 for Entry b.",
    )
    assert list(decision.results.values_list("entry__ref", "place", "ex_aequo")) == [
        ("b", 1, False)
    ]
    assert Decision.objects.count() == 1


def test_only_the_chair_records_and_only_during_deliberation(board):
    edition, chair, member, entries = board
    with pytest.raises(Exception, match="Only the chair"):
        services.decision_record(edition_id=edition.pk, by=member.user)
    type(edition).objects.filter(pk=edition.pk).update(state=EditionState.JUDGING)
    with pytest.raises(Exception, match="during the deliberation"):
        services.decision_record(edition_id=edition.pk, by=chair.user)


def test_reminders_go_to_late_jurors_in_their_language(client, board):
    edition, chair, member, entries = board
    late = EntryFactory(edition=edition, ref="late", state="eligible")
    Assignment.objects.create(juror=member, entry=late)
    client.force_login(chair.user)
    client.post("/en/jury/77/deliberation/remind/")
    assert [m.to for m in mail.outbox] == [[member.user.email]]
    assert "/fr/jury/77/" in mail.outbox[0].body


def test_the_secretariat_invites_a_new_juror_who_chooses_a_password(client, secretary):
    edition = EditionFactory(number=79, state=EditionState.SCREENING)
    client.force_login(secretary)
    response = client.post(
        "/en/jury/79/secretariat/",
        {
            "name": "Ana Horvat",
            "email": "Ana@Example.hr",
            "country": "HR",
            "organisation": "University of Zagreb",
            "role": "chair",
            "language": "fr",
        },
    )
    assert response.status_code == 302
    juror = Juror.objects.get(edition=edition)
    assert (juror.ref, juror.email, juror.role, juror.user.email) == (
        "ana-horvat",
        "ana@example.hr",
        "chair",
        "ana@example.hr",
    )
    body = mail.outbox[0].body
    assert re.search(r"/fr/accounts/invitation/\S+/", body)
    assert "/fr/jury/79/" in body
    again = client.post(
        "/en/jury/79/secretariat/",
        {"name": "Ana", "email": "ana@example.hr", "role": "member", "language": "en"},
    )
    assert again.status_code == 400
    assert "ana@example.hr is already on this jury." in again.text


def test_statements_and_a_snapshot_with_its_digest_are_kept(board):
    edition, chair, member, entries = board
    decision = services.decision_record(
        edition_id=edition.pk,
        by=chair.user,
        statements={"a": {"en": "Bold and lasting.", "fr": ""}},
    )
    result = decision.results.get(entry__ref="a")
    assert result.statement == {"en": "Bold and lasting."}
    assert decision.digest == services.digest(decision.inputs)
    assert len(decision.digest) == 64
    assert decision.inputs["sheets"][0][:3] == ["chair", "a", True]


def test_a_second_person_approves_then_everything_is_frozen(board, secretary):
    edition, chair, member, entries = board
    services.decision_record(edition_id=edition.pk, by=chair.user)
    with pytest.raises(Exception, match="Only the secretariat"):
        services.decision_approve(edition_id=edition.pk, by=chair.user)
    user_secretariat_set(user=chair.user, member=True)
    with pytest.raises(Exception, match="A second person approves"):
        services.decision_approve(edition_id=edition.pk, by=chair.user)
    decision = services.decision_approve(edition_id=edition.pk, by=secretary)
    assert decision.approved_by == secretary
    assignment = Assignment.objects.filter(juror=member).first()
    with pytest.raises(Exception, match="scores are frozen"):
        services.assignment_transition(
            action="reopen", assignment_id=assignment.pk, by=secretary, note="Typo"
        )
    with pytest.raises(Exception, match="can no longer change"):
        services.decision_record(edition_id=edition.pk, by=chair.user)


def test_approval_is_refused_when_scores_changed_after_recording(board, secretary):
    edition, chair, member, entries = board
    services.decision_record(edition_id=edition.pk, by=chair.user)
    Score.objects.filter(assignment__juror=member).update(value=1)
    with pytest.raises(Exception, match="Scores changed after the decision was recorded"):
        services.decision_approve(edition_id=edition.pk, by=secretary)


def test_publishing_needs_the_approved_decision(board, secretary):
    edition, chair, member, entries = board
    services.decision_record(edition_id=edition.pk, by=chair.user)
    with pytest.raises(Exception, match="recorded and approved"):
        prize_services.edition_transition(
            edition_id=edition.pk, action="publish", by=secretary, confirmed=True
        )
    services.decision_approve(edition_id=edition.pk, by=secretary)
    published = prize_services.edition_transition(
        edition_id=edition.pk,
        action="publish",
        by=secretary,
        confirmed=True,
    )
    assert published.state == EditionState.PUBLISHED


def test_unknown_or_other_editions_conflicts_and_scores_are_404(client, board):
    edition, chair, member, entries = board
    other = EditionFactory(state=EditionState.DELIBERATION)
    elsewhere = Assignment.objects.create(
        juror=JurorFactory(edition=other), entry=EntryFactory(edition=other, state="eligible")
    )
    client.force_login(chair.user)
    for url in (
        "/en/jury/77/deliberation/conflicts/999999/",
        "/en/jury/77/deliberation/reopen/999999/",
        f"/en/jury/77/deliberation/reopen/{elsewhere.pk}/",
    ):
        assert client.post(url, {"reason": "x"}).status_code == 404, url


def test_the_chair_reopens_a_sheet_chosen_by_juror_and_entry(client, board):
    edition, chair, member, entries = board
    client.force_login(chair.user)
    page = client.get("/en/jury/77/deliberation/")
    assert '<option value="m1">' in page.text
    authority = entries[0].authority.name
    assert f'<option value="a">Project a — {authority} (a)</option>' in page.text
    response = client.post(
        "/en/jury/77/deliberation/reopen/", {"juror": "m1", "entry": "a", "reason": "A typo."}
    )
    assert response.status_code == 302
    assignment = Assignment.objects.get(juror=member, entry__ref="a")
    assert assignment.state == "draft"
    assert assignment.transitions.get(action="reopen").note == "A typo."


def test_reopening_a_sheet_that_is_not_submitted_says_so(client, board):
    edition, chair, member, entries = board
    client.force_login(chair.user)
    for data, said in (
        ({"juror": "m1", "entry": "zzz", "reason": "A typo."}, "That juror has no submitted"),
        ({"juror": "m1", "entry": "a", "reason": ""}, "Choose the juror and the entry"),
    ):
        page = client.post("/en/jury/77/deliberation/reopen/", data, follow=True)
        assert page.status_code == 200
        assert [m.level_tag for m in page.context["messages"]] == ["error"]
        assert said in page.text
    assert Assignment.objects.filter(state="submitted").count() == 6


def test_the_ranking_table_writes_numbers_as_the_language_does(client, board):
    edition, chair, member, entries = board
    client.force_login(chair.user)
    english = client.get("/en/jury/77/deliberation/").text
    french = client.get("/fr/jury/77/deliberation/").text
    assert "<td>7.00 <span" in english
    assert "<td>7,00 <span" in french
    assert "5.00 – 9.00, σ 2.00" in english
    assert "5,00 – 9,00, σ 2,00" in french


def test_ranking_input_reads_each_score_as_the_orm_does(board):
    edition, chair, member, entries = board
    Score.objects.filter(assignment__juror=member, assignment__entry__ref="a").update(value="7.5")
    sheets = {(s.juror, s.entry): s for s in selectors.ranking_input(edition=edition)["sheets"]}
    orm = {
        (s.criterion.code): s.value
        for s in Score.objects.filter(assignment__juror=member, assignment__entry__ref="a")
    }
    assert sheets[("m1", "a")].values == orm
    assert {str(v) for v in sheets[("m1", "a")].values.values()} == {"7.500"}
    assert len(sheets) == 6


# --- Only ranked entries get a place; the approver is not the recorder ------------------


def test_the_service_refuses_a_place_for_a_draft_or_an_unscored_entry(board):
    edition, chair, member, entries = board
    draft = EntryFactory(edition=edition, ref="draft", state="draft", title={"en": "Drafty"})
    unscored = EntryFactory(edition=edition, ref="unscored", state="eligible")
    for ref, entry in (("draft", draft), ("unscored", unscored)):
        with pytest.raises(ValidationError) as refused, translation.override("en"):
            services.decision_record(
                edition_id=edition.pk,
                by=chair.user,
                places={ref: (1, False)},
                reason="The jury preferred it.",
            )
        assert refused.value.messages == [
            "Only an entry the jury ranked (eligible, with counted scores) can receive a "
            f"place: {entry.authority.name} ({entry.display_title})."
        ]
    assert not Decision.objects.exists()


def test_the_chairs_form_refuses_a_place_for_a_draft_typed_in_a_field_the_page_never_shows(
    client, board
):
    edition, chair, member, entries = board
    draft = EntryFactory(edition=edition, ref="draft", state="draft")
    client.force_login(chair.user)
    page = client.get("/en/jury/77/deliberation/").text
    assert 'name="place-draft"' not in page
    response = client.post(
        "/en/jury/77/deliberation/decide/",
        {"action": "change", "place-draft": "1", "reason": "We liked it."},
    )
    assert response.status_code == 400
    assert (
        "Only an entry the jury ranked (eligible, with counted scores) can receive a place: "
        f"{draft.authority.name}" in response.content.decode()
    )
    assert not Decision.objects.exists()


def test_the_database_refuses_an_approval_by_the_person_who_recorded(board):
    edition, chair, member, entries = board
    decision = services.decision_record(edition_id=edition.pk, by=chair.user)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(
            approved_by=chair.user, approved_at=timezone.now()
        )
    decision.refresh_from_db()
    assert (decision.approved_by, decision.approved_at) == (None, None)
