"""Fuzzing the jury's forms: the terms, scoring (page and autosave JSON), conflicts, the
chair's decisions, reminders, reopening and approval, and the juror invitations."""

import json

from hypothesis import given
from hypothesis import strategies as st

from jury.forms import (
    ConflictForm,
    DecideConflictForm,
    DecisionForm,
    JurorInviteForm,
    ReopenForm,
    ReopenSheetForm,
    ScoreForm,
    ShortlistForm,
)
from jury.models import Assignment, Conflict, Shortlist
from prize.models import Edition
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.runner import fuzzes, send, written_on_refusal
from tests.fuzz.strategies import NASTY_TEXT, form_data, number_values, text_values, wire

# A refused save or submit keeps every valid field of the draft it saved first
# (jury/views.py: _save; jury/services/scoring.py: scores_save saves field by field).
DRAFT_WRITES = ("jury.Score", "jury.ScoreChange", "jury.Assignment")


def _score_fields(edition):
    return ScoreForm(criteria=edition.criteria.all(), step=edition.score_step).fields


def _score_extras(edition) -> dict:
    values = {f"value_{c.code}": number_values() for c in edition.criteria.all()}
    buttons = st.sampled_from(["save", "submit"]).map(wire)
    return {**values, "action": st.one_of(buttons, text_values()), "value_nosuch": number_values()}


@fuzzes("jury:home", "jury:entry", "jury:autosave", forms=(ScoreForm,))
def test_scoring(people, jury):
    edition, ref = jury.edition, jury.entry.ref
    fields, extras = _score_fields(edition), _score_extras(edition)
    page = f"/jury/{edition.number}/entries/{ref}/"

    def state():
        return Assignment.objects.get(pk=jury.assignment.pk).state

    valid = {f"value_{c.code}": "7.5" for c in edition.criteria.all()} | {"action": "submit"}

    @fuzz_settings(3)
    @given(data=form_data(fields, extras, valid), autosave=st.booleans())
    def allowed(data, autosave):
        url = f"/en{page}autosave/" if autosave else f"/en{page}"
        outcome = send(jury.juror.user, "post", url, data, probe=state)
        assert outcome.status < 500
        assert written_on_refusal(outcome, by_design=DRAFT_WRITES) == []
        if outcome.refused:
            assert outcome.probed == "draft"
        if autosave:
            body = json.loads(outcome.response.content)
            assert body["saved"] is (outcome.status == 200)

    @fuzz_settings(0.5)
    @given(data=form_data(fields, extras), autosave=st.booleans(), who=st.integers(0, 1))
    def refused(data, autosave, who):
        user = (jury.conflicted.user, people.member_a)[who]
        url = f"/en{page}autosave/" if autosave else f"/en{page}"
        outcome = send(user, "post", url, data)
        assert outcome.status == 404
        assert outcome.changed == []

    @fuzz_settings(0.5)
    @given(accept=st.lists(text_values(), max_size=2), as_juror=st.booleans())
    def terms(accept, as_juror):
        user = jury.juror.user if as_juror else people.member_a
        outcome = send(user, "post", f"/en/jury/{edition.number}/", {"accept": accept})
        assert outcome.status == (200 if as_juror else 404)
        assert written_on_refusal(outcome) == []

    allowed()
    refused()
    terms()


@fuzzes("jury:conflict", forms=(ConflictForm,))
def test_conflict(people, jury):
    edition = jury.edition.number

    @fuzz_settings()
    @given(
        data=form_data(ConflictForm().fields),
        ref=st.sampled_from(["ja", "jb", "nosuch"]),
        who=st.sampled_from(["juror", "conflicted", "member"]),
    )
    def example(data, ref, who):
        user = {"juror": jury.juror.user, "conflicted": jury.conflicted.user}.get(who)
        url = f"/en/jury/{edition}/entries/{ref}/conflict/"
        outcome = send(user or people.member_a, "post", url, data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if who == "member" or ref != "ja":
            assert outcome.status == 404

    example()


@fuzzes(
    "jury:decide_conflict",
    "jury:reopen",
    "jury:remind",
    forms=(DecideConflictForm, ReopenForm),
)
def test_chair_forms(people, jury):
    edition = jury.edition.number
    conflict = Conflict.objects.get().pk
    assignment = jury.assignment.pk
    decisions = st.one_of(st.sampled_from(["confirm", "reject"]).map(wire), text_values())
    forms = {
        "conflicts": (DecideConflictForm, {"decision": decisions}, conflict),
        "reopen": (ReopenForm, {}, assignment),
    }

    @fuzz_settings(2)
    @given(
        kind=st.sampled_from(sorted(forms)),
        data=st.data(),
        pk=st.sampled_from([conflict, assignment, 999999]),
        as_chair=st.booleans(),
    )
    def example(kind, data, pk, as_chair):
        form, extras, _real = forms[kind]
        posted = data.draw(form_data(form().fields, extras))
        user = jury.chair.user if as_chair else jury.juror.user
        outcome = send(user, "post", f"/en/jury/{edition}/deliberation/{kind}/{pk}/", posted)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if not as_chair:
            assert outcome.status == 404
        reminded = send(user, "post", f"/en/jury/{edition}/deliberation/remind/", posted)
        assert reminded.status == (302 if as_chair else 404)

    example()


@fuzzes("jury:decide", "jury:approve", forms=(DecisionForm,))
def test_decision(people, board):
    edition, chair, member, entries = board
    refs = [e.ref for e in entries] + ["nosuch", "\x00"]
    extras = {
        "action": st.one_of(st.sampled_from(["change", "record"]).map(wire), text_values()),
        "reason": text_values(),
        **{f"place-{ref}": number_values() for ref in refs},
        **{f"statement-{lang}-{ref}": text_values() for lang in ("en", "fr", "xx") for ref in refs},
    }
    url = f"/en/jury/{edition.number}/deliberation/"

    @fuzz_settings(3)
    @given(data=form_data({}, extras), as_chair=st.booleans())
    def decide(data, as_chair):
        outcome = send(chair.user if as_chair else member.user, "post", url + "decide/", data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if not as_chair:
            assert outcome.status == 404

    @fuzz_settings(0.5)
    @given(data=form_data({}, extras), who=st.sampled_from(["secretary", "chair"]))
    def approve(data, who):
        user = people.secretary if who == "secretary" else chair.user
        outcome = send(user, "post", url + "approve/", data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []

    decide()
    approve()


@fuzzes("jury:secretariat", forms=(JurorInviteForm,))
def test_juror_invite(people, jury):
    emails = st.sampled_from([jury.juror.email, people.member_a.email]).map(wire)
    url = f"/en/jury/{jury.edition.number}/secretariat/"

    valid = {"name": "Ana", "email": "ana@jury.example", "role": "member", "language": "en"}

    @fuzz_settings(2)
    @given(
        data=form_data(JurorInviteForm().fields, {"email": emails}, valid), allowed=st.booleans()
    )
    def example(data, allowed):
        outcome = send(people.secretary if allowed else people.member_a, "post", url, data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if not allowed:
            assert outcome.status == 403

    example()


@fuzzes("jury:reopen")
def test_tampered_assignment_ids(people, jury, board):
    """The chair of one jury cannot reopen or decide another jury's rows."""
    other_edition = board[0].number
    foreign = st.sampled_from([jury.assignment.pk, Conflict.objects.get().pk])

    @fuzz_settings(0.5)
    @given(pk=foreign, kind=st.sampled_from(["reopen", "conflicts"]))
    def example(pk, kind):
        url = f"/en/jury/{other_edition}/deliberation/{kind}/{pk}/"
        outcome = send(board[1].user, "post", url, {"reason": [b"why"]})
        assert outcome.status in (302, 404)
        assert written_on_refusal(outcome) == [] and outcome.changed == []

    example()


@fuzzes("jury:reopen_sheet", forms=(ReopenSheetForm,))
def test_reopen_sheet(people, jury, board):
    """The chair's one reopen form names the sheet by juror and entry refs: real ones,
    another jury's, unknown ones and nonsense."""
    edition, chair, member, _entries = board
    jurors = ["chair", "m1", "j1", "nosuch", "", "\x00", "m1\x00", "a" * 65, "é"]
    entries = ["a", "b", "c", "ja", "nosuch", "", "\x00", "a\x00", "x" * 81]
    extras = {
        "juror": st.one_of(st.sampled_from(jurors).map(wire), text_values()),
        "entry": st.one_of(st.sampled_from(entries).map(wire), text_values()),
        "reason": st.one_of(st.sampled_from(NASTY_TEXT).map(wire), text_values()),
    }
    valid = {"juror": "m1", "entry": "a", "reason": "A typo in the scores."}
    url = f"/en/jury/{edition.number}/deliberation/reopen/"

    @st.composite
    def bodies(draw):
        """A third of the examples name a real submitted sheet, so that the reason and
        the tampered fields reach the service."""
        data = draw(form_data(ReopenSheetForm().fields, extras, valid))
        if draw(st.integers(0, 2)) == 0:
            juror, entry = draw(st.sampled_from([("m1", "a"), ("chair", "c")]))
            data.update(juror=[wire(juror)], entry=[wire(entry)])
        return data

    def states():
        return sorted(Assignment.objects.filter(juror__edition=edition).values_list("state"))

    @fuzz_settings(3)
    @given(
        data=bodies(),
        as_chair=st.booleans(),  # else the secretariat, which may always act as the chair
    )
    def allowed(data, as_chair):
        user = chair.user if as_chair else people.secretary
        outcome = send(user, "post", url, data, probe=states)
        assert outcome.status == 302
        assert written_on_refusal(outcome) == []
        if outcome.refused:
            assert outcome.probed == [("submitted",)] * 6

    @fuzz_settings(0.5)
    @given(
        data=bodies(),
        who=st.sampled_from(["member", "other chair", "authority member"]),
    )
    def refused(data, who):
        user = {"member": member.user, "other chair": jury.chair.user}.get(who)
        outcome = send(user or people.member_a, "post", url, data)
        assert outcome.status == 404
        assert outcome.changed == []

    allowed()
    refused()


@fuzzes("jury:shortlist", forms=(ShortlistForm,))
def test_shortlist(people, board):
    """The chair's shortlist, on an edition in its first round's deliberation: the
    proposal as it is, or ticked entries (real, unknown, repeated, hostile) with or
    without a reason. Anything but a recorded shortlist writes nothing; only the chair
    of this edition may post."""
    edition, chair, member, entries = board
    Edition.objects.filter(pk=edition.pk).update(shortlist_size=1)
    refs = [e.ref for e in entries] + ["nosuch", "\x00", "a\x00", " a "]
    url = f"/en/jury/{edition.number}/deliberation/shortlist/"
    extras = {
        "action": st.one_of(st.sampled_from(["proposal", "change"]).map(wire), text_values()),
        "reason": text_values(),
        "entries": st.lists(st.one_of(st.sampled_from(refs), text_values()), max_size=4),
    }
    valid = {"action": "change", "reason": "Two entries are close.", "entries": "b"}

    @fuzz_settings(3)
    @given(data=form_data(ShortlistForm().fields, extras, valid), as_chair=st.booleans())
    def record(data, as_chair):
        outcome = send(chair.user if as_chair else member.user, "post", url, data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if not as_chair:
            assert outcome.status == 404
        elif not outcome.refused:
            shortlist = Shortlist.objects.filter(edition=edition).order_by("-pk").first()
            assert shortlist is not None
            assert {e.ref for e in shortlist.entries.all()} <= {e.ref for e in entries}

    record()
