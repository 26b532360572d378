"""The demo editions, one per phase of the prize, each driven through the real services
from its creation to its phase: entries drafted and submitted by their authorities'
members, screened by the secretariat, scored by the jury, decided by the chair, approved
by a second person, published, and the certificates rendered by the worker's own
function. Nothing writes a state into a row, so the demo proves that the flow works.

Dates are relative to the day it runs: the open edition's deadline is ahead, the
others' behind (moved there by `edition_update` once the entries are in, as the
secretariat would to close a call)."""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone

from jury import services as jury
from jury.models import Assignment
from prize import services as prize
from prize.defaults import DEFAULT_CRITERIA
from prize.models import Edition
from results import services as results_services
from results.certificate_files import certificates_generate
from results.enums import CertificateStatus, RunState
from results.models import Certificate, CertificateRun
from submissions import services as submissions
from submissions.enums import CHECKLIST, PhotoPeople
from submissions.models import Entry

from . import data, texts
from .news import CALL_TEXT
from .photos import demo_photo

STRASBOURG = ZoneInfo("Europe/Paris")
CODES = [c["code"] for c in DEFAULT_CRITERIA]
NAMES = {
    data.PUBLISHED: ("Demo · results published", "Démo · résultats publiés"),
    data.DELIBERATION: ("Demo · jury deliberation", "Démo · délibération du jury"),
    data.JUDGING: ("Demo · jury scoring", "Démo · notation du jury"),
    data.SCREENING: ("Demo · eligibility screening", "Démo · examen de la recevabilité"),
    data.OPEN: ("Demo · open for entries", "Démo · appel à candidatures ouvert"),
}
OCCASION = {
    "en": "Demonstration only: not a real edition or ceremony of the prize",
    "fr": "Démonstration seulement : ni une vraie édition ni une vraie cérémonie du prix",
}
SIGNATORIES = [
    {"name": "Ada Demo", "role": {"en": "Chair of the demo jury", "fr": "Présidente du jury "
     "de démonstration"}},
    {"name": "Sam Example", "role": {"en": "Demo secretariat", "fr": "Secrétariat de "
     "démonstration"}},
]  # fmt: skip
# (juror key, country, organisation): one juror shares Spain with Villaejemplo, the one
# likely conflict the rules flag when the judging edition's jury starts scoring.
JURY = (
    ("chair", "BE", "Demo University"),
    ("juror", "IE", "Demo Institute"),
    ("juror2", "ES", "Demo Forum"),
    ("juror3", "PT", "Demo Foundation"),
)


@dataclass
class Cast:
    """The demo's people and authorities, by their keys in demo.data."""

    users: dict
    authorities: dict
    photo_seed: list = field(default_factory=lambda: [0])

    def user(self, key: str):
        return self.users[key]

    def next_seed(self) -> int:
        self.photo_seed[0] += 1
        return self.photo_seed[0]


def _deadline(day: date) -> datetime:
    return datetime.combine(day, time(23, 59), tzinfo=STRASBOURG)


def edition_open(
    cast: Cast, number: int, *, closes_in: int, ceremony: date | None, **fields
) -> Edition:
    """A new demo edition, its call open until `closes_in` days from today (`fields`:
    more of its settings, such as the call's text)."""
    today = timezone.localdate()
    en, fr = NAMES[number]
    edition = prize.edition_create(
        by=cast.user("secretariat"),
        number=number,
        year=today.year,
        name={"en": en, "fr": fr},
        project_start=date(today.year - 2, 1, 1),
        project_end=date(today.year - 1, 12, 31),
        submission_deadline=_deadline(today + timedelta(days=max(closes_in, 1))),
        ceremony_date=ceremony,
        ceremony_occasion=OCCASION,
        signatories=SIGNATORIES,
        **fields,
    )
    return results_services.edition_transition(
        edition_id=edition.pk,
        action="open_call",
        by=cast.user("secretariat"),
        note="Demonstration edition: invented authorities, people and projects.",
    )


def entry_draft(
    cast: Cast, edition: Edition, key: str, project: int, *, complete=True, photos=1
) -> Entry:
    """An authority's entry, saved as a draft by its member: every field, with `photos`
    photos, when `complete`; a title and a summary only otherwise."""
    member = cast.user(key)
    entry = submissions.entry_create(
        by=member, authority_id=cast.authorities[key].pk, edition_id=edition.pk
    )
    chosen = texts.PROJECTS[project % len(texts.PROJECTS)]
    language = data.PEOPLE_BY_KEY[key].language
    values = texts.fields(
        chosen,
        language=language,
        project_start=date(edition.project_start.year, 3, 1),
        project_end=date(edition.project_end.year, 10, 31),
    )
    values["budget"] = Decimal(values["budget"])
    if not complete:
        values = {k: values[k] for k in ("language", "title", "summary")}
    entry = submissions.entry_update(entry_id=entry.pk, by=member, version=entry.version, **values)
    for _n in range(photos if complete else 0):
        entry_photo(cast, entry, key, chosen)
    return entry


def entry_photo(cast: Cast, entry: Entry, key: str, project: texts.Project) -> None:
    caption = project.fr if entry.language == "fr" else project.en
    submissions.photo_add(
        entry_id=entry.pk,
        by=cast.user(key),
        upload=demo_photo(cast.next_seed()),
        caption=f"{caption} (demo)",
        credit="Demo picture, drawn for the demonstration",
        alt="A drawing of coloured shapes marked DEMO: houses, a school or a round table.",
        people=PhotoPeople.NONE,  # drawings: nobody to consent
    )


def entry_submit(cast: Cast, entry: Entry, key: str) -> Entry:
    return submissions.entry_transition(entry_id=entry.pk, action="submit", by=cast.user(key))


def entries_submitted(
    cast: Cast, edition: Edition, keys: list[str], offset: int, *, photos: dict | None = None
) -> dict:
    photos = photos or {}
    return {
        key: entry_submit(
            cast, entry_draft(cast, edition, key, offset + n, photos=photos.get(key, 1)), key
        )
        for n, key in enumerate(keys)
    }


def call_close(cast: Cast, edition: Edition, *, closed_days_ago: int) -> Edition:
    """The call's deadline passed weeks ago (the entries are in), then the call closed.

    The one write outside the services: no service moves an open call's deadline into
    the past (that rule is for people), and the demo cannot wait for the date to come."""
    secretary = cast.user("secretariat")
    past = _deadline(timezone.localdate() - timedelta(days=closed_days_ago))
    Edition.objects.filter(pk=edition.pk).update(submission_deadline=past)
    return results_services.edition_transition(
        edition_id=edition.pk, action="close_call", by=secretary
    )


def screen(cast: Cast, entry: Entry, action: str, **extra) -> Entry:
    if action == "mark_eligible":
        extra["checklist"] = {code: True for code, _label in CHECKLIST}
    return submissions.entry_transition(
        entry_id=entry.pk, action=action, by=cast.user("secretariat"), **extra
    )


def jury_seat(cast: Cast, edition: Edition) -> None:
    """The secretariat invites the jury; each member accepts the jury's terms."""
    for key, country, organisation in JURY:
        person = data.PEOPLE_BY_KEY[key]
        juror = jury.juror_invite(
            edition_id=edition.pk,
            by=cast.user("secretariat"),
            name=person.name,
            email=person.email,
            country=country,
            organisation=organisation,
            role="chair" if key == "chair" else "member",
            language=person.language,
        )
        jury.juror_accept_terms(juror_id=juror.pk, by=cast.user(key))


def judging_start(cast: Cast, edition: Edition) -> Edition:
    return results_services.edition_transition(
        edition_id=edition.pk, action="start_judging", by=cast.user("secretariat")
    )


def sheet(cast: Cast, edition: Edition, key: str, entry: Entry, values: list, *, submit=True):
    """A juror's scores for an entry, saved as the page's autosave does, then submitted."""
    assignment = Assignment.objects.get(
        juror__edition=edition, juror__user=cast.user(key), entry=entry
    )
    jury.scores_save(
        assignment_id=assignment.pk,
        by=cast.user(key),
        values={code: str(value) for code, value in zip(CODES, values, strict=False)},
        comments={CODES[0]: "Demo comment: a clear plan, well explained."},
    )
    if submit:
        jury.assignment_transition(assignment_id=assignment.pk, action="submit", by=cast.user(key))


def scores(base: list, juror: int) -> list:
    """A juror's variation on an entry's scores: each juror a little stricter or kinder
    on one criterion, the same for every entry, so ties stay ties."""
    varied = list(base)
    varied[juror % len(varied)] = max(0, min(10, varied[juror % len(varied)] + (juror - 1) / 2))
    return varied


def deliberation_start(cast: Cast, edition: Edition) -> Edition:
    return results_services.edition_transition(
        edition_id=edition.pk,
        action="start_deliberation",
        by=cast.user("secretariat"),
        confirmed=True,
    )


def scored(cast: Cast, edition: Edition, entries: dict, plan: dict) -> None:
    """Every juror submits a sheet for every entry of `plan` ({key: scores})."""
    for n, (juror_key, _country, _org) in enumerate(JURY):
        for key, base in plan.items():
            sheet(cast, edition, juror_key, entries[key], scores(base, n))


# The phases --------------------------------------------------------------------------


def build_published(cast: Cast) -> Edition:
    """Results published: three laureates with their pages, photos, the jury's
    statements and rendered certificates; one entry not awarded, one ineligible."""
    edition = edition_open(
        cast, data.PUBLISHED, closes_in=1, ceremony=timezone.localdate() - timedelta(days=30)
    )
    keys = ["authority", "demokoy", "deigma", "przyklad", "ejemplo"]
    laureates = {"authority": 2, "demokoy": 2, "deigma": 2}  # two photos on their pages
    entries = entries_submitted(cast, edition, keys, 0, photos=laureates)
    edition = call_close(cast, edition, closed_days_ago=200)
    for key in ("authority", "demokoy", "deigma", "przyklad"):
        screen(cast, entries[key], "mark_eligible")
    screen(cast, entries["ejemplo"], "mark_ineligible", note="Demo reason: the project ran "
           "before the edition's project period.")  # fmt: skip
    jury_seat(cast, edition)
    judging_start(cast, edition)
    plan = {
        "authority": [9, 9, 8.5, 9, 9],
        "demokoy": [8, 8.5, 8, 7.5, 8],
        "deigma": [7, 7.5, 7, 7, 7.5],
        "przyklad": [6, 5.5, 6, 6.5, 6],
    }
    scored(cast, edition, entries, plan)
    edition = deliberation_start(cast, edition)
    statements = {
        entries[key].ref: texts.jury_statement(texts.PROJECTS[n])
        for n, key in enumerate(("authority", "demokoy", "deigma"))
    }
    jury.decision_record(edition_id=edition.pk, by=cast.user("chair"), statements=statements)
    jury.decision_approve(edition_id=edition.pk, by=cast.user("approver"))
    return results_services.edition_transition(
        edition_id=edition.pk,
        action="publish",
        by=cast.user("secretariat"),
        note="Demonstration results.",
        confirmed=True,
    )


def certificates_render(edition: Edition) -> int:
    """What the task worker does after publication, done here by calling the worker's
    own function, so the demo needs no worker for its certificates. A run the immediate
    task backend (`make run`) already finished is left alone."""
    runs = CertificateRun.objects.filter(edition=edition).exclude(state=RunState.DONE)
    return sum(certificates_generate(run_id=run.pk).done for run in runs)


def certificate_to_verify():
    """The valid certificate of the demo authority's laureate (1st place of the published
    demo edition), whose number seed_demo prints for the README's walk, or None."""
    return (
        Certificate.objects.filter(
            edition__number=data.PUBLISHED,
            entry__authority__name=data.AUTHORITIES_BY_KEY["authority"].name,
            status=CertificateStatus.VALID,
        )
        .select_related("entry__authority")
        .first()
    )


def build_deliberation(cast: Cast) -> Edition:
    """Scores locked, every sheet in: 1st place clear, two entries tied for the 2nd,
    for the chair to record (then a second person of the secretariat approves)."""
    edition = edition_open(
        cast, data.DELIBERATION, closes_in=1, ceremony=timezone.localdate() + timedelta(days=40)
    )
    entries = entries_submitted(cast, edition, ["demokoy", "deigma", "exemple", "muster"], 2)
    edition = call_close(cast, edition, closed_days_ago=80)
    for entry in entries.values():
        screen(cast, entry, "mark_eligible")
    jury_seat(cast, edition)
    judging_start(cast, edition)
    tied = [8, 7.5, 8, 7, 7.5]
    plan = {"muster": [9, 9, 9, 8.5, 9], "deigma": tied, "exemple": tied, "demokoy": [6] * 5}
    scored(cast, edition, entries, plan)
    return deliberation_start(cast, edition)


def build_judging(cast: Cast) -> Edition:
    """The jury scores: the chair has submitted every sheet, two jurors some (one left as
    a draft with its scores typed), the demo juror has an autosaved draft and entries still
    to score, and one likely conflict (a juror
    from the same country as an authority) waits for the chair or the secretariat."""
    edition = edition_open(
        cast, data.JUDGING, closes_in=1, ceremony=timezone.localdate() + timedelta(days=90)
    )
    entries = entries_submitted(cast, edition, ["authority", "przyklad", "exemple", "ejemplo"], 4)
    edition = call_close(cast, edition, closed_days_ago=45)
    for entry in entries.values():
        screen(cast, entry, "mark_eligible")
    jury_seat(cast, edition)
    judging_start(cast, edition)  # flags juror2 (Spain) for Villaejemplo (Spain)
    base = {"authority": [8, 7, 8, 7.5, 8], "przyklad": [7, 6.5, 7, 7, 6], "exemple": [9] * 5}
    for key, values in base.items():
        sheet(cast, edition, "chair", entries[key], values)
        sheet(cast, edition, "juror2", entries[key], scores(values, 2), submit=key != "exemple")
    sheet(cast, edition, "chair", entries["ejemplo"], [7, 7, 7, 7, 7])
    for key in ("authority", "przyklad"):
        sheet(cast, edition, "juror3", entries[key], scores(base[key], 3))
    sheet(cast, edition, "juror", entries["authority"], [8, 7.5], submit=False)  # autosaved
    return edition


def build_screening(cast: Cast) -> Edition:
    """Eligibility screening: three entries to check (one of an authority not verified
    yet), one eligible already, one waiting for more information from its authority."""
    edition = edition_open(cast, data.SCREENING, closes_in=1, ceremony=None)
    entries = entries_submitted(
        cast, edition, ["authority", "demokoy", "deigma", "muster", "esimerkki"], 6
    )
    edition = call_close(cast, edition, closed_days_ago=10)
    screen(cast, entries["deigma"], "mark_eligible")
    screen(
        cast,
        entries["authority"],
        "request_info",
        note="Demo request: please add the number of Roma families who took part in 2025.",
        reply_by=timezone.localdate() + timedelta(days=14),
    )
    return edition


def build_open(cast: Cast) -> Edition:
    """Open for entries, the deadline ahead: two entries submitted, two drafts (the demo
    authority's has only a title and a summary so far), and the call's text in both
    languages."""
    edition = edition_open(
        cast,
        data.OPEN,
        closes_in=75,
        ceremony=None,
        call_text_en=CALL_TEXT["en"],
        call_text_fr=CALL_TEXT["fr"],
    )
    entries_submitted(cast, edition, ["demokoy", "ejemplo"], 1)
    entry_draft(cast, edition, "authority", 3, complete=False)
    entry_draft(cast, edition, "przyklad", 5, complete=True)
    return edition


BUILDERS = {
    data.PUBLISHED: build_published,
    data.DELIBERATION: build_deliberation,
    data.JUDGING: build_judging,
    data.SCREENING: build_screening,
    data.OPEN: build_open,
}


def editions_build(cast: Cast, *, write=lambda line: None) -> list[Edition]:
    """Build each demo edition that does not exist yet, each in its own transaction
    (its mails and the certificate task follow its commit). Returns those built."""
    built = []
    for number, builder in BUILDERS.items():
        if Edition.objects.filter(number=number).exists():
            continue
        with transaction.atomic():
            edition = builder(cast)
        if number == data.PUBLISHED:
            certificates_render(edition)
        write(f"Built the demo edition “{edition.name['en']}” (number {number}).")
        built.append(edition)
    return built
