"""Fuzzing the secretariat's edition forms (settings with the call's texts, the reason for
a moved deadline and the tie-break lists; signatories; transitions), the certificates
(revoke, generate, progress JSON) and the archive's search form."""

from urllib.parse import quote

from django.test import Client
from hypothesis import example, given
from hypothesis import strategies as st

from prize.forms import EditionForm
from results import services
from results.forms import ArchiveSearchForm, RevokeForm, TransitionForm
from results.models import Certificate
from results.selectors import public_laureates
from tests.factories import published_edition
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.runner import fuzzes, json_body, send, written_on_refusal
from tests.fuzz.strategies import (
    RICH_TEXT,
    form_data,
    number_values,
    path_segments,
    rich_text_values,
    text_values,
    wire,
)

ACTIONS = [
    "open_call",
    "withdraw_call",
    "close_call",
    "reopen_call",
    "start_judging",
    "start_deliberation",
    "reopen_judging",
    "publish",
    "archive",
    "save",
    "delete",
    "__init__",
]
SIGNATORY_LINES = [
    "A. Example | President | Président",
    "| role only",
    "a | b | c | d",
    "Name\x00 | Role",
    "\n\n | \n",
]


VALID_EDITION = {
    "number": 130,
    "name_en": "Ninth",
    "name_fr": "Neuvième",
    "year": 2028,
    "all_countries": "on",
    "submission_deadline": "2028-06-30T23:59",
    "places": 3,
    "place_numbering": "dense",
    "aggregation": "mean",
    "score_precision": 2,
    "score_step": "0.5",
    "signatories": "A. Example | President | Président",
    "call_text_en": "## Who may apply\n\n- Municipalities\n- Regions\n\n[Rules](https://www.coe.int)",
    "call_text_fr": "## Qui peut candidater\n\n1. Les communes\n2. Les régions",
    "deadline_reason": "The jury asked for two more weeks.",  # asked while the call is open
}


def _edition_extras() -> dict:
    signatories = st.lists(st.sampled_from(SIGNATORY_LINES), max_size=4).map("\n".join)
    return {
        "signatories": st.one_of(signatories.map(wire), text_values()),
        "tie_break_1": st.one_of(
            st.sampled_from(["social-rights", "nosuch", ""]).map(wire), text_values()
        ),
        "tie_break_2": st.sampled_from(["social-rights", "awareness"]).map(wire),
        "number": number_values(),
        "call_text_en": rich_text_values(),
        "call_text_fr": rich_text_values(),
        "deadline_reason": st.one_of(
            st.sampled_from(["", " ", "Moved.", "x" * 2001]).map(wire), text_values()
        ),
    }


def call_shown(number: int) -> dict[str, int]:
    """The open call as visitors get it, in the same transaction as the change: its page
    and its PDF in each language."""
    visitor = Client()
    urls = [
        f"/{lang}/editions/{number}/{page}" for lang in ("en", "fr") for page in ("", "call.pdf")
    ]
    return {url: visitor.get(url).status_code for url in urls}


@fuzzes("results:secretariat_edition_new", "results:secretariat_edition", forms=(EditionForm,))
def test_edition_settings(people, call, jury):
    fields = EditionForm(call_open=True).fields  # with the reason for a moved deadline
    assert {"call_text_en", "call_text_fr", "deadline_reason", "tie_break_1"} <= set(fields)
    open_call = f"/en/secretariat/editions/{call.edition.number}/"
    urls = [
        "/en/secretariat/editions/new/",
        open_call,
        open_call,
        f"/en/secretariat/editions/{jury.edition.number}/",
    ]

    valid = {name: [wire(str(value))] for name, value in VALID_EDITION.items()}
    hostile = valid | {
        "call_text_en": [wire("\n\n".join(RICH_TEXT[:12]) + "\x0b\x1b[31m\x7f")],
        "call_text_fr": [wire(RICH_TEXT[12][:19_000])],
    }

    @fuzz_settings(3)
    @given(
        data=form_data(fields, _edition_extras(), VALID_EDITION),
        url=st.sampled_from(urls),
        preview=st.sampled_from([False, False, True]),
    )
    @example(data=valid, url=open_call, preview=False)  # saved, then shown and printed
    @example(data=hostile, url=open_call, preview=False)
    @example(data=hostile, url=open_call, preview=True)
    def allowed(data, url, preview):
        if preview:  # the call shown as visitors will see it, nothing saved
            data = {**data, "preview": [b"1"]}
        probe = (lambda: call_shown(call.edition.number)) if url == open_call else None
        outcome = send(people.secretary, "post", url, data, probe=probe)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if preview:
            assert outcome.status == 200
            assert outcome.changed == []
        if probe is not None:  # the call's page and PDF, saved or not, never fail
            shown = outcome.probed
            assert all(status in (200, 404) for status in shown.values()), shown
            assert shown[open_call.replace("secretariat/", "")] == 200
            if data in (valid, hostile) and not preview:
                assert outcome.status == 302
                assert shown[f"/en/editions/{call.edition.number}/call.pdf"] == 200

    @fuzz_settings(0.3)
    @given(data=form_data(fields, _edition_extras()), url=st.sampled_from(urls))
    def refused(data, url):
        outcome = send(people.member_a, "post", url, data)
        assert outcome.status == 403
        assert outcome.changed == []

    allowed()
    refused()


@fuzzes("results:secretariat_edition_transition", forms=(TransitionForm,))
def test_edition_transitions(people, call, jury):
    numbers = [call.edition.number, jury.edition.number]
    extras = {"action": st.one_of(st.sampled_from(ACTIONS).map(wire), text_values())}

    @fuzz_settings(2)
    @given(
        data=form_data(TransitionForm().fields, extras),
        number=st.sampled_from(numbers),
        allowed=st.booleans(),
    )
    def example(data, number, allowed):
        user = people.secretary if allowed else people.member_a
        url = f"/en/secretariat/editions/{number}/transition/"
        outcome = send(user, "post", url, data)
        assert outcome.status == (302 if allowed else 403)
        assert written_on_refusal(outcome) == []

    example()


@fuzzes(
    "results:certificate_revoke",
    "results:secretariat_certificates_generate",
    "results:secretariat_certificates_progress",
    forms=(RevokeForm,),
)
def test_certificates(people, decided):
    edition, _entries = decided
    services.edition_transition(
        edition_id=edition.pk, action="publish", by=people.secretary, confirmed=True
    )
    numbers = list(Certificate.objects.values_list("number", flat=True))
    assert numbers
    number = st.one_of(st.sampled_from(numbers), path_segments())
    base = f"/en/secretariat/editions/{edition.number}/certificates/"

    @fuzz_settings(2)
    @given(number=number, reason=st.lists(text_values(), max_size=2), allowed=st.booleans())
    def revoke(number, reason, allowed):
        user = people.secretary if allowed else people.member_a
        url = f"/en/certificates/{quote(number, safe='')}/revoke/"
        outcome = send(user, "post", url, {"reason": reason})
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []
        if not allowed:
            assert outcome.changed == []

    @fuzz_settings(0.5)
    @given(data=form_data({}, {"x": text_values()}), allowed=st.booleans())
    def generate_and_progress(data, allowed):
        user = people.secretary if allowed else people.member_a
        generated = send(user, "post", base + "generate/", data)
        assert generated.status == (302 if allowed else 403)
        assert written_on_refusal(generated) == []
        progress = send(user, "get", base + "progress/", query={"x": b"\x00"})
        assert progress.status == (200 if allowed else 403)
        if allowed:
            assert set(json_body(progress.response)) >= {"state"}

    revoke()
    generate_and_progress()


@fuzzes("results:archive", forms=(ArchiveSearchForm,))
def test_archive_search(db):
    published_edition(7)
    form = ArchiveSearchForm({}, laureates=public_laureates())
    extras = {"page": st.one_of(number_values(), text_values())}

    @fuzz_settings(2)
    @given(query=form_data(form.fields, extras), lang=st.sampled_from(["en", "fr"]))
    def example(query, lang):
        outcome = send(None, "get", f"/{lang}/editions/", query=query)
        assert outcome.status in (200, 404)
        assert outcome.changed == []

    example()
