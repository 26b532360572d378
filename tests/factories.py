"""factory_boy factories: real rows in the real database, nothing mocked."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import User
from accounts.services import user_secretariat_set
from alliance.models import Participation
from jury.enums import DecisionSource
from jury.models import Assignment, Decision, Juror, Result
from prize.defaults import DEFAULT_CRITERIA
from prize.enums import EditionState
from prize.models import Criterion, Edition
from submissions.models import Authority, Entry

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    name = factory.Faker("name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def persist(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    @factory.post_generation
    def is_secretariat(obj, create, extracted, **kwargs):
        """UserFactory(is_secretariat=True): staff in the Secretariat group."""
        if create and extracted:
            user_secretariat_set(user=obj, member=True)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        skip_postgeneration_save = True

    number = factory.Sequence(lambda n: 100 + n)
    name = factory.LazyAttribute(
        lambda o: {"en": f"Edition {o.number}", "fr": f"Édition {o.number}"}
    )
    year = 2026
    project_start = date(2024, 1, 1)
    project_end = date(2025, 12, 31)
    submission_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))
    ceremony_place = "Strasbourg"

    @factory.post_generation
    def criteria(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            Criterion.objects.bulk_create(
                Criterion(
                    edition=obj,
                    code=c["code"],
                    name=c["name"],
                    weight=Decimal(1),
                    max_score=10,
                    order=i,
                )
                for i, c in enumerate(DEFAULT_CRITERIA)
            )


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Authority

    name = factory.Sequence(lambda n: f"Municipality number {n}")
    kind = "municipality"
    country = "FR"


class EntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Entry

    edition = factory.SubFactory(EditionFactory)
    authority = factory.SubFactory(AuthorityFactory)
    ref = factory.Sequence(lambda n: f"entry-{n}")
    title = factory.LazyAttribute(lambda o: {"en": f"Project {o.ref}"})
    summary = {"en": "A project for Roma and Travellers."}
    state = "submitted"


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    edition = factory.SubFactory(EditionFactory)
    source = DecisionSource.IMPORTED


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    decision = factory.SubFactory(DecisionFactory)
    entry = factory.SubFactory(
        EntryFactory, edition=factory.SelfAttribute("..decision.edition"), state="awarded"
    )
    place = 1
    ex_aequo = False


class JurorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Juror

    edition = factory.SubFactory(EditionFactory)
    ref = factory.Sequence(lambda n: f"j{n}")
    name = factory.Faker("name")
    email = factory.Sequence(lambda n: f"juror{n}@example.org")
    country = "FR"


def published_edition(number: int, laureates: int = 3):
    """An archived edition whose results are public: one laureate per place."""
    edition = EditionFactory(number=number, state=EditionState.ARCHIVED, places=laureates)
    decision = DecisionFactory(edition=edition)
    for place in range(1, laureates + 1):
        ResultFactory(decision=decision, place=place)
    return edition


@dataclass
class JuryAtWork:
    """An edition whose jury is scoring: its jurors (the first is the chair), its
    eligible entries (each with an authority and one member) and every assignment."""

    edition: Edition
    jurors: list[Juror]
    entries: list[Entry]
    members: list[User]


def jury_at_work(*, jurors: int, entries: int, number: int = 60) -> JuryAtWork:
    """An edition in the judging state: `jurors` jurors with accounts who accepted the
    terms, `entries` eligible entries, every entry given to every juror. Certificates of
    participation are on, so every ranked entry gets one."""
    edition = EditionFactory(
        number=number,
        state=EditionState.JUDGING,
        places=1,
        participation_certificates=True,
        signatories=[{"name": "A. Example", "role": {"en": "President", "fr": "Président"}}],
    )
    seats = [
        JurorFactory(
            edition=edition,
            ref=f"j{i:02d}",
            role="chair" if i == 0 else "member",
            user=UserFactory(email=f"juror{i:02d}@jury.example"),
            terms_accepted_at=timezone.now(),
        )
        for i in range(jurors)
    ]
    members, rows = [], []
    for i in range(entries):
        member = UserFactory(email=f"member{i:02d}@town.example")
        authority = AuthorityFactory(name=f"Town number {i}")
        authority.members.add(member)
        rows.append(
            EntryFactory(edition=edition, authority=authority, ref=f"e{i:02d}", state="eligible")
        )
        members.append(member)
    Assignment.objects.bulk_create(Assignment(juror=j, entry=e) for j in seats for e in rows)
    return JuryAtWork(edition=edition, jurors=seats, entries=rows, members=members)


def ranked_edition(*, number: int, entries: int, laureates: int = 3) -> Edition:
    """A published edition of `entries` ranked entries (the first `laureates` awarded)
    with certificates of participation for the others: as many certificates as entries.
    Built in bulk, as a big edition would be slow entry by entry."""
    edition = EditionFactory(
        number=number,
        state=EditionState.PUBLISHED,
        participation_certificates=True,
        signatories=[{"name": "A. Example", "role": {"en": "President", "fr": "Président"}}],
    )
    authorities = Authority.objects.bulk_create(
        Authority(name=f"Municipality of Şişli {i}", kind="municipality", country="TR")
        for i in range(entries)
    )
    rows = Entry.objects.bulk_create(
        Entry(
            edition=edition,
            authority=a,
            ref=f"e{i:03d}",
            state="awarded" if i < laureates else "not_awarded",
            title={"en": f"Project {i}"},
        )
        for i, a in enumerate(authorities)
    )
    decision = Decision.objects.create(edition=edition, source=DecisionSource.IMPORTED)
    Result.objects.bulk_create(
        Result(decision=decision, entry=e, place=i + 1) for i, e in enumerate(rows[:laureates])
    )
    return edition


class ParticipationFactory(factory.django.DjangoModelFactory):
    """An Alliance participation in any state, with a small real PDF as its letter."""

    class Meta:
        model = Participation

    authority = factory.SubFactory(AuthorityFactory)
    slug = factory.Sequence(lambda n: f"participant-{n}")
    state = "accepted"
    commitment = "The city council adopted a Roma inclusion strategy."
    activities = "Roma mediators in every school."
    dialogue = "A Roma advisory board meets every month."
    letter = factory.django.FileField(filename="letter.pdf", data=b"%PDF-1.4\n%%EOF\n")
    letter_name = "letter.pdf"
    accepted_on = factory.LazyFunction(timezone.localdate)
