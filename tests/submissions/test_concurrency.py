"""Two clicks at once: the row lock and the state check let exactly one submit through.
Real threads need a database server with row locks, so this runs on the PostgreSQL leg."""

import threading

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection

from submissions import services
from submissions.enums import EntryState
from submissions.models import Entry, EntryTransition
from tests.factories import AuthorityFactory, EditionFactory, UserFactory
from tests.submissions.conftest import PHOTO_TEXT, fill, jpeg_upload

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        getattr(settings, "TEST_BACKEND", "") != "postgres",
        reason="SQLite has no row locks; the PostgreSQL leg of the same run covers this",
    ),
]


def test_eight_simultaneous_submits_make_one_submission_and_one_email():
    member = UserFactory()
    authority = AuthorityFactory(country="BE")
    authority.members.add(member)
    edition = EditionFactory(state="open")
    entry = services.entry_create(by=member, authority_id=authority.pk, edition_id=edition.pk)
    fill(entry, member)
    services.photo_add(entry_id=entry.pk, by=member, upload=jpeg_upload(), **PHOTO_TEXT)
    barrier = threading.Barrier(8)
    outcomes = []

    def click():
        barrier.wait()
        try:
            services.entry_transition(entry_id=entry.pk, action="submit", by=member)
            outcomes.append("submitted")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["This entry was already submitted."] * 7 + ["submitted"]
    assert Entry.objects.get(pk=entry.pk).state == EntryState.SUBMITTED
    assert EntryTransition.objects.filter(entry=entry, action="submit").count() == 1
    assert len(mail.outbox) == 1
