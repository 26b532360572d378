"""The fuzz suite's settings profile and the worlds its examples run in.

Runs are reproducible and bounded: derandomized (the same examples on every run, no
example database), no deadline, a few examples per form. DOSTA_FUZZ_EXAMPLES raises the
number for a deep local run, e.g. `DOSTA_FUZZ_EXAMPLES=500 pytest tests/fuzz`."""

import os
from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import HealthCheck, settings

from jury.models import Assignment, Conflict
from prize.enums import EditionState
from submissions import services
from submissions.models import Entry
from tests.factories import AuthorityFactory, EditionFactory, EntryFactory, JurorFactory
from tests.factories import UserFactory as _UserFactory
from tests.jury.conftest import board  # noqa: F401  (a fixture used here)
from tests.results.conftest import decided  # noqa: F401  (a fixture used here)
from tests.submissions.conftest import PHOTO_TEXT, fill, jpeg_upload, pdf_bytes

EXAMPLES = int(os.environ.get("DOSTA_FUZZ_EXAMPLES", "12"))

settings.register_profile(
    "fuzz",
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=EXAMPLES,
    print_blob=False,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
        HealthCheck.filter_too_much,
    ],
)


def fuzz_settings(share: float = 1.0) -> settings:
    """The fuzz profile with `share` of its examples (the refused role needs fewer)."""
    return settings(settings.get_profile("fuzz"), max_examples=max(2, round(EXAMPLES * share)))


@dataclass
class People:
    secretary: object
    other_secretary: object
    member_a: object
    member_b: object
    newcomer: object
    authority_a: object
    authority_b: object


@pytest.fixture
def people(db, secretary) -> People:
    member_a = _UserFactory(email="ana@ghent.example", language="en")
    member_b = _UserFactory(email="bob@lyon.example", language="fr")
    authority_a = AuthorityFactory(name="City of Ghent", country="BE")
    authority_a.members.add(member_a)
    authority_b = AuthorityFactory(name="Ville de Lyon", country="FR", verified_at=timezone.now())
    authority_b.members.add(member_b)
    return People(
        secretary=secretary,
        other_secretary=_UserFactory(is_secretariat=True, is_staff=True),
        member_a=member_a,
        member_b=member_b,
        newcomer=_UserFactory(email="new@example.org"),
        authority_a=authority_a,
        authority_b=authority_b,
    )


@dataclass
class Call:
    edition: object
    draft: Entry  # authority A's draft, with a photo and an attachment
    submitted: Entry  # authority A's submitted entry
    other: Entry  # authority B's draft


@pytest.fixture
def call(people) -> Call:
    """An open edition with a draft (one photo, one attachment) and a submitted entry of
    authority A, and a draft of authority B."""
    edition = EditionFactory(state=EditionState.OPEN, number=101)
    member = people.member_a
    draft = services.entry_create(
        by=member, authority_id=people.authority_a.pk, edition_id=edition.pk
    )
    fill(draft, member)
    services.photo_add(entry_id=draft.pk, by=member, upload=jpeg_upload(), **PHOTO_TEXT)
    services.attachment_add(
        entry_id=draft.pk,
        by=member,
        upload=SimpleUploadedFile("annex.pdf", pdf_bytes(), content_type="application/pdf"),
    )
    submitted = EntryFactory(
        edition=edition, authority=people.authority_a, ref="ghent-sent", state="submitted"
    )
    other = services.entry_create(
        by=people.member_b, authority_id=people.authority_b.pk, edition_id=edition.pk
    )
    draft.refresh_from_db()
    return Call(edition=edition, draft=draft, submitted=submitted, other=other)


@dataclass
class Jury:
    edition: object
    juror: object  # has accepted the terms; assignment of `entry` in draft
    conflicted: object  # declared a conflict with `entry`
    chair: object
    entry: Entry
    assignment: Assignment


@pytest.fixture
def jury(people) -> Jury:
    """An edition in judging: a juror scoring an entry, a conflicted juror, the chair."""
    edition = EditionFactory(
        state=EditionState.JUDGING,
        number=55,
        submission_deadline=timezone.now() - timedelta(days=3),
    )
    entry = EntryFactory(edition=edition, authority=people.authority_a, ref="ja", state="eligible")
    EntryFactory(edition=edition, authority=people.authority_b, ref="jb", state="eligible")
    now = timezone.now()
    juror = JurorFactory(edition=edition, ref="j1", user=_UserFactory(), terms_accepted_at=now)
    conflicted = JurorFactory(edition=edition, ref="j2", user=_UserFactory(), terms_accepted_at=now)
    chair = JurorFactory(
        edition=edition, ref="chair", role="chair", user=_UserFactory(), terms_accepted_at=now
    )
    assignment = Assignment.objects.create(juror=juror, entry=entry)
    Conflict.objects.create(juror=conflicted, entry=entry, reason="My cousin works there.")
    return Jury(edition, juror, conflicted, chair, entry, assignment)
