"""`manage.py purge`: what the retention periods (settings.RETENTION_DAYS) no longer allow
to keep is deleted, with real rows and files; --dry-run counts and deletes nothing."""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone

from accounts.models import LoginFailure, User
from accounts.personal_data import (
    login_failures_purge,
    sessions_purge,
    unconfirmed_accounts_purge,
)
from prize.enums import EditionState
from prize.models import Edition
from submissions import services as submissions
from submissions.models import Entry
from submissions.personal_data import draft_entries_purge
from tests.factories import PASSWORD, AuthorityFactory, EditionFactory, UserFactory
from tests.submissions.conftest import PHOTO_TEXT, fill, jpeg_upload

pytestmark = pytest.mark.django_db

DAYS = settings.RETENTION_DAYS


def ago(days: float):
    return timezone.now() - timedelta(days=days)


def session(expires) -> str:
    store = SessionStore()
    store["_auth_user_id"] = "1"
    store.create()
    Session.objects.filter(session_key=store.session_key).update(expire_date=expires)
    return store.session_key


def test_expired_sessions_are_deleted_and_live_ones_kept():
    old, live = session(ago(1)), session(ago(-1))
    assert sessions_purge(now=timezone.now(), dry_run=True) == 1
    assert Session.objects.count() == 2
    assert sessions_purge(now=timezone.now()) == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [live]
    assert old != live


def unconfirmed(email, joined_days_ago, **fields) -> User:
    user = UserFactory(email=email, is_active=False, **fields)
    User.objects.filter(pk=user.pk).update(date_joined=ago(joined_days_ago))
    return user


def test_never_confirmed_accounts_go_after_their_period_and_no_one_else():
    limit = DAYS["unconfirmed_accounts"]
    gone = unconfirmed("old@town.example", limit + 1)
    recent = unconfirmed("new@town.example", limit - 1)
    logged_in_once = unconfirmed("was@town.example", limit + 1, last_login=ago(limit + 1))
    invited = UserFactory(email="invited@coe.example", is_active=False)
    invited.set_unusable_password()
    invited.save()
    User.objects.filter(pk=invited.pk).update(date_joined=ago(limit + 1))
    active = UserFactory(email="active@town.example")
    User.objects.filter(pk=active.pk).update(date_joined=ago(limit + 100))
    assert unconfirmed_accounts_purge(now=timezone.now()) == 1
    left = set(User.objects.values_list("email", flat=True))
    assert gone.email not in left
    assert {recent.email, logged_in_once.email, invited.email, active.email} <= left


def test_old_failed_logins_go():
    LoginFailure.objects.create(
        email="a@b.example", ip="192.0.2.1", at=ago(DAYS["login_failures"] + 1)
    )
    LoginFailure.objects.create(email="a@b.example", ip="192.0.2.1", at=ago(1))
    assert login_failures_purge(now=timezone.now()) == 1
    assert LoginFailure.objects.count() == 1


@pytest.fixture
def closed_edition_with_entries():
    """An edition whose deadline passed long ago, with a draft holding a photo and an
    entry that was submitted, and an open edition with a draft."""
    member = UserFactory()
    authority = AuthorityFactory(name="Town of Drafts")
    authority.members.add(member)
    edition = EditionFactory(state=EditionState.OPEN)
    draft = submissions.entry_create(by=member, authority_id=authority.pk, edition_id=edition.pk)
    submissions.photo_add(entry_id=draft.pk, by=member, upload=jpeg_upload(), **PHOTO_TEXT)
    other, colleague = AuthorityFactory(name="Town of Entries"), UserFactory()
    other.members.add(colleague)
    sent = submissions.entry_create(by=colleague, authority_id=other.pk, edition_id=edition.pk)
    fill(sent, colleague)
    submissions.photo_add(entry_id=sent.pk, by=colleague, upload=jpeg_upload(), **PHOTO_TEXT)
    submissions.entry_transition(entry_id=sent.pk, action="submit", by=colleague)
    Edition.objects.filter(pk=edition.pk).update(
        state=EditionState.SCREENING,
        submission_deadline=ago(DAYS["draft_entries"] + 1),
    )
    open_edition = EditionFactory(state=EditionState.OPEN)
    open_draft = submissions.entry_create(
        by=member, authority_id=authority.pk, edition_id=open_edition.pk
    )
    return draft, sent, open_draft


def test_unsubmitted_drafts_of_closed_editions_go_with_their_files(
    closed_edition_with_entries, django_capture_on_commit_callbacks
):
    draft, sent, open_draft = closed_edition_with_entries
    photo = draft.photos.get()
    names = [photo.file.name, photo.large.name, photo.thumb.name]
    assert all(default_storage.exists(name) for name in names)
    assert draft_entries_purge(now=timezone.now(), dry_run=True) == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert draft_entries_purge(now=timezone.now()) == 1
    assert set(Entry.objects.values_list("pk", flat=True)) == {sent.pk, open_draft.pk}
    assert not any(default_storage.exists(name) for name in names)
    assert default_storage.exists(sent.photos.get().file.name)


def test_a_draft_is_kept_until_its_period_after_the_deadline(closed_edition_with_entries):
    draft, _sent, _open = closed_edition_with_entries
    Edition.objects.filter(pk=draft.edition_id).update(
        submission_deadline=ago(DAYS["draft_entries"] - 1)
    )
    assert draft_entries_purge(now=timezone.now()) == 0
    assert Entry.objects.filter(pk=draft.pk).exists()


def test_the_command_counts_with_dry_run_then_deletes(
    closed_edition_with_entries, django_capture_on_commit_callbacks
):
    session(ago(1))
    unconfirmed("old@town.example", DAYS["unconfirmed_accounts"] + 1)
    LoginFailure.objects.create(email="x@y.example", at=ago(DAYS["login_failures"] + 1))
    out = StringIO()
    call_command("purge", "--dry-run", stdout=out)
    assert out.getvalue().splitlines() == [
        "expired sessions: 1 would be deleted",
        "never-confirmed accounts: 1 would be deleted",
        "failed logins: 1 would be deleted",
        "unsubmitted draft entries: 1 would be deleted",
    ]
    assert (Session.objects.count(), LoginFailure.objects.count(), Entry.objects.count()) == (
        1,
        1,
        3,
    )
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge", stdout=out)
    assert out.getvalue().splitlines()[-1] == "unsubmitted draft entries: 1 deleted"
    assert (Session.objects.count(), LoginFailure.objects.count(), Entry.objects.count()) == (
        0,
        0,
        2,
    )
    assert not User.objects.filter(email="old@town.example").exists()


def test_registering_again_restarts_the_period_of_a_never_confirmed_account(client):
    old = unconfirmed("again@town.example", DAYS["unconfirmed_accounts"] + 1)
    response = client.post(
        "/en/accounts/register/",
        {
            "email": old.email,
            "name": "Again",
            "language": "en",
            "password": PASSWORD,
        },
    )
    assert response.status_code == 302
    assert unconfirmed_accounts_purge(now=timezone.now()) == 0
    assert User.objects.filter(pk=old.pk, is_active=False).exists()
