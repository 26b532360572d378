"""Authorities, members and entries for the submissions tests: real rows, real files."""

import io
import re
from datetime import date
from decimal import Decimal
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image
from reportlab.pdfgen.canvas import Canvas

from prize.enums import EditionState
from submissions import services
from submissions.models import Entry
from tests.factories import AuthorityFactory, EditionFactory, UserFactory


def jpeg_bytes(size=(64, 48), colour=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "JPEG")
    return buffer.getvalue()


def jpeg_upload(name="photo.jpg", **kwargs) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, jpeg_bytes(**kwargs), content_type="image/jpeg")


def pdf_bytes() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 700, "Annex")
    canvas.save()
    return buffer.getvalue()


PHOTO_TEXT = {
    "caption": "Children at the new school",
    "credit": "City of Ghent",
    "alt": "Six children reading in a classroom",
    "people": "consented",
}


def fill(entry: Entry, by, **overrides) -> Entry:
    """Give a draft every field the submit rules ask for, through the services."""
    fields = {
        "language": "en",
        "title": {"en": "Schools for all", "fr": "L’école pour tous"},
        "summary": {"en": "Roma children go to the same schools as everyone."},
        "description": {"en": "First paragraph.\n\n- one\n- two"},
        "project_start": date(2024, 3, 1),
        "project_end": date(2025, 6, 30),
        "budget": Decimal("120000.00"),
        "funding": "The city and the European Social Fund.",
        "partners": [{"name": "Roma Women's Association", "roma": True}],
        "participation": "Roma mediators designed the enrolment campaign.",
        "results": "300 more children enrolled.",
        "statements": {c.code: f"Statement for {c.code}." for c in entry.edition.criteria.all()},
        "consent_publication": True,
        **overrides,
    }
    entry.refresh_from_db()
    return services.entry_update(entry_id=entry.pk, by=by, version=entry.version, **fields)


@pytest.fixture
def edition(db):
    return EditionFactory(state=EditionState.OPEN)


@pytest.fixture
def member(db):
    return UserFactory(email="ana@ghent.example", language="en")


@pytest.fixture
def authority(member):
    authority = AuthorityFactory(name="City of Ghent", country="BE")
    authority.members.add(member)
    return authority


@pytest.fixture
def other_member(db):
    other = UserFactory(email="bob@lyon.example", language="fr")
    AuthorityFactory(name="Ville de Lyon", country="FR").members.add(other)
    return other


@pytest.fixture
def draft(edition, authority, member):
    return services.entry_create(by=member, authority_id=authority.pk, edition_id=edition.pk)


@pytest.fixture
def ready(draft, member):
    """A draft with every field and one photo: it can be submitted."""
    fill(draft, member)
    services.photo_add(entry_id=draft.pk, by=member, upload=jpeg_upload(), **PHOTO_TEXT)
    draft.refresh_from_db()
    return draft


RESUME = re.compile(r'name="resume" value="([^"]+)"')


def resume_marker(person, url: str) -> str:
    """The hidden marker of the entry form at `url` as it was rendered for `person`
    (logged in, in a browser of their own): what a POST after their session expired
    carries to keep the text for after login."""
    browser = Client()
    browser.force_login(person)
    return unescape(RESUME.search(browser.get(url).text).group(1))
