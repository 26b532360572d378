"""The requests that make the site send an e-mail (registering, asking for a password
reset, inviting) are limited per address and per client IP address (settings.
REQUEST_THROTTLE): past the limit, a 429 with a sentence that says when to try again,
the same whether or not the address has an account, and nothing is queued. The counts
are rows in the database, which every server shares."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accounts.models import Attempt, User
from prize.enums import EditionState
from tests.factories import PASSWORD, AuthorityFactory, EditionFactory, UserFactory

pytestmark = pytest.mark.django_db

TOO_MANY = (
    "Too many requests for this address, or from your connection. For your security, try "
    "again in 60 minutes."
)


def register(client, email, **extra):
    data = {"email": email, "name": "Ioana", "language": "en", "password": PASSWORD}
    return client.post("/en/accounts/register/", data, **extra)


def reset(client, email, **extra):
    return client.post("/en/accounts/password-reset/", {"email": email}, **extra)


@pytest.mark.parametrize("known", [True, False], ids=["known-address", "unknown-address"])
def test_the_fourth_registration_of_one_address_within_the_hour_is_refused(client, known):
    if known:
        UserFactory(email="maria@example.org")
    answers = [register(Client(), "maria@example.org").status_code for _ in range(3)]
    sent = len(mail.outbox)
    refused = register(client, "Maria@Example.org")
    assert answers == [302, 302, 302]
    assert refused.status_code == 429
    assert TOO_MANY in refused.text
    assert 'value="Maria@Example.org"' in refused.text  # what was typed is kept
    assert len(mail.outbox) == sent  # nothing more sent
    assert User.objects.filter(email="maria@example.org").count() == 1


def test_refused_requests_do_not_prolong_the_limit_and_it_ends(client):
    for _ in range(3):
        reset(client, "maria@example.org")
    assert [reset(client, "maria@example.org").status_code for _ in range(3)] == [429] * 3
    assert Attempt.objects.count() == 3
    Attempt.objects.update(at=timezone.now() - timedelta(minutes=61))
    assert reset(client, "maria@example.org")["Location"] == "/en/accounts/password-reset/sent/"


def test_one_ip_address_asking_for_many_addresses_is_refused(client, settings):
    settings.REQUEST_THROTTLE = {
        **settings.REQUEST_THROTTLE,
        "password_reset": {"ADDRESS_LIMIT": 3, "IP_LIMIT": 4, "WINDOW": 3600},
    }
    here = {"REMOTE_ADDR": "203.0.113.7"}
    answers = [reset(client, f"guess{n}@example.org", **here).status_code for n in range(5)]
    assert answers == [302] * 4 + [429]
    assert TOO_MANY in reset(client, "another@example.org", **here).text
    elsewhere = reset(client, "another@example.org", REMOTE_ADDR="198.51.100.9")
    assert elsewhere.status_code == 302


def test_registration_from_one_ip_address_is_limited_too(client, settings):
    settings.REQUEST_THROTTLE = {
        **settings.REQUEST_THROTTLE,
        "register": {"ADDRESS_LIMIT": 3, "IP_LIMIT": 2, "WINDOW": 3600},
    }
    answers = [register(client, f"n{n}@example.org").status_code for n in range(3)]
    assert answers == [302, 302, 429]
    assert not User.objects.filter(email="n2@example.org").exists()


def test_invitations_from_one_ip_address_are_limited_and_refused_ones_do_not_count(
    client, secretary, settings
):
    settings.REQUEST_THROTTLE = {
        **settings.REQUEST_THROTTLE,
        "invite": {"ADDRESS_LIMIT": 3, "IP_LIMIT": 2, "WINDOW": 3600},
    }
    UserFactory(email="taken@example.org")
    client.force_login(secretary)

    def invite(email):
        return client.post("/en/accounts/invite/", {"email": email, "name": "X", "language": "en"})

    # "already has an account": refused by the service, nothing sent, nothing counted.
    answers = [invite(email).status_code for email in ("taken@example.org", "a@x.example")]
    answers += [invite(email).status_code for email in ("b@x.example", "c@x.example")]
    assert answers == [400, 302, 302, 429]
    assert TOO_MANY in invite("d@x.example").text
    assert [m.to for m in mail.outbox] == [["a@x.example"], ["b@x.example"]]
    assert not User.objects.filter(email="c@x.example").exists()


def test_inviting_colleagues_is_limited_per_address(client):
    member = UserFactory(email="ana@ghent.example")
    authority = AuthorityFactory(name="City of Ghent", country="BE")
    authority.members.add(member)
    client.force_login(member)
    url = f"/en/authorities/{authority.pk}/invite/"
    answers = [client.post(url, {"email": "carla@ghent.example"}).status_code for _ in range(4)]
    assert answers == [302, 302, 302, 429]
    assert TOO_MANY in client.post(url, {"email": "carla@ghent.example"}).text
    assert len(mail.outbox) == 3


def test_inviting_jurors_is_limited_per_ip_address(client, secretary, settings):
    edition = EditionFactory(number=79, state=EditionState.SCREENING)
    settings.REQUEST_THROTTLE = {
        **settings.REQUEST_THROTTLE,
        "invite": {"ADDRESS_LIMIT": 3, "IP_LIMIT": 2, "WINDOW": 3600},
    }
    client.force_login(secretary)
    url = f"/en/jury/{edition.number}/secretariat/"
    answers = [
        client.post(
            url,
            {
                "name": f"Juror {n}",
                "email": f"j{n}@example.org",
                "role": "member",
                "language": "en",
            },
        ).status_code
        for n in range(3)
    ]
    assert answers == [302, 302, 429]
