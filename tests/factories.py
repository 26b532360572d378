"""factory_boy factories: real rows in the real database, nothing mocked."""

from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.models import User
from alliance.models import Participation
from jury.enums import DecisionSource
from jury.models import Decision, Juror, Result
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
