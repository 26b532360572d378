"""Fuzzing the Alliance's forms: the request to join (its answers and its PDF letter), the
answer after a request for information, the profile, the secretariat's decisions and
charter date, and the public list's filters."""

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from alliance import services
from alliance.forms import (
    CharterForm,
    DecisionForm,
    ParticipantFilterForm,
    ProfileForm,
    RequestForm,
)
from alliance.models import Participation
from tests.alliance.conftest import ANSWERS, ask
from tests.factories import AuthorityFactory, UserFactory
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.runner import fuzzes, send, written_on_refusal
from tests.fuzz.strategies import (
    EMAILS,
    FILE_CONTENTS,
    NASTY_TEXT,
    date_values,
    form_data,
    text_values,
    wire,
)
from tests.submissions.conftest import pdf_bytes

ACTIONS = ["accept", "request_info", "decline", "end"]
TAMPERED = ["resubmit", "request_again", "register", "charter", "save", "ACCEPT", " accept", ""]
LETTER_CONTENTS = [
    pdf_bytes(),  # a real one-page PDF
    FILE_CONTENTS["pdf"],
    b"%PDF-1.4\n",  # a header and nothing else
    FILE_CONTENTS["jpeg"],
    FILE_CONTENTS["html"],
    FILE_CONTENTS["empty"],
    FILE_CONTENTS["nul"],
]
LETTER_NAMES = [
    "letter.pdf",
    "Lettre d’engagement.PDF",
    "letter.jpg",
    "../../etc/passwd.pdf",
    "x\x00.pdf",
    "no-extension",
    ".pdf",
    "é" * 200 + ".pdf",
    "x" * 5_000 + ".pdf",
]


@st.composite
def letters(draw) -> SimpleUploadedFile:
    content = draw(st.one_of(st.sampled_from(LETTER_CONTENTS), st.binary(max_size=64)))
    name = draw(st.sampled_from(LETTER_NAMES))
    kind = draw(st.sampled_from(["application/pdf", "image/jpeg", "text/html"]))
    return SimpleUploadedFile(name, content, content_type=kind)


@st.composite
def request_bodies(draw, valid_letter: bool = True) -> dict:
    """A request to join: half the examples start from valid answers; most carry a
    letter (valid or not), some none, some two."""
    extras = {
        "letter": letters(),
        "contact_email": st.one_of(st.sampled_from(EMAILS).map(wire), text_values()),
    }
    data = draw(form_data(RequestForm().fields, extras, ANSWERS))
    if "letter" not in data and draw(st.integers(0, 3)):
        data["letter"] = [draw(letters())]
    return data


@dataclass
class World:
    """authority_a (people): no participation yet; authority_b (people): more information
    requested; authority_c: requested, not verified; authority_d: a participant."""

    member_c: object
    requested: Participation
    info: Participation
    accepted: Participation


@pytest.fixture
def world(people) -> World:
    info = ask(people.authority_b, people.member_b)
    services.participation_transition(
        participation_id=info.pk, action="request_info", by=people.secretary, note="Tell more."
    )
    member_c = UserFactory(email="ana@kragujevac.example")
    authority_c = AuthorityFactory(name="Крагујевац", country="RS", kind="region")
    authority_c.members.add(member_c)
    authority_d = AuthorityFactory(name="Cluj-Napoca", country="RO", verified_at=timezone.now())
    accepted = services.participation_register(
        authority_id=authority_d.pk, by=people.secretary, accepted_on=date(2015, 4, 8)
    )
    return World(
        member_c=member_c,
        requested=ask(authority_c, member_c),
        info=Participation.objects.get(pk=info.pk),
        accepted=accepted,
    )


@fuzzes("alliance:mine", forms=(RequestForm,))
def test_request_to_join(people, world):
    a, b = people.authority_a.pk, people.authority_b.pk
    c = world.requested.authority_id
    who = {
        "asks": (people.member_a, a),  # no participation: may ask
        "answers": (people.member_b, b),  # more information requested: may answer
        "waits": (world.member_c, c),  # requested: the request is with the secretariat
        "secretary": (people.secretary, a),  # sees the page; only members ask
        "other": (people.member_b, a),  # another authority's page
    }

    @fuzz_settings(3)
    @given(data=request_bodies(), role=st.sampled_from(sorted(who)))
    def example(data, role):
        user, pk = who[role]
        outcome = send(user, "post", f"/en/authorities/{pk}/alliance/", data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if role == "other":
            assert outcome.status == 404
            assert outcome.changed == []
        if role in ("waits", "secretary"):
            assert outcome.refused and outcome.changed == []
        if outcome.status == 302 and not outcome.refused:
            assert "alliance.ParticipationTransition" in outcome.changed

    example()


@fuzzes("alliance:profile_edit", forms=(ProfileForm,))
def test_profile(people, world):
    a, b = people.authority_a.pk, people.authority_b.pk
    who = {
        "own": (people.member_a, a),
        "info": (people.member_b, b),
        "secretary": (people.secretary, a),
        "other": (people.member_b, a),
    }
    valid = {"language": "fr", "political": "Maire", "projects": "- Écoles\n\n- Médiateurs"}

    @fuzz_settings(2)
    @given(data=form_data(ProfileForm().fields, valid=valid), role=st.sampled_from(sorted(who)))
    def example(data, role):
        user, pk = who[role]
        outcome = send(user, "post", f"/en/authorities/{pk}/alliance/profile/", data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if role == "other":
            assert outcome.status == 404
            assert outcome.changed == []

    example()


@fuzzes("alliance:review", forms=(DecisionForm,))
def test_review(people, world):
    pks = [world.requested.pk, world.info.pk, world.accepted.pk, 999_999]
    extras = {
        "action": st.one_of(st.sampled_from(ACTIONS + TAMPERED).map(wire), text_values()),
        "note": st.one_of(st.sampled_from(NASTY_TEXT).map(wire), text_values()),
    }
    valid = {"action": "decline", "note": "The letter is not signed."}

    @fuzz_settings(3)
    @given(data=form_data(DecisionForm().fields, extras, valid), pk=st.sampled_from(pks))
    def allowed(data, pk):
        outcome = send(people.secretary, "post", f"/en/secretariat/alliance/{pk}/", data)
        # An empty body is read as no form sent (`request.POST or None`): the page.
        expected = (404,) if pk == 999_999 else (302, 400) if data else (200,)
        assert outcome.status in expected
        assert written_on_refusal(outcome) == []
        if data.get("action", [b""])[-1].decode("utf-8", "replace") not in ACTIONS:
            assert outcome.changed == []

    @fuzz_settings(0.5)
    @given(data=form_data(DecisionForm().fields, extras), pk=st.sampled_from(pks))
    def refused(data, pk):
        for user in (people.member_a, world.member_c):  # another authority's; its own
            outcome = send(user, "post", f"/en/secretariat/alliance/{pk}/", data)
            assert outcome.status == 403
            assert outcome.changed == []

    allowed()
    refused()


@fuzzes("alliance:charter", forms=(CharterForm,))
def test_charter(people, world):
    pks = [world.requested.pk, world.accepted.pk, 999_999]
    extras = {"signed_on": st.one_of(date_values(), text_values())}

    @fuzz_settings(2)
    @given(
        data=form_data(CharterForm().fields, extras, {"signed_on": "2019-05-14"}),
        pk=st.sampled_from(pks),
        allowed=st.booleans(),
    )
    def example(data, pk, allowed):
        user = people.secretary if allowed else people.member_a
        outcome = send(user, "post", f"/en/secretariat/alliance/{pk}/charter/", data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if not allowed:
            assert outcome.status == 403
            assert outcome.changed == []
        elif pk == 999_999:
            assert outcome.status == 404

    example()


@fuzzes("alliance:list", "alliance:requests", forms=(ParticipantFilterForm,))
def test_public_list_and_requests_filters(people, world):
    form = ParticipantFilterForm({}, countries={"RO": 1}, kinds={"municipality": 1})
    real = st.sampled_from(["RO", "RS", "FR", "ro", "municipality", "region", "\x00", "RO\x00"])
    values = st.one_of(real.map(wire), text_values())
    extras = {"country": values, "kind": values, "state": values}

    @fuzz_settings(2)
    @given(
        query=form_data(form.fields, extras),
        lang=st.sampled_from(["en", "fr"]),
        who=st.sampled_from(["anonymous", "member", "secretary"]),
    )
    def example(query, lang, who):
        user = {"member": people.member_a, "secretary": people.secretary}.get(who)
        listed = send(user, "get", f"/{lang}/alliance/", query=query)
        assert listed.status in (200, 400)
        assert listed.changed == []
        requests = send(user, "get", f"/{lang}/secretariat/alliance/", query=query)
        # Anonymous: to the login page, or 400 when the address to come back to would
        # exceed Django's 16 KB limit on a redirect (DisallowedRedirect).
        expected = {"secretary": (200,), "member": (403,), "anonymous": (302, 400)}[who]
        assert requests.status in expected
        assert requests.changed == []

    example()
