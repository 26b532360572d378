"""Nothing a person types is ever lost, in either language: every edit form of every
role, in English and in French, read as a browser reads it (tests/html_forms.py: a date
the browser cannot read for its type is empty, and so on) and sent back untouched,
leaves every row of the database as it was.

A new form gets a line in FORMS: who opens it, the page, a field only that form has on
the page, the button pressed (None: the form has one unnamed button, or pressing none
is the untouched case, as on the pages whose buttons each take an action), and the status
of the untouched post: 302 when saved (or refused with a redirect, as the jury's
one-field forms are), 400 when refused on the page (empty, or no action chosen). If its
page needs data the fixture does not make, add it to `site`. test_every_form_is_listed
fails until a form class of the project is in FORMS or in NOT_EDIT_FORMS."""

import importlib
import inspect
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django import forms
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from alliance import services as alliance
from jury import services as jury
from jury.models import Assignment
from prize import formfields
from prize.enums import EditionState
from prize.models import Edition
from submissions import services as submissions
from tests.factories import (
    AuthorityFactory,
    EditionFactory,
    EntryFactory,
    JurorFactory,
    ParticipationFactory,
    UserFactory,
    jury_at_work,
)
from tests.html_forms import forms_of
from tests.submissions.conftest import PHOTO_TEXT, fill, jpeg_bytes

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "fr")
APPS = ("accounts", "prize", "submissions", "jury", "alliance")
FORM_MODULES = [importlib.import_module(f"{app}.forms") for app in APPS]
# Written back by every save whatever it holds: not a value anyone typed.
BOOKKEEPING = {"version", "updated_at", "updated_by_id"}
# The jury's decision is recorded anew by each save: compared by content, not by row.
REWRITTEN = {"jury.Decision": {"id", "recorded_at"}, "jury.Result": {"id", "decision_id"}}
TEXT = "Première ligne, « guillemets » & <b>pas de balise</b>.\n\nDeuxième : 1 000,50 €."


@dataclass(frozen=True)
class Case:
    role: str  # a key of site.people
    url: str  # formatted with the site's attributes
    field: str  # a field that only this form has on its page
    button: tuple[str, str] | None = None
    status: int = 302  # of the untouched post: 400 where it is refused (empty or no action)


FORMS = {
    # The authority's member.
    "entry form": Case("member", "/entries/{draft.ref}/edit/", "summary", ("action", "save")),
    "authority profile": Case("member", "/authorities/{authority.pk}/edit/", "contact_email"),
    "Alliance profile": Case("member", "/authorities/{authority.pk}/alliance/profile/", "projects"),
    # The secretariat.
    "edition settings": Case(
        "secretary", "/secretariat/editions/{edition.number}/", "ceremony_date"
    ),
    "screening of one entry": Case(
        "secretary", "/secretariat/entries/{submitted.ref}/", "reply_by", status=400
    ),
    "screening of several entries": Case(
        "secretary",
        "/secretariat/editions/{edition.number}/entries/",
        "confirm_checklist",
        status=400,
    ),
    "jury administration": Case(
        "secretary", "/jury/{judging.number}/secretariat/", "organisation", status=400
    ),
    "Alliance review": Case(
        "secretary", "/secretariat/alliance/{requested.pk}/", "note", status=400
    ),
    "Alliance charter": Case(
        "secretary", "/secretariat/alliance/{requested.pk}/", "signed_on", status=400
    ),
    "invitation": Case("secretary", "/accounts/invite/", "is_secretariat", status=400),
    # The jury.
    "scores of a juror": Case(
        "juror", "/jury/{judging.number}/entries/{scored.ref}/", "overall", ("action", "save")
    ),
    "conflict of a juror": Case("juror", "/jury/{judging.number}/entries/{scored.ref}/", "reason"),
    "chair's decision": Case(
        "chair",
        "/jury/{deliberating.number}/deliberation/",
        "statement-en-e00",
        ("action", "confirm"),
    ),
    "chair's places": Case(
        "chair", "/jury/{deliberating.number}/deliberation/", "place-e00", ("action", "change")
    ),
    "chair's reopening": Case("chair", "/jury/{deliberating.number}/deliberation/", "juror"),
    # Anyone.
    "registration": Case("visitor", "/accounts/register/", "password", status=400),
}

# Form classes that show nothing a person wrote before, so that an untouched post has
# nothing to lose: filters (GET), the login, forms of one click or one reason, and the
# Alliance request, whose every post is a request or an answer (a new state).
NOT_EDIT_FORMS = {
    "EmailAuthenticationForm",
    "AdminLoginForm",  # the admin's login
    "PasswordResetForm",  # one address, and the page that follows says what to do
    "ParticipantFilterForm",
    "ArchiveSearchForm",
    "TransitionForm",
    "RevokeForm",
    "EntryStartForm",
    "InviteColleagueForm",
    "EntryActionForm",
    "DecideConflictForm",
    "ReopenForm",
    "RequestForm",  # a request or an answer: sent, it changes the participation's state
    "ErasureForm",  # a password that confirms the erasure of one's account, kept nowhere
    "AppCodeForm",  # a one-time code: checked once, never kept as typed
    "RecoveryCodeForm",
    "SecondFactorRemoveForm",
    "ParticipantsFileForm",  # a file read once; the preview then asks for a confirmation
    "ParticipantsConfirmForm",  # the previewed file and a box: an import, not an edit
    # The chair's shortlist: each post records it anew and logs the step; a refusal gives
    # back what was ticked and typed (tests/jury/test_shortlist.py, the crafted POST).
    "ShortlistForm",
}
FORM_CLASSES_LISTED = {
    "EditionForm": "edition settings",
    "EntryForm": "entry form",
    "AuthorityForm": "authority profile",
    "ProfileForm": "Alliance profile",
    "ScreeningForm": "screening of one entry",
    "BulkScreeningForm": "screening of several entries",
    "JurorInviteForm": "jury administration",
    "DecisionForm": "Alliance review",  # and the chair's decision (jury.forms)
    "CharterForm": "Alliance charter",
    "InvitationForm": "invitation",
    "ScoreForm": "scores of a juror",
    "ConflictForm": "conflict of a juror",
    "ReopenSheetForm": "chair's reopening",
    "RegistrationForm": "registration",
}


@pytest.fixture
def site(db, secretary):
    member = UserFactory(email="ana@lille.example", language="fr")
    authority = AuthorityFactory(
        name="Ville de Lille",
        country="FR",
        name_local="Ville de Lille",
        address=TEXT,
        website="https://lille.example/roms",
        contact_name="Ana Dumitru",
        contact_email="roms@lille.example",
    )
    authority.members.add(member)
    edition = EditionFactory(
        number=70,
        state=EditionState.OPEN,
        submission_deadline=(timezone.now() + timedelta(days=30)).replace(second=59, microsecond=0),
        ceremony_date=date(2026, 10, 21),
        ceremony_occasion={"en": "Congress session", "fr": "Session du Congrès"},
        score_step=Decimal("0.5"),
        jurors_per_entry=3,
        eligible_countries=["BE", "FR"],
        tie_break=["diversity"],
        signatories=[{"name": "A. Example", "role": {"en": "President", "fr": "Présidente"}}],
    )
    draft = submissions.entry_create(by=member, authority_id=authority.pk, edition_id=edition.pk)
    fill(draft, member, description={"en": TEXT}, budget=Decimal("1234567.50"), results=TEXT)
    submissions.photo_add(
        entry_id=draft.pk,
        by=member,
        upload=SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg"),
        **PHOTO_TEXT,
    )
    draft.refresh_from_db()
    alliance.profile_update(
        authority_id=authority.pk, by=member, language="fr", projects=TEXT, political="Maire"
    )
    ParticipationFactory(authority=authority, slug="lille")
    judging, scored, juror = _juror_at_work()
    deliberating, chair = _chair_deliberating()
    return Site(
        people={
            "member": member,
            "secretary": secretary,
            "juror": juror,
            "chair": chair,
            "visitor": None,
        },
        authority=authority,
        edition=edition,
        draft=draft,
        submitted=_submitted(edition),
        requested=ParticipationFactory(state="requested", accepted_on=None),
        judging=judging,
        scored=scored,
        deliberating=deliberating,
    )


@dataclass
class Site:
    people: dict
    authority: object
    edition: Edition
    draft: object
    submitted: object
    requested: object
    judging: Edition
    scored: object
    deliberating: Edition


def _submitted(edition):
    other = UserFactory()
    authority = AuthorityFactory(name="Gent")
    authority.members.add(other)
    entry = submissions.entry_create(by=other, authority_id=authority.pk, edition_id=edition.pk)
    fill(entry, other)
    submissions.photo_add(
        entry_id=entry.pk,
        by=other,
        upload=SimpleUploadedFile("p.jpg", jpeg_bytes(), content_type="image/jpeg"),
        **PHOTO_TEXT,
    )
    submissions.entry_transition(entry_id=entry.pk, action="submit", by=other)
    entry.refresh_from_db()
    return entry


def _juror_at_work():
    """A juror with a draft of decimal scores and comments."""
    edition = EditionFactory(number=71, state=EditionState.JUDGING, score_step=Decimal("0.5"))
    juror = JurorFactory(edition=edition, user=UserFactory(), terms_accepted_at=timezone.now())
    entry = EntryFactory(edition=edition, ref="scored", state="eligible")
    codes = list(edition.criteria.values_list("code", flat=True))
    jury.scores_save(
        assignment_id=Assignment.objects.create(juror=juror, entry=entry).pk,
        by=juror.user,
        values=dict.fromkeys(codes, "7.5"),
        comments={codes[0]: TEXT},
        overall=TEXT,
    )
    return edition, entry, juror.user


def _chair_deliberating():
    """A chair in deliberation, with a decision and a statement recorded."""
    deliberating = jury_at_work(jurors=2, entries=2, number=72)
    codes = list(deliberating.edition.criteria.values_list("code", flat=True))
    for assignment in Assignment.objects.filter(juror__edition=deliberating.edition):
        value = "8" if assignment.entry.ref == "e00" else "6"
        by = assignment.juror.user
        jury.scores_save(assignment_id=assignment.pk, by=by, values=dict.fromkeys(codes, value))
        jury.assignment_transition(action="submit", assignment_id=assignment.pk, by=by)
    Edition.objects.filter(pk=deliberating.edition.pk).update(state=EditionState.DELIBERATION)
    chair = deliberating.jurors[0].user
    jury.decision_record(
        edition_id=deliberating.edition.pk,
        by=chair,
        statements={"e00": {"en": "A school for all.", "fr": "Une école pour tous."}},
    )
    return deliberating.edition, chair


def snapshot() -> dict:
    """Every row of the project's apps, as plain values. Line ends are compared as LF:
    a browser sends a textarea with CRLF, which changes nobody's text."""
    rows = {}
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            skip = BOOKKEEPING | REWRITTEN.get(model._meta.label, set())
            fields = [f.attname for f in model._meta.concrete_fields if f.attname not in skip]
            values = model.objects.values_list(*fields)
            rows[model._meta.label] = sorted((_plain(list(row)) for row in values), key=repr)
    return rows


def changes(before: dict, after: dict) -> dict:
    """{model: (rows gone, rows new)} for the models whose rows differ."""
    found = {}
    for label, rows in before.items():
        gone = [row for row in rows if row not in after[label]]
        new = [row for row in after[label] if row not in rows]
        if gone or new:
            found[label] = (gone, new)
    return found


def _plain(value):
    if isinstance(value, str):
        return value.replace("\r\n", "\n")
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


# Signed anew on each page, with the time: the CSRF token and the entry form's marker
# that lets an expired session keep the text (submissions/views/entries.py).
PER_PAGE = {"csrfmiddlewaretoken", "resume"}


def typed(data: dict) -> dict:
    """What a person typed: not what each page signs anew, nor the bookkeeping."""
    return {k: v for k, v in data.items() if k not in BOOKKEEPING | PER_PAGE}


def _the_form(html: str, case: Case):
    found = [
        form
        for form in forms_of(html)
        if case.field in form.names() and (case.button is None or case.button in form.buttons)
    ]
    assert len(found) == 1, f"{len(found)} forms with a field {case.field!r}"
    return found[0]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", list(FORMS))
def test_a_form_sent_back_untouched_changes_nothing(client, site, name, language):
    case = FORMS[name]
    person = site.people[case.role]
    if person is not None:
        client.force_login(person)
    url = f"/{language}" + case.url.format(**vars(site))
    page = client.get(url)
    assert page.status_code == 200
    form = _the_form(page.text, case)
    assert form.invalid() == []
    data = form.entry_list(case.button)
    before = snapshot()
    response = client.post(form.action or url, data)
    assert response.status_code == case.status
    assert changes(before, snapshot()) == {}
    again = _the_form(client.get(url).text, case).entry_list(case.button)
    assert typed(again) == typed(data)


def test_what_the_browser_reads_is_what_was_stored(client, site):
    """The fields whose values were lost in French before (sanity check of the reader)."""
    client.force_login(site.people["secretary"])
    url = f"/fr/secretariat/editions/{site.edition.number}/"
    data = _the_form(client.get(url).text, FORMS["edition settings"]).entry_list()
    assert data["ceremony_date"] == ["2026-10-21"]
    assert data["project_start"] == ["2024-01-01"]
    assert data["score_step"] == ["0.50"]
    deadline = timezone.localtime(site.edition.submission_deadline)
    assert data["submission_deadline"] == [deadline.strftime("%Y-%m-%dT%H:%M:59")]


def test_every_form_is_listed():
    classes = {
        name
        for module in FORM_MODULES
        for name, value in vars(module).items()
        if inspect.isclass(value)
        and issubclass(value, forms.BaseForm)
        and value.__module__ == module.__name__
    }
    assert classes - NOT_EDIT_FORMS - set(FORM_CLASSES_LISTED) == set()
    assert set(FORM_CLASSES_LISTED.values()) <= set(FORMS)


@pytest.mark.parametrize("module", FORM_MODULES)
def test_dates_times_and_numbers_come_from_the_shared_fields(module):
    """prize/formfields.py writes them as their HTML type reads them; Django's own
    widgets write a date in the language's format (01/01/2024 in French)."""
    ours = (
        formfields.DateInput,
        formfields.DateTimeInput,
        formfields.TimeInput,
        formfields.NumberInput,
    )
    theirs = (forms.DateInput, forms.DateTimeInput, forms.TimeInput, forms.NumberInput)
    for value in vars(module).values():
        if inspect.isclass(value) and issubclass(value, forms.BaseForm):
            for name, field in value.base_fields.items():
                widget = field.widget
                if isinstance(widget, theirs):
                    assert isinstance(widget, ours), f"{value.__name__}.{name}"
