"""An edition with a shortlist: the jury's first round ranks every eligible entry, the
chair records the shortlist (the first `shortlist_size`, ties kept, or other entries
with a reason), the secretariat starts the final round (asked first), the jurors score
the shortlisted entries again on fresh sheets, and only those sheets reach the ranking,
the decision and the public page. Without a shortlist, nothing changes."""

import pytest
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory
from django.utils import timezone

from jury import selectors, services
from jury.enums import AssignmentState
from jury.models import Assignment, Decision, Shortlist
from prize import services as prize_services
from prize.enums import EditionState, JuryRound
from prize.models import Edition, EditionTransition
from results import dashboard
from results import services as results_services
from tests.factories import (
    AuthorityFactory,
    EditionFactory,
    EntryFactory,
    JurorFactory,
    UserFactory,
)
from tests.jury.conftest import said

pytestmark = pytest.mark.django_db

N = 61
CHAIR_PAGE = f"/en/jury/{N}/deliberation/"
SHORTLIST = f"/en/jury/{N}/deliberation/shortlist/"
TRANSITION = f"/en/secretariat/editions/{N}/transition/"
CONFIRM_FINAL = f"/en/secretariat/editions/{N}/confirm/start_final_round/"
# First round, both jurors alike: a 9, b and c tied on 8, d 3. A shortlist of 2 is
# proposed as a, b and c: the tie with the second is not split.
FIRST = {"a": 9, "b": 8, "c": 8, "d": 3}


@pytest.fixture
def shortlisting(db):
    """Edition 61 with a shortlist of 2, being scored (first round): a chair and a
    member who accepted the terms, four eligible entries, every sheet given out."""
    edition = EditionFactory(number=N, state=EditionState.JUDGING, places=1, shortlist_size=2)
    now = timezone.now()
    chair = JurorFactory(
        edition=edition, ref="chair", role="chair", user=UserFactory(), terms_accepted_at=now
    )
    member = JurorFactory(
        edition=edition,
        ref="m1",
        user=UserFactory(language="fr"),
        terms_accepted_at=now,
    )
    entries = {
        ref: EntryFactory(
            edition=edition,
            ref=ref,
            state="eligible",
            title={"en": f"Project {ref}", "fr": f"Projet {ref}"},
            authority=AuthorityFactory(name=f"Town {ref.upper()}"),
        )
        for ref in FIRST
    }
    services.assignments_create(edition=edition)
    return edition, chair, member, entries


def score_all(edition, jurors, values: dict) -> None:
    """Each juror saves and submits the current round's sheets, through the services."""
    codes = list(edition.criteria.values_list("code", flat=True))
    for juror in jurors:
        for row in selectors.juror_progress(juror=juror):
            value = values[row["entry"].ref]
            services.scores_save(
                assignment_id=row["assignment"].pk,
                by=juror.user,
                values=dict.fromkeys(codes, str(value)),
            )
            services.assignment_transition(
                assignment_id=row["assignment"].pk, action="submit", by=juror.user
            )


def step(edition, action, by, **kwargs) -> Edition:
    return results_services.edition_transition(
        edition_id=edition.pk, action=action, by=by, **kwargs
    )


def first_round_locked(shortlisting, secretary):
    edition, chair, member, entries = shortlisting
    score_all(edition, [chair, member], FIRST)
    return step(edition, "start_deliberation", secretary, confirmed=True)


# --- The flow, through the services ------------------------------------------------------


def test_the_whole_flow_through_the_services(shortlisting, secretary):
    edition, chair, member, entries = shortlisting
    edition = first_round_locked(shortlisting, secretary)

    # The first round decides nothing: no decision, no publication, no final round yet.
    with pytest.raises(ValidationError, match="uses a shortlist"):
        services.decision_record(edition_id=edition.pk, by=chair.user)
    offered = results_services.edition_actions(edition=edition, by=secretary)
    actions = {a["name"]: a for a in offered}
    assert set(actions) == {"reopen_judging", "start_final_round", "publish"}
    assert actions["start_final_round"]["problems"] == [
        "The chair has not recorded the shortlist yet."
    ]
    assert "uses a shortlist" in actions["publish"]["problems"][0]

    # The proposal keeps the tie: a, b and c for a shortlist of 2.
    assert selectors.shortlist_proposal(edition=edition)["proposal"] == ["a", "b", "c"]
    services.shortlist_record(edition_id=edition.pk, by=chair.user)
    assert {e.ref for e in Shortlist.objects.get(edition=edition).entries.all()} == {"a", "b", "c"}

    # The chair departs from it: only with a reason, which is logged.
    with pytest.raises(ValidationError) as refused:
        services.shortlist_record(edition_id=edition.pk, by=chair.user, refs=["a", "b"])
    assert "reason" in refused.value.message_dict
    services.shortlist_record(
        edition_id=edition.pk, by=chair.user, refs=["a", "b"], reason="c withdrew its project."
    )
    shortlist = Shortlist.objects.get(edition=edition)
    assert {e.ref for e in shortlist.entries.all()} == {"a", "b"}
    assert shortlist.computed_ranking["ranking"][0]["entry"] == "a"
    log = list(edition.transitions.filter(action="record_shortlist").values_list("note", "by"))
    assert log == [("", chair.user.pk), ("c withdrew its project.", chair.user.pk)]

    # Starting the final round asks first, then gives fresh sheets of the shortlist only.
    with pytest.raises(ValidationError, match="cannot simply be taken back"):
        step(edition, "start_final_round", secretary)
    first_sheets = set(Assignment.objects.values_list("pk", "state"))
    edition = step(edition, "start_final_round", secretary, confirmed=True, note="Go.")
    assert (edition.state, edition.jury_round) == (EditionState.JUDGING, JuryRound.FINAL)
    assert EditionTransition.objects.filter(
        edition=edition, action="start_final_round", note="Go.", by=secretary
    ).exists()
    final = Assignment.objects.filter(round=JuryRound.FINAL)
    assert sorted(final.values_list("juror__ref", "entry__ref", "state")) == [
        ("chair", "a", "draft"),
        ("chair", "b", "draft"),
        ("m1", "a", "draft"),
        ("m1", "b", "draft"),
    ]
    assert set(Assignment.objects.filter(round=JuryRound.FIRST).values_list("pk", "state")) == (
        first_sheets
    )
    assert [row["entry"].ref for row in selectors.juror_progress(juror=member)] == ["a", "b"]

    # A first-round sheet stays as it is, whoever tries.
    old = Assignment.objects.get(round=JuryRound.FIRST, juror=chair, entry=entries["c"])
    with pytest.raises(ValidationError, match="submitted and locked"):
        services.scores_save(assignment_id=old.pk, by=chair.user, values={"diversity": "1"})
    with pytest.raises(ValidationError, match="first round, which is over"):
        services.assignment_transition(
            assignment_id=old.pk, action="reopen", by=chair.user, note="Try."
        )

    # The final round turns the order round: b wins on its final-round scores alone.
    score_all(edition, [chair, member], {"a": 6, "b": 10})
    edition = step(edition, "start_deliberation", secretary, confirmed=True)
    ranking = selectors.edition_ranking(edition=edition)
    assert [(r.entry, r.place, r.score) for r in ranking] == [
        ("b", 1, 10),
        ("a", 2, 6),
    ]
    services.decision_record(edition_id=edition.pk, by=chair.user)
    services.decision_approve(edition_id=edition.pk, by=secretary)
    edition = step(edition, "publish", secretary, confirmed=True)
    assert edition.state == EditionState.PUBLISHED
    assert [(r.entry.ref, r.place) for r in Decision.objects.get().results.all()] == [("b", 1)]


def test_the_ranking_gets_only_the_final_rounds_sheets_of_shortlisted_entries(
    shortlisting, secretary
):
    edition, chair, member, entries = shortlisting
    edition = first_round_locked(shortlisting, secretary)
    first = selectors.ranking_input(edition=edition)
    assert sorted(e.ref for e in first["entries"]) == ["a", "b", "c", "d"]
    assert len(first["sheets"]) == 8
    services.shortlist_record(edition_id=edition.pk, by=chair.user)
    edition = step(edition, "start_final_round", secretary, confirmed=True)
    score_all(edition, [chair], {"a": 1, "b": 2, "c": 3})

    data = selectors.ranking_input(edition=edition)
    assert sorted(e.ref for e in data["entries"]) == ["a", "b", "c"]
    assert sorted((s.juror, s.entry, s.values["diversity"]) for s in data["sheets"]) == [
        ("chair", "a", 1),
        ("chair", "b", 2),
        ("chair", "c", 3),
    ]
    # The snapshot kept with a decision (and its digest) is of the same inputs.
    snapshot = services.inputs_snapshot(edition)
    assert [row[:2] for row in snapshot["sheets"]] == [["chair", r] for r in ("a", "b", "c")]
    assert [ref for ref, _state in snapshot["entries"]] == ["a", "b", "c"]


def test_scores_changed_after_the_shortlist_was_recorded_hold_the_final_round_back(
    shortlisting, secretary
):
    edition, chair, member, entries = shortlisting
    edition = first_round_locked(shortlisting, secretary)
    services.shortlist_record(edition_id=edition.pk, by=chair.user)
    sheet = selectors.submitted_sheet(edition=edition, juror="m1", entry="d")
    services.assignment_transition(
        assignment_id=sheet.pk, action="reopen", by=chair.user, note="A slip."
    )
    services.scores_save(assignment_id=sheet.pk, by=member.user, values={"diversity": "10"})
    with pytest.raises(ValidationError, match="records the shortlist again"):
        step(edition, "start_final_round", secretary, confirmed=True)
    services.shortlist_record(edition_id=edition.pk, by=chair.user)
    assert step(edition, "start_final_round", secretary, confirmed=True).jury_round == 2


def test_only_the_chair_records_only_ranked_entries_and_only_in_the_first_rounds_deliberation(
    shortlisting, secretary
):
    edition, chair, member, entries = shortlisting
    with pytest.raises(ValidationError, match="once the first round's scores are locked"):
        services.shortlist_record(edition_id=edition.pk, by=chair.user)
    edition = first_round_locked(shortlisting, secretary)
    with pytest.raises(PermissionDenied):
        services.shortlist_record(edition_id=edition.pk, by=member.user)
    late = EntryFactory(edition=edition, ref="late", state="ineligible")
    with pytest.raises(ValidationError) as refused:
        services.shortlist_record(
            edition_id=edition.pk, by=chair.user, refs=["a", late.ref], reason="Why not."
        )
    assert "late" in refused.value.message_dict["entries"][0]
    with pytest.raises(ValidationError, match="at least one entry"):
        services.shortlist_record(edition_id=edition.pk, by=chair.user, refs=[], reason="None.")
    assert not Shortlist.objects.exists()
    services.shortlist_record(edition_id=edition.pk, by=secretary)  # the secretariat may act
    step(edition, "start_final_round", secretary, confirmed=True)
    step(Edition.objects.get(pk=edition.pk), "start_deliberation", secretary, confirmed=True)
    with pytest.raises(ValidationError, match="final round has started"):
        services.shortlist_record(edition_id=edition.pk, by=chair.user)


def test_an_edition_without_shortlist_has_no_such_step_and_records_none(board, secretary):
    edition = board[0]
    assert edition.shortlist_size is None and edition.jury_round == JuryRound.FIRST
    names = [a["name"] for a in results_services.edition_actions(edition=edition, by=secretary)]
    assert sorted(names) == ["publish", "reopen_judging"]
    with pytest.raises(ValidationError, match="not possible"):
        step(edition, "start_final_round", secretary, confirmed=True)
    with pytest.raises(ValidationError, match="has no shortlist"):
        services.shortlist_record(edition_id=edition.pk, by=secretary)
    assert EditionFactory().shortlist_size is None  # off by default


# --- The setting ----------------------------------------------------------------------------


def test_the_setting_changes_before_the_jury_scores_and_never_after(secretary):
    edition = EditionFactory(state=EditionState.SCREENING)
    prize_services.edition_update(edition_id=edition.pk, by=secretary, shortlist_size=7)
    assert Edition.objects.get(pk=edition.pk).shortlist_size == 7
    with pytest.raises(ValidationError) as refused:
        prize_services.edition_update(edition_id=edition.pk, by=secretary, shortlist_size=0)
    assert "shortlist_size" in refused.value.message_dict
    Edition.objects.filter(pk=edition.pk).update(state=EditionState.JUDGING)
    for size in (None, 3):
        with pytest.raises(ValidationError) as refused:
            prize_services.edition_update(edition_id=edition.pk, by=secretary, shortlist_size=size)
        assert "once the jury scores" in refused.value.message_dict["shortlist_size"][0]
    # Saving the other settings while the jury scores keeps working.
    prize_services.edition_update(edition_id=edition.pk, by=secretary, places=4, shortlist_size=7)
    assert Edition.objects.get(pk=edition.pk).shortlist_size == 7


def settings_post(edition, **changes) -> dict:
    from prize.forms import EditionForm

    data = {k: v for k, v in EditionForm.initial_from(edition).items() if v is not None}
    data.pop("eligible_countries", None)
    return {**data, **changes}


def test_the_settings_page_sets_the_shortlist_and_keeps_it_once_the_jury_scores(client, secretary):
    edition = EditionFactory(number=62, state=EditionState.SCREENING)
    client.force_login(secretary)
    url = "/en/secretariat/editions/62/"
    page = client.get(url).text
    assert 'name="shortlist_size"' in page and "Size of the shortlist" in page
    response = client.post(url, settings_post(edition, shortlist_size="7"))
    assert response.status_code == 302
    assert Edition.objects.get(pk=edition.pk).shortlist_size == 7
    # A typed zero is refused on the field, nothing saved.
    response = client.post(url, settings_post(edition, shortlist_size="0", places="5"))
    assert response.status_code == 400
    assert Edition.objects.get(pk=edition.pk).places == 3

    Edition.objects.filter(pk=edition.pk).update(state=EditionState.JUDGING)
    edition.refresh_from_db()
    page = client.get(url).text
    assert "the shortlist is kept as it was set" in page
    # A crafted POST changing it while the jury scores changes nothing of it.
    response = client.post(url, settings_post(edition, shortlist_size="", places="5"))
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.shortlist_size, edition.places) == (7, 5)


# --- The pages ------------------------------------------------------------------------------


def test_the_flow_through_the_chairs_and_the_secretariats_pages(client, shortlisting, secretary):
    edition, chair, member, entries = shortlisting
    first_round_locked(shortlisting, secretary)
    client.force_login(chair.user)
    page = client.get(CHAIR_PAGE)
    assert page.status_code == 200
    text = page.text
    assert "The first round&#x27;s ranking" in text or "The first round's ranking" in text
    assert "Record the jury&#x27;s decision" not in text
    assert "A tie makes it 3 entries." in text
    assert page.context["proposal"] == ["a", "b", "c"]

    response = client.post(SHORTLIST, {"action": "proposal"})
    assert response.status_code == 302
    assert "The shortlist is recorded." in said(response)[0]
    assert {e.ref for e in Shortlist.objects.get().entries.all()} == {"a", "b", "c"}

    # The secretariat's page offers the step, which asks first.
    client.force_login(secretary)
    page = client.get(f"/en/secretariat/editions/{N}/").text
    assert f'href="{CONFIRM_FINAL}"' in page
    response = client.post(TRANSITION, {"action": "start_final_round"})
    assert response.status_code == 302 and response.url.endswith(CONFIRM_FINAL)
    assert Edition.objects.get(pk=edition.pk).jury_round == JuryRound.FIRST
    confirm = client.get(CONFIRM_FINAL).text
    assert "These 3 entries go to the final round" in confirm
    assert "Town A (a)" in confirm and "Town D (d)" not in confirm
    assert "1 eligible entry was not shortlisted" in confirm
    response = client.post(TRANSITION, {"action": "start_final_round", "confirm": "yes"})
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.state, edition.jury_round) == (EditionState.JUDGING, JuryRound.FINAL)

    # The member scores the shortlisted entries on their page; d is no longer theirs.
    client.force_login(member.user)
    home = client.get(f"/en/jury/{N}/").text
    assert "Project a" in home and "Project d" not in home
    assert "Final round: score the shortlisted entries again" in home
    assert client.get(f"/en/jury/{N}/entries/d/").status_code == 404
    codes = edition.criteria.values_list("code", flat=True)
    response = client.post(
        f"/en/jury/{N}/entries/b/",
        {**{f"value_{c}": "7" for c in codes}, "action": "submit"},
    )
    assert response.status_code == 302
    sheet = Assignment.objects.get(juror=member, entry=entries["b"], round=JuryRound.FINAL)
    assert sheet.state == AssignmentState.SUBMITTED
    first = Assignment.objects.get(juror=member, entry=entries["b"], round=JuryRound.FIRST)
    assert first.scores.first().value == 8  # the first round's sheet is untouched


def test_the_chairs_page_in_french(client, shortlisting, secretary):
    edition, chair, member, entries = shortlisting
    first_round_locked(shortlisting, secretary)
    client.force_login(chair.user)
    text = client.get(f"/fr/jury/{N}/deliberation/").text
    assert "Enregistrer la liste restreinte" in text
    assert "Premier tour" in text
    assert "Une égalité la porte à 3 candidatures." in text


def test_a_crafted_post_is_refused_clearly_and_records_nothing(client, shortlisting, secretary):
    edition, chair, member, entries = shortlisting
    first_round_locked(shortlisting, secretary)
    client.force_login(chair.user)
    response = client.post(
        SHORTLIST, {"action": "change", "entries": ["a", "nowhere"], "reason": "Because."}
    )
    assert response.status_code == 400
    assert "can be shortlisted: nowhere" in response.text
    response = client.post(SHORTLIST, {"action": "change", "entries": ["a"], "reason": ""})
    assert response.status_code == 400
    assert "Say why the shortlist departs from the computed proposal." in response.text
    assert 'id="shortlist-a" name="entries" value="a" checked' in response.text
    # A decision typed in the first round is refused with the reason.
    response = client.post(f"/en/jury/{N}/deliberation/decide/", {"action": "confirm"})
    assert response.status_code == 400 and "uses a shortlist" in response.text
    # A member is not the chair: the page does not exist for them.
    client.force_login(member.user)
    assert client.post(SHORTLIST, {"action": "proposal"}).status_code == 404
    assert not Shortlist.objects.exists() and not Decision.objects.exists()


def test_the_admins_button_takes_no_final_round_and_the_shortlist_is_read_only(
    client, shortlisting, secretary
):
    edition, chair, member, entries = shortlisting
    first_round_locked(shortlisting, secretary)
    services.shortlist_record(edition_id=edition.pk, by=chair.user)
    client.force_login(secretary)
    response = client.post(
        f"/en/admin/prize/edition/{edition.pk}/change/",
        {
            "criteria-TOTAL_FORMS": 0,
            "criteria-INITIAL_FORMS": 0,
            "transitions-TOTAL_FORMS": 0,
            "transitions-INITIAL_FORMS": 0,
            "_fsm_transition_to": "start_final_round",
        },
    )
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.state, edition.jury_round) == (EditionState.DELIBERATION, JuryRound.FIRST)
    assert not Assignment.objects.filter(round=JuryRound.FINAL).exists()

    shortlist = Shortlist.objects.get()
    superuser = UserFactory(is_superuser=True, is_staff=True)
    for user in (secretary, superuser):
        request = RequestFactory().get("/")
        request.user = user
        page = admin.site._registry[Shortlist]
        assert (
            page.has_add_permission(request),
            page.has_change_permission(request, shortlist),
            page.has_delete_permission(request, shortlist),
        ) == (False, False, False)
    assert client.get(f"/en/admin/jury/shortlist/{shortlist.pk}/change/").status_code == 200


def test_the_public_results_page_tells_how_many_were_shortlisted(client, shortlisting, secretary):
    edition, chair, member, entries = shortlisting
    first_round_locked(shortlisting, secretary)
    services.shortlist_record(edition_id=edition.pk, by=chair.user)
    edition = step(edition, "start_final_round", secretary, confirmed=True)
    score_all(edition, [chair, member], {"a": 5, "b": 6, "c": 7})
    edition = step(edition, "start_deliberation", secretary, confirmed=True)
    services.decision_record(edition_id=edition.pk, by=chair.user)
    services.decision_approve(edition_id=edition.pk, by=secretary)
    step(edition, "publish", secretary, confirmed=True)
    client.logout()
    english = client.get(f"/en/editions/{N}/").text
    assert "The jury shortlisted 3 entries for its final round." in english
    french = client.get(f"/fr/editions/{N}/").text
    assert "Le jury a retenu 3 candidatures pour son tour final." in french


def test_an_edition_without_shortlist_says_nothing_of_one(client, secretary):
    edition = EditionFactory(number=63, state=EditionState.PUBLISHED)
    assert "shortlisted" not in client.get("/en/editions/63/").text
    assert edition.jury_round == JuryRound.FIRST


def test_the_landing_pages_count_the_final_rounds_sheets_only(shortlisting, secretary):
    """The secretariat's overview and the juror's to-do count the sheets of the round
    being scored, as the jury's own pages do: not the first round's, on record."""
    edition, chair, member, entries = shortlisting
    edition = first_round_locked(shortlisting, secretary)
    services.shortlist_record(edition_id=edition.pk, by=chair.user)
    edition = step(edition, "start_final_round", secretary, confirmed=True)
    score_all(edition, [chair], {"a": 1, "b": 2, "c": 3})

    overview = next(o for o in dashboard.edition_overviews() if o.edition.pk == edition.pk)
    assert (overview.sheets_submitted, overview.sheets_expected) == (3, 6)
    seat = next(s for s in dashboard.seat_todos(user=chair.user) if s.juror.pk == chair.pk)
    assert (seat.submitted, seat.total) == (3, 3)


def test_a_shortlist_posted_from_a_stale_tab_says_why_on_the_page(client, shortlisting, secretary):
    """While the first round is still being scored there is no shortlist form on the
    page: the refusal is said in a message there, not on a blank 400."""
    edition, chair, member, entries = shortlisting
    client.force_login(chair.user)
    response = client.post(SHORTLIST, {"action": "proposal"}, follow=True)
    assert response.redirect_chain[-1] == (CHAIR_PAGE, 302)
    assert response.status_code == 200
    assert "The shortlist is recorded once the first round's scores are locked." in (
        response.text.replace("&#x27;", "'")
    )
    assert not Shortlist.objects.exists()
