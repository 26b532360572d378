import io

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User
from alliance.models import Participation
from jury.models import Juror
from prize.enums import EditionState
from prize.models import Edition
from submissions.models import Entry

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def log_in_as_a_tester(client, email: str) -> None:
    """The password the README prints, then the code `demo_totp_code` prints."""
    assert client.login(username=email, password="dosta-demo-2026")
    out = io.StringIO()
    call_command("demo_totp_code", email, stdout=out)
    answer = client.post("/en/accounts/two-factor/code/", {"code": out.getvalue().strip()})
    assert (answer.status_code, answer["Location"]) == (302, "/en/start/")


def test_seed_demo_loads_history_and_an_open_edition_and_is_idempotent(client):
    first = seed()
    snapshot = (
        Edition.objects.count(),
        Entry.objects.count(),
        User.objects.count(),
        Juror.objects.count(),
    )
    second = seed()
    assert snapshot == (8, 23, 4, 2)
    assert (
        Edition.objects.count(),
        Entry.objects.count(),
        User.objects.count(),
        Juror.objects.count(),
    ) == snapshot
    assert Edition.objects.get(number=8).state == EditionState.OPEN
    assert "secretariat       secretariat@example.org" in first
    assert "jury chair        chair@example.org" in second
    assert Juror.objects.get(ref="demo-chair").role == "chair"

    log_in_as_a_tester(client, "secretariat@example.org")
    assert client.get("/en/secretariat/").status_code == 200
    home = client.get("/en/").content.decode()
    assert "Call for entries: 8th Dosta!-Congress Prize for Municipalities" in home
    assert "Latest laureates: 7th Dosta!-Congress Prize for Municipalities" in home
    # The Alliance: four demo participants (two Greek), one request to review.
    assert "4 cities and regions from 3 countries" in home
    assert list(Participation.objects.values_list("state", flat=True).order_by("state")) == [
        "accepted",
        "accepted",
        "accepted",
        "accepted",
        "requested",
    ]
    ghent = client.get("/en/alliance/city-of-ghent/").content.decode()
    assert "Intercultural mediators" in ghent
    assert 'href="/en/editions/5/' in ghent  # its 1st place of 2015


def test_seed_demo_makes_no_superuser_and_its_secretariat_still_works(client):
    seed()
    assert list(User.objects.filter(is_superuser=True)) == []
    secretariat = User.objects.get(email="secretariat@example.org")
    assert (secretariat.is_staff, secretariat.is_secretariat) == (True, True)
    assert list(
        User.objects.filter(groups__name="Secretariat").values_list("email", flat=True)
    ) == ["secretariat@example.org"]
    log_in_as_a_tester(client, "secretariat@example.org")
    assert client.get("/en/secretariat/").status_code == 200
    assert client.get("/en/secretariat/editions/8/").status_code == 200
    assert client.get("/en/admin/").status_code == 200
    assert client.get("/en/admin/jury/decision/").status_code == 200
    assert client.get("/en/admin/jury/decision/add/").status_code == 403


def test_seed_demo_demotes_the_superusers_an_older_demo_made(client):
    seed()
    User.objects.filter(email__in=["secretariat@example.org", "juror@example.org"]).update(
        is_superuser=True
    )
    secretariat = User.objects.get(email="secretariat@example.org")
    secretariat.groups.clear()  # an older demo flagged it instead
    seed()
    assert list(User.objects.filter(is_superuser=True)) == []
    assert User.objects.get(email="secretariat@example.org").is_secretariat is True
    assert User.objects.get(email="juror@example.org").is_secretariat is False


def test_seed_demo_prints_the_demo_s_two_factor_key_and_restores_its_recovery_codes(client):
    first = seed()
    assert "Key for any authenticator app (time-based, 6 digits): DOST ADEM OKEY" in first
    assert "otpauth://totp/Dosta%21-Congress%20Prize%3Achair%40example.org?secret=" in first
    assert "demo-0001 demo-0002" in first
    assert client.login(username="juror@example.org", password="dosta-demo-2026")
    used = client.post("/en/accounts/two-factor/recovery/", {"code": "DEMO-0001"})
    assert used.status_code == 302
    assert "You have 9 unused recovery codes." in client.get("/en/accounts/two-factor/").text

    seed()  # the used code works again: the demo's codes are published, not secrets
    client.logout()
    assert client.login(username="juror@example.org", password="dosta-demo-2026")
    assert client.post("/en/accounts/two-factor/recovery/", {"code": "demo0001"}).status_code == 302


def test_demo_totp_code_never_tells_the_code_of_a_real_account(client):
    seed()
    User.objects.create_user(email="real@example.org", password="x")
    with pytest.raises(CommandError, match="has no demo authenticator app"):
        call_command("demo_totp_code", "real@example.org", stdout=io.StringIO())
