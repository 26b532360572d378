"""Accounts that resist the usual attacks: registering an address again never changes its
account, the links that open an account are bound to its password and last login, and a
Unicode look-alike of an address either is that address (same account, same login lock)
or another one (no account): never a way around the lock. Run on both legs: SQLite and
PostgreSQL compare the same normalised strings."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from accounts.addresses import normalise_email
from accounts.models import LoginFailure, User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

ATTACKER = "the-attackers-password-66"
LOGIN = "/en/accounts/login/"
LOCKED = "Too many failed attempts to log in."
NO_MATCH = "That e-mail address and password do not match an account."


def register(client, email, password=PASSWORD, name="Ioana Pop", language="en"):
    return client.post(
        "/en/accounts/register/",
        {"email": email, "name": name, "language": language, "password": password},
    )


def confirm_path(message) -> str:
    return re.search(r"http://testserver(/\w\w/accounts/confirm/\S+/)", message.body).group(1)


def reset_path(message) -> str:
    return re.search(r"http://testserver(/\w\w/accounts/password-reset/\S+/)", message.body)[1]


def attempt(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


def logs_in(email, password) -> bool:
    return Client().login(username=email, password=password)


# Registration never changes an existing account ---------------------------------------


def test_registering_an_unconfirmed_address_again_changes_nothing_and_its_owner_keeps_it(client):
    assert register(client, "owner@example.org")["Location"] == "/en/accounts/register/sent/"
    owners_link = confirm_path(mail.outbox[0])
    before = User.objects.values().get(email="owner@example.org")

    attacker = register(
        Client(), "Owner@Example.org", password=ATTACKER, name="Mallory", language="fr"
    )

    assert attacker["Location"] == "/en/accounts/register/sent/"
    after = User.objects.values().get(email="owner@example.org")
    # Only the day the purge of never-confirmed accounts counts from moves on.
    assert after.pop("date_joined") > before.pop("date_joined")
    assert after == before
    notice = mail.outbox[1]
    assert (notice.to, notice.subject) == (["owner@example.org"], "You already have an account")
    assert "Nothing about that account was changed" in notice.body
    assert client.get(owners_link)["Location"] == "/en/start/"
    assert User.objects.get(email="owner@example.org").is_active
    assert logs_in("owner@example.org", PASSWORD)
    assert not logs_in("owner@example.org", ATTACKER)


def test_the_fresh_link_for_an_unconfirmed_address_confirms_it_with_the_first_password(client):
    register(client, "owner@example.org")
    register(Client(), "owner@example.org", password=ATTACKER)
    fresh = confirm_path(mail.outbox[1])
    assert Client().get(fresh)["Location"] == "/en/start/"
    assert logs_in("owner@example.org", PASSWORD)
    assert not logs_in("owner@example.org", ATTACKER)


def test_registering_a_confirmed_address_changes_nothing_and_offers_a_reset(client):
    owner = UserFactory(email="owner@example.org", name="Owner", language="en")
    before = User.objects.values().get(pk=owner.pk)
    assert register(client, "OWNER@example.org", password=ATTACKER)["Location"] == (
        "/en/accounts/register/sent/"
    )
    assert User.objects.values().get(pk=owner.pk) == before
    [notice] = mail.outbox
    assert "/en/accounts/password-reset/" in notice.body
    assert "/accounts/confirm/" not in notice.body
    assert logs_in("owner@example.org", PASSWORD)
    assert not logs_in("owner@example.org", ATTACKER)


# Links bound to the password hash and the last login -----------------------------------


def test_a_confirmation_link_made_before_a_password_change_no_longer_works(client):
    register(client, "owner@example.org")
    link = confirm_path(mail.outbox[0])
    user = User.objects.get(email="owner@example.org")
    user.set_password("changed-by-the-secretariat-1")
    user.save()
    response = client.get(link)
    assert response.status_code == 400
    assert "This link is not valid any more. Register again." in response.text
    assert not User.objects.get(pk=user.pk).is_active


def test_a_used_confirmation_link_does_not_confirm_or_log_in_again(client):
    register(client, "owner@example.org")
    link = confirm_path(mail.outbox[0])
    client.get(link)
    client.logout()
    assert client.get(link)["Location"] == "/en/accounts/login/"
    assert "_auth_user_id" not in client.session


def test_a_reset_link_made_before_a_password_change_no_longer_works(client):
    user = UserFactory(email="maria@example.org")
    client.post("/en/accounts/password-reset/", {"email": "maria@example.org"})
    link = reset_path(mail.outbox[0])
    user.set_password("a-password-chosen-since-9")
    user.save()
    page = client.get(link, follow=True)
    assert "This link no longer works" in page.text


def test_a_reset_link_made_before_a_login_no_longer_works(client):
    UserFactory(email="maria@example.org")
    client.post("/en/accounts/password-reset/", {"email": "maria@example.org"})
    link = reset_path(mail.outbox[0])
    assert logs_in("maria@example.org", PASSWORD)
    assert "This link no longer works" in client.get(link, follow=True).text


# One form of every address --------------------------------------------------------------

KNOWN = "outsider@kent.example"
# Capitals, U+017F LATIN SMALL LETTER LONG S, U+212A KELVIN SIGN: compatible with the
# plain letters, so they are the same address.
SAME = ["OutSider@Kent.Example", "out\u017fider@kent.example", "outsider@\u212aent.example"]
# U+0131 LATIN SMALL LETTER DOTLESS I: a letter of its own, so another address.
OTHER = "outs\u0131der@kent.example"


def test_the_one_form_of_an_address():
    assert {normalise_email(typed) for typed in SAME} == {KNOWN}
    assert normalise_email(OTHER) == OTHER
    assert normalise_email("  Maria@Example.ORG ") == "maria@example.org"


@given(st.text())
def test_normalising_twice_changes_nothing(text):
    assert normalise_email(normalise_email(text)) == normalise_email(text)


@pytest.mark.parametrize("typed", SAME)
def test_a_compatible_look_alike_is_the_same_account(client, typed):
    user = UserFactory(email=KNOWN)
    assert attempt(client, typed, PASSWORD)["Location"] == "/en/start/"
    assert client.get("/en/accounts/").context["user"] == user


def test_look_alikes_that_reach_the_account_count_against_its_one_lock(client):
    UserFactory(email=KNOWN)
    typed = [KNOWN, *SAME, SAME[1]]
    assert [attempt(client, email, "wrong").status_code for email in typed] == [200] * 5
    assert list(LoginFailure.objects.values_list("email", flat=True).distinct()) == [KNOWN]
    for email in [KNOWN, *SAME]:
        response = attempt(client, email, PASSWORD)
        assert (response.status_code, LOCKED in response.text) == (429, True)
    assert "_auth_user_id" not in client.session


def test_a_dotless_i_is_another_address_that_never_reaches_the_account(client):
    UserFactory(email=KNOWN)
    response = attempt(client, OTHER, PASSWORD)
    assert response.status_code == 200
    assert NO_MATCH in response.text
    assert "_auth_user_id" not in client.session
    # Locking the account, its failures with the real address count; the other
    # address's guesses never reach it, so they buy nothing.
    for _ in range(5):
        attempt(client, KNOWN, "wrong")
    assert attempt(client, OTHER, PASSWORD).status_code == 200
    assert attempt(client, KNOWN, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_look_alike_registration_or_invitation_finds_the_existing_account(client, secretary):
    owner = UserFactory(email=KNOWN)
    register(client, SAME[1].upper(), password=ATTACKER)
    assert User.objects.filter(email__contains="kent.example").count() == 1
    assert [m.to for m in mail.outbox] == [[KNOWN]]
    client.force_login(secretary)
    response = client.post(
        "/en/accounts/invite/", {"email": SAME[2], "name": "X", "language": "en"}
    )
    assert response.status_code == 400
    assert f"{KNOWN} already has an account." in response.text
    assert logs_in(KNOWN, PASSWORD) and owner.pk == User.objects.get(email=KNOWN).pk


def test_a_look_alike_reset_mails_the_stored_address_only():
    UserFactory(email=KNOWN)
    Client().post("/en/accounts/password-reset/", {"email": SAME[1]})
    Client().post("/en/accounts/password-reset/", {"email": OTHER})
    assert [m.to for m in mail.outbox] == [[KNOWN]]


def test_every_way_of_making_an_account_stores_the_one_form():
    assert User.objects.create_user("Out\u017fider@\u212aent.example", PASSWORD).email == KNOWN
    assert UserFactory(email="ANNE@Example.org").email == "anne@example.org"
    assert User.objects.get_by_natural_key(SAME[0]).email == KNOWN


def test_registering_again_never_reopens_an_account_the_secretariat_closed(client):
    closed = UserFactory(email="closed@example.org", is_active=False)
    closed.last_login = timezone.now()
    closed.save()
    register(client, "closed@example.org")
    [notice] = mail.outbox
    assert "/accounts/confirm/" not in notice.body
    # Nor does a link made while it awaited confirmation, once it was confirmed and closed.
    register(Client(), "new@example.org")
    link = confirm_path(mail.outbox[1])
    User.objects.filter(email="new@example.org").update(last_login=timezone.now())
    assert client.get(link).status_code == 400
    assert not User.objects.get(email="new@example.org").is_active
