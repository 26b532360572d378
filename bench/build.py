"""The benchmark's data: a large edition in deliberation, a published one, an open call,
and a large published edition whose certificates are to be issued.

Rows are created in bulk (150,000 scores one by one would take an hour), but they are
the rows the services would have written: entries screened eligible and submitted,
every juror assigned every entry (no conflicts) with submitted scores on the edition's
step, the chair a user with a seat, photos processed by the upload pipeline and stored
in the configured storage (S3 in the benchmark).
"""

import io
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from PIL import Image

from accounts.models import User
from jury.enums import AssignmentState, DecisionSource, JurorRole
from jury.models import Assignment, Decision, Juror, Result, Score
from prize.defaults import DEFAULT_CRITERIA
from prize.enums import PUBLIC_RESULT_STATES, EditionState
from prize.models import Criterion, Edition
from submissions.enums import AuthorityKind, EntryState
from submissions.files import photo_process
from submissions.models import Authority, Entry, Photo

HISTORY = Path(settings.BASE_DIR) / "prize" / "data" / "dosta-history.json"
PASSWORD = "bench-password-not-secret-42"
COUNTRIES = ("FR", "DE", "IT", "ES", "RO", "BG", "HU", "SK", "CZ", "PL", "RS", "MK", "AL", "TR")
BATCH = 5000


@dataclass(frozen=True)
class JuryEdition:
    edition: Edition
    chair: User
    entries: int
    scores: int
    photos: int


@dataclass(frozen=True)
class OpenCall:
    entry: Entry
    member: User


def sample_photo(size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A JPEG with some structure (a gradient), so renditions are realistic in size."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def stored_photo_files(count: int, *, size: tuple[int, int] = (1600, 1200)) -> list[dict]:
    """`count` sets of stored files (original, large, thumb), each under its own name,
    made once by the upload pipeline and saved `count` times in parallel."""
    processed = photo_process(SimpleUploadedFile("bench.jpg", sample_photo(size)))
    parts = {
        "file": processed.content,
        "large": processed.renditions["large"],
        "thumb": processed.renditions["thumb"],
    }

    def save(_n: int) -> dict:
        names = {
            field: default_storage.save(
                f"private/photos/bench.{processed.extension}", ContentFile(content)
            )
            for field, content in parts.items()
        }
        return {**names, "width": processed.width, "height": processed.height}

    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(save, range(count)))


def build_jury_edition(
    *, number: int, entries: int, jurors: int = 15, criteria: int = 5, photos: int = 0
) -> JuryEdition:
    """An edition in deliberation: every juror scored and submitted every entry."""
    rng = random.Random(number)
    with transaction.atomic():
        edition = _edition(number, EditionState.DELIBERATION, criteria)
        codes = list(edition.criteria.order_by("order").values_list("pk", flat=True))
        entry_ids = _entries(edition, entries, EntryState.ELIGIBLE)
        chair, seats = _jury(edition, jurors)
        assignment_ids = _assignments(seats, entry_ids)
        scores = _scores(assignment_ids, codes, rng)
    if photos:
        _photos(entry_ids[:photos], people="consented")
    return JuryEdition(edition, chair, len(entry_ids), scores, min(photos, len(entry_ids)))


def build_public_edition() -> tuple[Edition, Entry]:
    """The seven past editions, imported as an operator would, and the latest one's
    first laureate with three public photos. Returns that edition and that entry."""
    call_command("import_edition", str(HISTORY), stdout=io.StringIO())
    edition = Edition.objects.filter(state__in=PUBLIC_RESULT_STATES).order_by("-number").first()
    entry = (
        Entry.objects.filter(edition=edition, state=EntryState.AWARDED)
        .order_by("result__place", "ref")
        .first()
    )
    Entry.objects.filter(pk=entry.pk).update(consent_publication=True)
    _photos([entry.pk] * 3, people="consented")
    entry.refresh_from_db()
    return edition, entry


def build_open_call(*, number: int) -> OpenCall:
    """An open edition with one authority member and their draft entry."""
    edition = _edition(number, EditionState.OPEN, 5)
    member = User.objects.create_user(f"member-{number}@bench.example", PASSWORD, name="Member")
    [entry_id] = _entries(edition, 1, EntryState.DRAFT)
    entry = Entry.objects.select_related("authority").get(pk=entry_id)
    entry.authority.members.add(member)
    return OpenCall(entry, member)


def build_certificate_edition(*, number: int, entries: int, laureates: int = 3) -> Edition:
    """A published edition of `entries` ranked entries, `laureates` of them awarded, that
    issues certificates of participation to the others: as many certificates as entries,
    none issued yet. Authorities are named in the scripts of the member States."""
    with transaction.atomic():
        edition = _edition(number, EditionState.PUBLISHED, 5)
        Edition.objects.filter(pk=edition.pk).update(
            participation_certificates=True,
            ceremony_place="Strasbourg",
            ceremony_occasion={
                "en": "53rd Session of the Congress",
                "fr": "53e session du Congrès",
            },
            signatories=[
                {
                    "name": "A. Example",
                    "role": {"en": "President of the Congress", "fr": "Président du Congrès"},
                },
                {
                    "name": "B. Sample",
                    "role": {
                        "en": "Dosta! campaign ambassador",
                        "fr": "Ambassadrice de la campagne Dosta!",
                    },
                },
            ],
        )
        entry_ids = _entries(edition, entries, EntryState.NOT_AWARDED)
        places = ("Şişli", "Surčin", "Jyväskylä", "Крагујевац", "Reggio nell’Emilia", "Ghent")
        authorities = list(Authority.objects.filter(entries__in=entry_ids).order_by("pk"))
        for n, authority in enumerate(authorities):
            authority.name = f"Municipality of {places[n % len(places)]} {n}"
        Authority.objects.bulk_update(authorities, ["name"], batch_size=BATCH)
        Entry.objects.filter(pk__in=entry_ids[:laureates]).update(state=EntryState.AWARDED)
        decision = Decision.objects.create(edition=edition, source=DecisionSource.IMPORTED)
        Result.objects.bulk_create(
            Result(decision=decision, entry_id=entry_id, place=place)
            for place, entry_id in enumerate(entry_ids[:laureates], start=1)
        )
    edition.refresh_from_db()
    return edition


# --- the parts ------------------------------------------------------------------------


def _edition(number: int, state: str, criteria: int) -> Edition:
    edition = Edition(
        number=number,
        name={"en": f"Benchmark edition {number}", "fr": f"Édition d’essai {number}"},
        year=2026,
        project_start=date(2024, 1, 1),
        project_end=date(2025, 12, 31),
        submission_deadline=timezone.now() + timedelta(days=30),
        ceremony_date=date(2026, 10, 20),
        places=3,
        signatories=[{"name": "A. Chair", "role": {"en": "Chair", "fr": "Présidente"}}],
    )
    edition.full_clean(exclude=["state"])
    edition.save()
    Edition.objects.filter(pk=edition.pk).update(state=state)  # the lifecycle is not measured
    edition.refresh_from_db()
    specs = (DEFAULT_CRITERIA * (criteria // len(DEFAULT_CRITERIA) + 1))[:criteria]
    Criterion.objects.bulk_create(
        Criterion(
            edition=edition,
            code=f"{spec['code']}-{i}" if i >= len(DEFAULT_CRITERIA) else spec["code"],
            name=spec["name"],
            weight=Decimal(1),
            max_score=10,
            order=i,
        )
        for i, spec in enumerate(specs)
    )
    return edition


def _entries(edition: Edition, count: int, state: str) -> list[int]:
    now = timezone.now()
    authorities = Authority.objects.bulk_create(
        (
            Authority(
                name=f"Municipality {edition.number}-{n}",
                kind=AuthorityKind.MUNICIPALITY,
                country=COUNTRIES[n % len(COUNTRIES)],
                verified_at=now,
            )
            for n in range(count)
        ),
        batch_size=BATCH,
    )
    submitted = state != EntryState.DRAFT
    codes = list(edition.criteria.values_list("code", flat=True))
    entries = Entry.objects.bulk_create(
        (
            Entry(
                edition=edition,
                authority=authority,
                ref=f"b{edition.number}-{n:05d}",
                title={"en": f"Project {n} for Roma inclusion", "fr": f"Projet {n}"},
                summary={"en": "Roma and Traveller families and the city, together."},
                description={"en": "First paragraph.\n\nSecond paragraph."},
                project_start=date(2024, 3, 1),
                project_end=date(2025, 6, 30),
                budget=Decimal("120000.00"),
                partners=[{"name": "Roma Women's Association", "roma": True}],
                participation="Roma mediators designed it.",
                results="300 more children enrolled.",
                statements={code: f"Statement for {code}." for code in codes},
                consent_publication=True,
                state=state,
                submitted_at=now if submitted else None,
            )
            for n, authority in enumerate(authorities)
        ),
        batch_size=BATCH,
    )
    return [e.pk for e in entries]


def _jury(edition: Edition, count: int) -> tuple[User, list[Juror]]:
    chair = User.objects.create_user(
        f"chair-{edition.number}@bench.example", PASSWORD, name="Chair"
    )
    now = timezone.now()
    seats = Juror.objects.bulk_create(
        Juror(
            edition=edition,
            ref=f"j{n:02d}",
            name=f"Juror {n:02d}",
            email=f"juror{n}-{edition.number}@bench.example",
            country=COUNTRIES[n % len(COUNTRIES)],
            role=JurorRole.CHAIR if n == 0 else JurorRole.MEMBER,
            invited_at=now,
            terms_accepted_at=now,
            user=chair if n == 0 else None,
        )
        for n in range(count)
    )
    return chair, seats


def _assignments(seats: list[Juror], entry_ids: list[int]) -> list[int]:
    now = timezone.now()
    made = Assignment.objects.bulk_create(
        (
            Assignment(
                juror=juror, entry_id=entry_id, state=AssignmentState.SUBMITTED, submitted_at=now
            )
            for juror in seats
            for entry_id in entry_ids
        ),
        batch_size=BATCH,
    )
    return [a.pk for a in made]


def _scores(assignment_ids: list[int], criterion_ids: list[int], rng: random.Random) -> int:
    # Scores on the edition's step (0.5) from 0 to 10, as the scoring form accepts them.
    steps = [Decimal(n) / 2 for n in range(21)]
    scores = (
        Score(assignment_id=a, criterion_id=c, value=rng.choice(steps))
        for a in assignment_ids
        for c in criterion_ids
    )
    made = 0
    batch: list[Score] = []
    for score in scores:
        batch.append(score)
        if len(batch) == BATCH:
            made += len(Score.objects.bulk_create(batch))
            batch = []
    if batch:
        made += len(Score.objects.bulk_create(batch))
    return made


def _photos(entry_ids: list[int], *, people: str) -> None:
    files = stored_photo_files(len(entry_ids))
    Photo.objects.bulk_create(
        Photo(
            entry_id=entry_id,
            original_name="bench.jpg",
            caption={"en": "A street festival"},
            credit="Bench",
            alt={"en": "People dancing in a street"},
            people=people,
            order=n,
            **stored,
        )
        for n, (entry_id, stored) in enumerate(zip(entry_ids, files, strict=True))
    )
