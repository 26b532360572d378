"""Authorities, their people and Alliance requests: real rows, real PDF files."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from alliance import services
from tests.factories import AuthorityFactory, JurorFactory, UserFactory
from tests.submissions.conftest import pdf_bytes

ANSWERS = {
    "commitment": "The city council adopted a Roma inclusion strategy in 2023.",
    "activities": "Roma mediators work in every primary school.",
    "dialogue": "A Roma advisory board meets the mayor every month.",
}


def letter_upload(name="letter.pdf", content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_bytes() if content is None else content, "application/pdf")


def ask(authority, by, **overrides):
    """Ask to join through the service, with every required part unless overridden."""
    data = {**ANSWERS, "letter": letter_upload(), **overrides}
    return services.participation_request(authority_id=authority.pk, by=by, **data)


@pytest.fixture
def member(db):
    return UserFactory(email="ana@kragujevac.example", name="Ana Petrović", language="en")


@pytest.fixture
def colleague(db):
    return UserFactory(email="luc@kragujevac.example", name="Luc Martin", language="fr")


@pytest.fixture
def authority(member, colleague):
    authority = AuthorityFactory(name="Крагујевац", country="RS", verified_at=timezone.now())
    authority.members.add(member, colleague)
    return authority


@pytest.fixture
def stranger(db):
    """A member of another authority."""
    other = UserFactory(email="bob@lyon.example", language="fr")
    AuthorityFactory(name="Ville de Lyon", country="FR").members.add(other)
    return other


@pytest.fixture
def juror(db):
    return JurorFactory(user=UserFactory(email="judge@example.org")).user


@pytest.fixture
def requested(authority, member):
    return ask(authority, member)
