"""Fuzzing the authorities' and the secretariat's submission forms: authority, colleagues,
the entry form with its buttons and files, withdrawal, screening and bulk screening."""

from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from submissions.forms import (
    AuthorityForm,
    BulkScreeningForm,
    EntryActionForm,
    EntryForm,
    EntryStartForm,
    InviteColleagueForm,
    ScreeningForm,
)
from submissions.models import AuthorityInvitation, Entry
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.runner import fuzzes, send, written_on_refusal
from tests.fuzz.strategies import form_data, ids, path_segments, text_values, wire

# A save whose text was kept although a file, a photo edit or the submission was refused.
PARTIAL_SAVE = ("Your text is saved, but", "Your draft is saved, but")
ENTRY_WRITES = ("submissions.Entry", "submissions.Photo", "submissions.Attachment")


@fuzzes("submissions:authority_new", "submissions:authority_edit", forms=(AuthorityForm,))
def test_authority_forms(people):
    a = people.authority_a.pk
    urls = {
        "new": (people.newcomer, "/en/authorities/new/"),
        "own": (people.member_a, f"/en/authorities/{a}/edit/"),
        "verified": (people.member_b, f"/en/authorities/{people.authority_b.pk}/edit/"),
        "secretary": (people.secretary, f"/en/authorities/{a}/edit/"),
        "other": (people.member_b, f"/en/authorities/{a}/edit/"),
    }

    valid = {
        "name": "Ville de Nantes",
        "kind": "municipality",
        "country": "FR",
        "contact_name": "C",
        "contact_email": "c@nantes.example",
    }

    @fuzz_settings(2)
    @given(data=form_data(AuthorityForm().fields, valid=valid), who=st.sampled_from(sorted(urls)))
    def example(data, who):
        user, url = urls[who]
        outcome = send(user, "post", url, data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if who == "other":
            assert outcome.status == 404

    example()


@fuzzes("submissions:authority_invite", forms=(InviteColleagueForm,))
def test_invite_colleague(people):
    a = people.authority_a.pk
    emails = st.sampled_from([people.member_a.email, people.member_b.email]).map(wire)

    @fuzz_settings()
    @given(
        data=form_data(InviteColleagueForm().fields, {"email": emails}),
        user=st.sampled_from([people.member_a, people.member_b]),
    )
    def example(data, user):
        outcome = send(user, "post", f"/en/authorities/{a}/invite/", data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []

    example()


@fuzzes("submissions:join", "submissions:entry_new", forms=(EntryStartForm,))
def test_join_and_new_entry(people, call):
    invitation = AuthorityInvitation.objects.create(
        authority=people.authority_a,
        email=people.newcomer.email,
        invited_by=people.member_a,
        token="fuzz-token-1234567890",
    )
    tokens = st.one_of(st.just(invitation.token), path_segments())
    editions = ids(call.edition.pk, call.edition.pk + 1)

    @fuzz_settings(2)
    @given(
        token=tokens,
        edition=st.lists(editions, max_size=2),
        user=st.sampled_from([people.newcomer, people.member_a, people.member_b]),
    )
    def example(token, edition, user):
        joined = send(user, "post", f"/en/join/{quote(token, safe='')}/", {"x": [b"1"]})
        assert joined.status < 500
        assert written_on_refusal(joined) == []
        url = f"/en/authorities/{people.authority_b.pk}/entries/new/"
        created = send(user, "post", url, {"edition": edition} if edition else {})
        assert created.status < 500
        assert written_on_refusal(created) == []

    example()


def _entry_extras(call) -> dict:
    draft, other = call.draft, call.other
    photo = draft.photos.get().pk
    attachment = draft.attachments.get().pk
    actions = [
        "save",
        "submit",
        f"remove_photo:{photo}",
        f"remove_attachment:{attachment}",
        f"remove_photo:{attachment}",
        "remove_photo:999999999999999999999",
        "remove_attachment:-1",
        "remove_photo:\x00",
    ]
    return {
        "action": st.one_of(st.sampled_from(actions).map(wire), text_values()),
        "version": ids(draft.version, draft.version - 1, other.version),
        "partner_40_name": text_values(),
        "photo_999_caption": text_values(),
    }


@fuzzes(
    "submissions:entry_edit",
    "submissions:entry_withdraw",
    forms=(EntryForm, EntryActionForm),
)
def test_entry_form(people, call):
    draft = call.draft
    fields = EntryForm(entry=draft).fields
    url = f"/en/entries/{draft.ref}/edit/"

    def state():
        return Entry.objects.get(pk=draft.pk).state

    valid = {"version": draft.version, "language": "fr", "title_fr": "Titre", "action": "save"}

    @fuzz_settings(3)
    @given(data=form_data(fields, _entry_extras(call), valid))
    def allowed(data):
        outcome = send(people.member_a, "post", url, data, probe=state)
        assert outcome.status < 500
        partial = any(m.startswith(PARTIAL_SAVE) for m in outcome.messages)
        assert written_on_refusal(outcome, by_design=ENTRY_WRITES if partial else ()) == [], (
            outcome.status,
            outcome.errors,
            outcome.messages,
        )
        if outcome.refused:
            assert outcome.probed == "draft"

    @fuzz_settings(0.5)
    @given(data=form_data(fields, _entry_extras(call)), anonymous=st.booleans())
    def refused(data, anonymous):
        outcome = send(None if anonymous else people.member_b, "post", url, data)
        assert outcome.status == (302 if anonymous else 404)
        assert outcome.changed == []

    @fuzz_settings()
    @given(
        data=form_data(EntryActionForm().fields),
        entry=st.sampled_from([call.submitted, call.draft, call.other]),
    )
    def withdraw(data, entry):
        outcome = send(people.member_a, "post", f"/en/entries/{entry.ref}/withdraw/", data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if entry == call.other:
            assert outcome.status == 404

    allowed()
    refused()
    withdraw()


@fuzzes(
    "submissions:secretariat_screening",
    "submissions:screen_entry",
    forms=(BulkScreeningForm, ScreeningForm),
)
def test_screening(people, call):
    edition = call.edition.number
    refs = [call.submitted.ref, call.draft.ref, call.other.ref]
    bulk_fields = BulkScreeningForm(refs=refs).fields
    bulk_extras = {"entries": st.one_of(st.sampled_from(refs).map(wire), text_values())}
    query = st.fixed_dictionaries(
        {}, optional={"state": text_values(), "country": text_values(), "page": text_values()}
    )
    buttons = ["mark_eligible", "mark_ineligible", "request_info", "reconsider", "submit"]
    screen_extras = {"action": st.one_of(st.sampled_from(buttons).map(wire), text_values())}

    valid_bulk = {"action": "mark_eligible", "confirm_checklist": "on", "entries": refs[0]}

    @fuzz_settings(2)
    @given(data=form_data(bulk_fields, bulk_extras, valid_bulk), query=query)
    def bulk(data, query):
        url = f"/en/secretariat/editions/{edition}/entries/"
        outcome = send(people.secretary, "post", url, data, query=query)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        listed = send(people.secretary, "get", url, query=query)
        assert listed.status < 500

    valid = {"action": "request_info", "note": "Which year?", "reply_by": "2030-01-31"}

    @fuzz_settings(2)
    @given(data=form_data(ScreeningForm().fields, screen_extras, valid), ref=st.sampled_from(refs))
    def one(data, ref):
        outcome = send(people.secretary, "post", f"/en/secretariat/entries/{ref}/", data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []

    @fuzz_settings(0.3)
    @given(data=form_data(ScreeningForm().fields, screen_extras))
    def refused(data):
        url = f"/en/secretariat/entries/{call.submitted.ref}/"
        outcome = send(people.member_a, "post", url, data)
        assert outcome.status == 403
        assert outcome.changed == []

    bulk()
    one()
    refused()
