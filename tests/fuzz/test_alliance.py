"""Fuzzing the Alliance's forms: the request to join (its answers and its PDF letter), the
answer after a request for information, the profile, the secretariat's decisions and
charter date, the public list's filters, and the import of the participants from a CSV
file (its upload and its confirmation)."""

import base64
from dataclasses import dataclass
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from alliance import importing, services
from alliance.forms import (
    CharterForm,
    DecisionForm,
    ParticipantFilterForm,
    ParticipantsConfirmForm,
    ParticipantsFileForm,
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
    bool_values,
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


# --- The import of the participants from a CSV file ---------------------------------------

CSV_HEADERS = [
    "name,kind,country,participant_since,website,name_fr",
    "name,kind,country,participant_since",
    "Country , NAME,Participant Since,kind",  # any order, case and spacing
    "name,kind,country,participant_since,name",  # a column twice
    "name,kind,country",  # a column missing
    "name,kind,country,participant_since,mayor",  # a column unknown
    "name;kind;country;participant_since;website",  # a spreadsheet's semicolons
    "name,kind;country,participant_since",  # both
    '"name","kind","country","participant_since"',
    '"name,kind",country,participant_since',  # a quoted comma
    "",
]
CSV_CELLS = [
    # The world's authorities: a participant, one asked for more, one with no record.
    "Cluj-Napoca",
    "Ville de Lyon",
    "City of Ghent",
    "CITY  OF   GHENT",
    "Municipality of Volos",
    "Крагујевац",
    "municipality",
    "Region",
    "Municipalité",
    "other_local",
    "RO",
    "FR",
    "BE",
    "Belgique",
    "RS",
    "XK",
    "US",
    "2015-04-08",
    "2014-03",
    "2099-01-01",
    "2024-02-30",
    "0001-01",
    "https://stad.gent",
    "javascript:alert(1)",
    # Formula-like cells, as a spreadsheet would run them.
    '=HYPERLINK("https://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    # Quotation marks, separators and line breaks inside a cell.
    '"Ghent, City of"',
    '"unclosed',
    'a"b',
    '"a""b"',
    '"two\nlines"',
    "a;b",
    "x" * 301,
    "x" * 140_000,  # past the csv module's field size limit
]
CSV_ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp1252", "latin-1", "utf-32"]


CSV_ROWS = [  # well-formed rows of the world, so that some files get through
    ("Cluj-Napoca", "municipality", "RO", "2016-01-01"),  # a participant: a new date
    ("City of Ghent", "Municipalité", "Belgique", "2013-09"),  # on the site: joins
    ("Comunidad de Madrid", "region", "ES", "2014-03-01"),  # new
]
LYON = ["Ville de Lyon", "municipality", "FR", "2012-01-01"]  # more information asked


@st.composite
def good_csv_files(draw) -> bytes:
    """A file the import accepts, as spreadsheets save it in any locale: each of the
    world's rows once (every one changes something), commas or semicolons, LF or CRLF,
    with or without a byte-order mark."""
    rows = draw(st.lists(st.sampled_from(CSV_ROWS), min_size=1, unique=True))
    separator = draw(st.sampled_from([",", ";"]))
    lines = [CSV_HEADERS[1], *(",".join(row) for row in rows)]
    text = draw(st.sampled_from(["\n", "\r\n"])).join(lines).replace(",", separator)
    return text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig"])))


@st.composite
def csv_files(draw) -> bytes:
    """A participants file as a spreadsheet, a person or an attacker may make it. Half
    the examples are a well-formed file of the world's authorities with one to three
    changes (a hostile cell, a row, the header, the separator, the encoding), so that
    many get past the reading to the matching and the import; the others are any header
    and rows of real and hostile cells; now and then raw bytes or a file past the limit."""
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return draw(st.one_of(st.binary(max_size=200), st.sampled_from(LETTER_CONTENTS)))
    if kind == 1:
        return b"name,kind,country,participant_since\n" + b"a,b,c,d\n" * 70_000  # > 512 KB
    cells = st.one_of(st.sampled_from(CSV_CELLS), st.sampled_from(NASTY_TEXT), any_cell())
    header, separator, ending, encoding = CSV_HEADERS[1], ",", "\n", "utf-8"
    if kind < 6:
        rows = [
            list(row) for row in draw(st.lists(st.sampled_from(CSV_ROWS), min_size=1, unique=True))
        ]
        for _ in range(draw(st.integers(0, 3))):
            change = draw(st.sampled_from(["cell", "row", "header", "layout", "encoding"]))
            if change == "cell":
                row = draw(st.sampled_from(rows))
                row[draw(st.integers(0, len(row) - 1))] = draw(cells)
            elif change == "row":
                rows.append(draw(st.one_of(st.just(LYON), st.lists(cells, max_size=6))))
            elif change == "header":
                header = draw(st.sampled_from(CSV_HEADERS))
            elif change == "layout":
                separator = draw(st.sampled_from([";", "\t", ", "]))
                ending = draw(st.sampled_from(["\r\n", "\r", "\n\n"]))
            else:
                encoding = draw(st.sampled_from(CSV_ENCODINGS))
        header = header.replace(",", separator) if separator != "," else header
    else:
        header = draw(st.sampled_from(CSV_HEADERS))
        separator = draw(st.sampled_from([",", ";", "\t"]))
        ending = draw(st.sampled_from(["\n", "\r\n", "\r"]))
        encoding = draw(st.sampled_from(CSV_ENCODINGS))
        rows = draw(st.lists(st.lists(cells, max_size=7), max_size=5))
    text = ending.join([header, *(separator.join(row) for row in rows)])
    if draw(st.integers(0, 9)) == 0:
        text = text.replace(separator, "\x00", 1)
    return text.encode(encoding, "surrogatepass" if encoding.startswith("utf-8") else "replace")


def any_cell() -> st.SearchStrategy[str]:
    return st.text(st.characters(codec="utf-8"), max_size=20)


def csv_upload(content: bytes, name: str = "participants.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def preview_digest(content: bytes, by) -> str:
    """The digest the preview page would put in its form, or "" for a file it refuses."""
    try:
        plan = importing.participants_import_preview(data=content, by=by)
    except ValidationError:
        return ""
    return "" if plan.problems else plan.digest


IMPORT_WRITES = {
    "alliance.Participation",
    "alliance.ParticipationTransition",
    "submissions.Authority",
    "results.PublicPagesVersion",
}


@fuzzes("alliance:import", forms=(ParticipantsFileForm, ParticipantsConfirmForm))
def test_participants_import(people, world):
    url = "/en/secretariat/alliance/import/"

    @fuzz_settings(3)
    @given(
        content=st.one_of(good_csv_files(), csv_files()),
        name=st.sampled_from(["participants.csv", "x\x00.csv", "list.xlsx", "a" * 300 + ".csv"]),
        files=st.sampled_from([1, 1, 1, 0, 2]),
        role=st.sampled_from(["secretary", "secretary", "member"]),
    )
    def upload(content, name, files, role):
        user = people.secretary if role == "secretary" else people.member_a
        # No file, one, or two under the same name (the form reads the last).
        data = {"file": [csv_upload(content, name) for _ in range(files)]}
        outcome = send(user, "post", url, data)
        if role == "member":
            assert outcome.status == 403
        else:
            assert outcome.status in (200, 400)
            assert outcome.refused == (outcome.status == 400)
        assert outcome.changed == []  # a preview writes nothing, whatever the file

    @fuzz_settings(3)
    @given(
        content=st.one_of(good_csv_files(), csv_files()),
        garble=st.sampled_from(["none", "none", "digest", "base64", "text"]),
        confirm=st.one_of(st.just([b"on"]), st.just([]), st.lists(bool_values(), max_size=2)),
        role=st.sampled_from(["secretary", "secretary", "member"]),
    )
    def confirmation(content, garble, confirm, role):
        user = people.secretary if role == "secretary" else people.member_a
        digest = preview_digest(content, people.secretary)
        encoded = base64.b64encode(content)
        fields = {
            "content": {"base64": encoded[:-3] + b"!*\x00", "text": content}.get(garble, encoded),
            "digest": b"0" * 64 if garble == "digest" else digest.encode(),
            "confirm": confirm,
        }
        data = {
            name: value if isinstance(value, list) else [value] for name, value in fields.items()
        }
        outcome = send(user, "post", url, data)
        if role == "member":
            assert outcome.status == 403
            assert outcome.changed == []
            return
        assert outcome.status in (302, 400)
        assert written_on_refusal(outcome) == []
        if outcome.status == 302:  # imported: a file the preview accepted, as it showed
            assert digest and garble == "none" and not outcome.refused
            assert "alliance.ParticipationTransition" in outcome.changed
            assert set(outcome.changed) <= IMPORT_WRITES
        else:
            assert outcome.changed == []

    upload()
    confirmation()
