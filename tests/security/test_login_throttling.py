"""Login throttling: too many failed passwords for one address, or from one client IP
address, within 15 minutes, and logging in is refused for a while (429, a clear
sentence), even with the right password. The failures are rows in the database, which
every server shares. Nothing here tells whether an address has an account."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import LoginFailure
from accounts.rules import client_ip, lock_end
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/en/accounts/login/"
LOCKED = "Too many failed attempts to log in."


def attempt(client, email, password, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, email, times, **extra):
    return [attempt(client, email, "wrong-password", **extra).status_code for _ in range(times)]


def test_five_failures_lock_the_account_even_with_the_right_password(client):
    user = UserFactory(email="maria@example.org")
    assert fail(client, user.email, 5) == [200] * 5
    response = attempt(client, user.email, PASSWORD)
    assert response.status_code == 429
    assert LOCKED in response.text
    assert "paused for 15 minutes" in response.text
    assert not logged_in(client)
    # Another server, another session: the failures are in the shared database.
    other = Client()
    assert attempt(other, "MARIA@example.org", PASSWORD).status_code == 429
    assert not logged_in(other)
    assert LoginFailure.objects.filter(email="maria@example.org").count() == 5


def test_refused_attempts_do_not_prolong_the_lock_and_it_ends(client):
    user = UserFactory(email="maria@example.org")
    fail(client, user.email, 5)
    assert fail(client, user.email, 3) == [429] * 3
    assert LoginFailure.objects.count() == 5
    # Sixteen minutes later (the rows say so), the right password works again.
    LoginFailure.objects.update(at=timezone.now() - timedelta(minutes=16))
    response = attempt(client, user.email, PASSWORD)
    assert response.status_code == 302
    assert logged_in(client)


def test_a_successful_login_clears_the_accounts_count(client):
    user = UserFactory(email="maria@example.org")
    fail(client, user.email, 4)
    assert attempt(client, user.email, PASSWORD).status_code == 302
    assert LoginFailure.objects.filter(email=user.email).count() == 0
    client.logout()
    fail(client, user.email, 4)
    assert attempt(client, user.email, PASSWORD).status_code == 302


def test_an_address_without_an_account_is_locked_the_same_way(client):
    UserFactory(email="known@example.org")
    known = [attempt(client, "known@example.org", "wrong").status_code for _ in range(6)]
    unknown = [attempt(client, "nobody@example.org", "wrong").status_code for _ in range(6)]
    assert known == unknown == [200] * 5 + [429]
    assert (
        attempt(client, "nobody@example.org", "x").text.count(LOCKED)
        == attempt(client, "known@example.org", "x").text.count(LOCKED)
        == 1
    )


def test_one_ip_address_trying_many_accounts_is_locked(client, settings):
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "IP_LIMIT": 8}
    victim = UserFactory(email="victim@example.org")
    for n in range(8):
        attempt(client, f"guess{n}@example.org", "wrong", REMOTE_ADDR="203.0.113.7")
    response = attempt(client, victim.email, PASSWORD, REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    # Without proxies of ours, a forged X-Forwarded-For changes nothing.
    forged = attempt(
        client, victim.email, PASSWORD, REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="1.2.3.4"
    )
    assert forged.status_code == 429
    other_ip = attempt(client, victim.email, PASSWORD, REMOTE_ADDR="198.51.100.9")
    assert other_ip.status_code == 302


def test_behind_our_proxy_the_address_it_saw_counts_not_what_the_client_wrote(client, settings):
    settings.TRUSTED_PROXIES = 1
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "IP_LIMIT": 8}
    victim = UserFactory(email="victim@example.org")
    for n in range(8):  # each time a different forged address before the proxy's entry
        attempt(
            client,
            f"guess{n}@example.org",
            "wrong",
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7",
        )
    assert set(LoginFailure.objects.values_list("ip", flat=True)) == {"203.0.113.7"}
    locked = attempt(
        client,
        victim.email,
        PASSWORD,
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7",
    )
    assert locked.status_code == 429
    elsewhere = attempt(
        client, victim.email, PASSWORD, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.9"
    )
    assert elsewhere.status_code == 302


def test_the_admin_login_is_throttled_too(client, secretary):
    for _ in range(5):
        client.post("/en/admin/login/", {"username": secretary.email, "password": "wrong"})
    response = client.post("/en/admin/login/", {"username": secretary.email, "password": PASSWORD})
    assert response.status_code == 429  # the admin's form again, saying why; not logged in
    assert LOCKED in response.text
    assert "paused for 15 minutes" in response.text
    assert not logged_in(client)
    assert LoginFailure.objects.filter(email=secretary.email).count() == 5


def test_password_reset_answers_the_same_for_any_address(client):
    UserFactory(email="known@example.org")
    known = client.post("/en/accounts/password-reset/", {"email": "known@example.org"})
    unknown = client.post("/en/accounts/password-reset/", {"email": "nobody@example.org"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert client.get(known["Location"]).text == client.get(unknown["Location"]).text
    assert [m.to for m in mail.outbox] == [["known@example.org"]]


def test_lock_end_counts_only_the_window():
    now = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    window = timedelta(minutes=15)
    times = [now - timedelta(minutes=m) for m in (1, 2, 3, 4)]
    assert lock_end(times, limit=5, window=window, now=now) is None
    assert lock_end([*times, now - timedelta(minutes=16)], limit=5, window=window, now=now) is None
    five = [*times, now - timedelta(minutes=10)]
    assert lock_end(five, limit=5, window=window, now=now) == now + timedelta(minutes=5)


def test_client_ip_trusts_only_our_proxies():
    meta = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "6.6.6.6, 203.0.113.7"}
    assert client_ip(meta, trusted_proxies=0) == "10.0.0.2"
    assert client_ip(meta, trusted_proxies=1) == "203.0.113.7"
    assert client_ip(meta, trusted_proxies=2) == "6.6.6.6"
    assert client_ip({"REMOTE_ADDR": "10.0.0.2"}, trusted_proxies=1) == "10.0.0.2"
