"""Erasing one's account (accounts.personal_data.account_erase), confirmed with the
password: deleted at once when the person has no part in the prize's record, otherwise
anonymised with the record kept. Either way the person and the secretariat are told."""

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from accounts.models import LoginFailure, User
from accounts.personal_data import ANONYMISED, DELETED, account_erase, user_sessions_count
from jury import services as jury
from jury.models import Juror, Score
from submissions import services as submissions
from submissions.models import AuthorityInvitation, Entry, EntryTransition
from tests.factories import PASSWORD, jury_at_work

pytestmark = pytest.mark.django_db


def erase(client, person, password=PASSWORD, lang="en"):
    client.force_login(person)
    return client.post(f"/{lang}/accounts/erase/", {"password": password})


def test_a_member_with_only_a_draft_is_deleted_at_once(
    client, draft, member, django_capture_on_commit_callbacks
):
    AuthorityInvitation.objects.create(authority=draft.authority, email=member.email, token="t1")
    assert client.get("/en/accounts/erase/")["Location"].startswith("/en/accounts/login/")
    client.force_login(member)
    page = client.get("/en/accounts/erase/")
    assert "Your account will be deleted" in page.text
    with django_capture_on_commit_callbacks(execute=True):
        response = erase(client, member)
    assert response.status_code == 200
    assert "Your account was deleted" in response.text
    assert not User.objects.filter(pk=member.pk).exists()
    assert list(draft.authority.members.all()) == []
    assert not AuthorityInvitation.objects.exists()
    assert Entry.objects.get(pk=draft.pk).state == "draft"  # the authority's, kept
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [member.email, settings.SECRETARIAT_EMAIL]
    )
    to_person = next(m for m in mail.outbox if m.to == [member.email])
    assert "was deleted" in to_person.body
    assert settings.SECRETARIAT_EMAIL in to_person.body  # the footer
    note = next(m for m in mail.outbox if m.to == [settings.SECRETARIAT_EMAIL])
    assert member.email not in note.body and member.name not in note.body
    assert client.get("/en/accounts/")["Location"].startswith("/en/accounts/login/")


def test_a_member_who_submitted_is_anonymised_and_the_record_kept(
    client, ready, member, django_capture_on_commit_callbacks
):
    submissions.entry_transition(entry_id=ready.pk, action="submit", by=member)
    elsewhere = Client()  # logged in in another browser too
    elsewhere.force_login(member)
    client.force_login(member)
    assert "You submitted an entry." in client.get("/en/accounts/erase/").text
    with django_capture_on_commit_callbacks(execute=True):
        response = erase(client, member, lang="fr")
    assert response.status_code == 200
    person = User.objects.get(pk=member.pk)
    assert (person.email, person.name, person.is_active) == (
        f"erased-{member.pk}@erased.invalid",
        "",
        False,
    )
    assert not person.has_usable_password()
    assert list(person.authorities.all()) == []
    assert user_sessions_count(user=person) == 0
    assert elsewhere.get("/en/accounts/")["Location"].startswith("/en/accounts/login/")
    entry = Entry.objects.get(pk=ready.pk)
    assert (entry.state, entry.submitted_by_id) == ("submitted", member.pk)
    assert EntryTransition.objects.filter(entry=entry, by=person).count() == 2
    told = sorted(m.to[0] for m in mail.outbox if "was anonymised" in m.body)
    assert told == sorted([member.email, settings.SECRETARIAT_EMAIL])
    again = Client().post("/en/accounts/login/", {"username": member.email, "password": PASSWORD})
    assert again.status_code == 200  # refused: the login form again


def test_a_juror_is_anonymised_their_scores_kept_and_their_address_removed(client):
    work = jury_at_work(jurors=2, entries=1)
    seat = work.jurors[1]
    code = work.edition.criteria.first().code
    jury.scores_save(assignment_id=seat.assignments.get().pk, by=seat.user, values={code: "3"})
    assert account_erase(user=seat.user, password=PASSWORD) == ANONYMISED
    juror = Juror.objects.get(pk=seat.pk)
    assert (juror.name, juror.email) == (seat.name, "")
    assert Score.objects.filter(assignment__juror=juror).count() == 1


def test_a_wrong_password_erases_nothing_and_counts_as_a_failed_login(client, member):
    response = erase(client, member, password="not-it")
    assert response.status_code == 400
    assert "This is not your password." in response.text
    assert 'id="id_password_error"' in response.text  # beside the field
    assert User.objects.filter(pk=member.pk, email=member.email, is_active=True).exists()
    assert LoginFailure.objects.filter(email=member.email).count() == 1


def test_after_too_many_wrong_passwords_even_the_right_one_waits(client, member):
    for _ in range(settings.LOGIN_THROTTLE["ACCOUNT_LIMIT"]):
        erase(client, member, password="not-it")
    response = erase(client, member)
    assert response.status_code == 400
    assert "Too many wrong passwords." in response.text
    assert User.objects.filter(pk=member.pk).exists()


def test_the_service_deletes_a_person_with_nothing_kept(member):
    assert account_erase(user=member, password=PASSWORD) == DELETED
    assert not User.objects.filter(pk=member.pk).exists()
