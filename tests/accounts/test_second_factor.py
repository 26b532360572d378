"""Two-factor login, as a person goes through it: the code after the password (wrong,
throttled, right), recovery codes, setting up an app, new codes, removing the device,
the operator's reset; and the rules that say who must use it."""

import io
import re
from base64 import b32decode
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import rules
from accounts.services import second_factor_set
from jury.rules import seat_needs_second_factor
from prize.enums import EditionState
from tests.error_pages import read
from tests.factories import PASSWORD, UserFactory
from tests.otp import app_code, app_device

pytestmark = pytest.mark.django_db

CODE = "/en/accounts/two-factor/code/"
RECOVERY = "/en/accounts/two-factor/recovery/"
SETUP = "/en/accounts/two-factor/setup/"
CODES = "/en/accounts/two-factor/recovery-codes/"


def logged_in_with_password(user) -> Client:
    client = Client()
    assert client.login(username=user.email, password=PASSWORD)
    return client


@pytest.fixture
def enrolled(secretary):
    second_factor_set(
        user=secretary, key="31" * 20, recovery_codes=[f"code{n:04d}" for n in range(10)]
    )
    return secretary


def test_after_the_password_the_code_page_asks_for_the_six_digits(enrolled):
    client = logged_in_with_password(enrolled)
    page = client.get(f"{CODE}?next=/en/secretariat/")
    html = page.text
    assert page.status_code == 200
    assert re.search(r'<label for="id_code">6-digit code', html)
    field = re.search(r"<input[^>]*id=\"id_code\"[^>]*>", html).group(0)
    assert 'autocomplete="one-time-code"' in field
    assert 'inputmode="numeric"' in field
    assert 'aria-describedby="id_code_helptext"' in field
    assert 'href="/en/accounts/two-factor/recovery/?next=/en/secretariat/"' in html


def test_a_wrong_code_says_so_beside_the_field_and_in_the_summary(enrolled):
    client = logged_in_with_password(enrolled)
    response = client.post(CODE, {"code": "000000", "next": "/en/secretariat/"})
    page = read(response.text)
    assert response.status_code == 400
    assert page.texts["id_code_error"].startswith("That code is not right. Type the 6 digits")
    assert page.summary_links == [("#id_code", page.texts["id_code_error"])]
    assert page.invalid == {"code": "id_code_helptext id_code_error"}
    assert client.get("/en/secretariat/")["Location"].startswith(CODE)


def test_a_code_that_is_not_six_digits_is_refused_without_counting(enrolled):
    client = logged_in_with_password(enrolled)
    response = client.post(CODE, {"code": "12ab"})
    assert response.status_code == 400
    assert "Type the 6 digits your app shows, for example 123456." in response.text
    assert TOTPDevice.objects.get(user=enrolled).throttling_failure_count == 0


def test_wrong_codes_lock_the_device_for_a_while_even_for_the_right_code(enrolled):
    device = TOTPDevice.objects.get(user=enrolled)
    client = logged_in_with_password(enrolled)
    assert client.post(CODE, {"code": "000000"}).status_code == 400
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=5)
    locked = client.post(CODE, {"code": app_code(device)})
    assert locked.status_code == 429
    assert "Too many wrong codes. For your security, no code is accepted for the next" in (
        locked.text
    )
    assert client.get("/en/secretariat/").status_code == 302
    # Once the lock has passed, the right code works.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=20)
    )
    passed = client.post(CODE, {"code": app_code(device), "next": "/en/secretariat/"})
    assert (passed.status_code, passed["Location"]) == (302, "/en/secretariat/")
    assert client.get("/en/secretariat/").status_code == 200


def test_the_right_code_opens_the_page_asked_for_with_a_new_session_key(enrolled):
    device = TOTPDevice.objects.get(user=enrolled)
    client = logged_in_with_password(enrolled)
    before = client.session.session_key
    code = f"{totp(b32decode(b'GEYTCMJRGEYTCMJRGEYTCMJRGEYTCMJR'), step=30):06d}"
    assert code == app_code(device)  # the key as an app reads it from the QR code
    passed = client.post(CODE, {"code": code[:3] + " " + code[3:], "next": "/en/jury/"})
    assert (passed.status_code, passed["Location"]) == (302, "/en/jury/")
    assert client.session.session_key != before
    assert client.get("/en/secretariat/").status_code == 200


def test_a_code_is_not_taken_twice(enrolled):
    device = TOTPDevice.objects.get(user=enrolled)
    code = app_code(device)
    first = logged_in_with_password(enrolled)
    assert first.post(CODE, {"code": code}).status_code == 302
    second = logged_in_with_password(enrolled)
    assert second.post(CODE, {"code": code}).status_code == 400


def test_an_outside_next_address_is_not_followed(enrolled):
    device = TOTPDevice.objects.get(user=enrolled)
    client = logged_in_with_password(enrolled)
    passed = client.post(CODE, {"code": app_code(device), "next": "https://evil.example/"})
    assert passed["Location"] == "/en/start/"


def test_a_recovery_code_logs_in_once(enrolled):
    client = logged_in_with_password(enrolled)
    page = client.get(RECOVERY)
    field = re.search(r"<input[^>]*id=\"id_code\"[^>]*>", page.text).group(0)
    assert 'autocomplete="off"' in field and "inputmode" not in field
    passed = client.post(RECOVERY, {"code": " CODE-0003 ", "next": "/en/secretariat/"})
    assert (passed.status_code, passed["Location"]) == (302, "/en/secretariat/")
    assert "You used a recovery code: 9 are left." in client.get("/en/secretariat/").text
    again = logged_in_with_password(enrolled).post(RECOVERY, {"code": "code-0003"})
    assert again.status_code == 400
    assert "That recovery code is not right, or it was already used." in again.text


def test_setting_up_an_app_scan_confirm_and_keep_the_codes_shown_once(secretary):
    client = logged_in_with_password(secretary)
    assert client.get("/en/secretariat/")["Location"] == f"{SETUP}?next=%2Fen%2Fsecretariat%2F"
    page = client.get(f"{SETUP}?next=/en/secretariat/")
    assert page.status_code == 200
    assert '<img class="qr" src="data:image/svg+xml' in page.text
    assert client.get(SETUP).text.count(page.context["key"]) == 1  # the same key on reload
    device = TOTPDevice.objects.get(user=secretary, confirmed=False)
    key = page.context["key"].replace(" ", "")
    assert bytes.fromhex(device.key) == b32decode(key)
    assert f"secret={key}" in device.config_url and "issuer=Dosta%21-Congress%20Prize" in (
        device.config_url
    )

    wrong = client.post(SETUP, {"code": "000000", "next": "/en/secretariat/"})
    assert wrong.status_code == 400
    assert "That code is not right." in wrong.text
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    done = client.post(SETUP, {"code": app_code(device), "next": "/en/secretariat/"})
    assert done["Location"] == f"{CODES}?next=%2Fen%2Fsecretariat%2F"

    shown = client.get(done["Location"])
    codes = re.findall(r"<li><code>([a-z0-9]{4}-[a-z0-9]{4})</code></li>", shown.text)
    assert len(set(codes)) == 10
    stored = set(StaticToken.objects.filter(device__user=secretary).values_list("token", flat=1))
    assert {c.replace("-", "") for c in codes} == stored
    assert "This is the only time these codes are shown." in shown.text
    download = client.get(f"{CODES}download/")
    assert download["Content-Disposition"] == 'attachment; filename="dosta-recovery-codes.txt"'
    assert all(code in download.text for code in codes)
    kept = client.post(CODES, {"next": "/en/secretariat/"})
    assert kept["Location"] == "/en/secretariat/"
    assert not any(code in client.get(CODES).text for code in codes)
    assert client.get(f"{CODES}download/")["Location"] == CODES
    assert client.get("/en/secretariat/").status_code == 200


def test_new_recovery_codes_replace_the_old_ones(enrolled):
    client = Client()
    client.force_login(enrolled)
    client.post(RECOVERY, {"code": "code0001"})
    renewed = client.post("/en/accounts/two-factor/recovery-codes/new/")
    assert renewed["Location"] == CODES
    page = client.get(CODES).text  # the session, verified by a recovery code, still is
    codes = re.findall(r"<li><code>([a-z0-9]{4}-[a-z0-9]{4})</code></li>", page)
    assert len(codes) == 10
    retry = logged_in_with_password(enrolled)
    assert retry.post(RECOVERY, {"code": "code0002"}).status_code == 400
    StaticDevice.objects.filter(user=enrolled).update(throttling_failure_count=0)  # a second on
    assert retry.post(RECOVERY, {"code": codes[0]}).status_code == 302


def test_removing_the_device_needs_a_code_and_then_asks_for_a_new_one(enrolled):
    client = Client()
    client.force_login(enrolled)
    client.post(RECOVERY, {"code": "code0001"})
    refused = client.post("/en/accounts/two-factor/remove/", {"code": "999999"})
    assert refused.status_code == 400
    assert TOTPDevice.objects.filter(user=enrolled).count() == 1
    TOTPDevice.objects.filter(user=enrolled).update(throttling_failure_count=0)
    removed = client.post("/en/accounts/two-factor/remove/", {"code": "code-0002"})
    assert removed["Location"] == SETUP
    assert TOTPDevice.objects.filter(user=enrolled).count() == 0
    assert StaticToken.objects.filter(device__user=enrolled).count() == 0
    assert client.get("/en/secretariat/")["Location"].startswith(SETUP)


def test_an_authority_turns_it_on_and_off_from_its_account_page(client):
    member = UserFactory()
    client = Client()
    client.force_login(member)
    account = client.get("/en/accounts/two-factor/")
    assert "Status: off." in account.text
    assert 'href="/en/accounts/two-factor/setup/"' in account.text
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=member)
    assert client.post(SETUP, {"code": app_code(device)}).status_code == 302
    assert "Status: on." in client.get("/en/accounts/two-factor/").text
    assert logged_in_with_password(member).get("/en/accounts/")["Location"].startswith(CODE)
    off = client.post("/en/accounts/two-factor/remove/", {"code": app_code(device)})
    assert off["Location"] == "/en/accounts/two-factor/"
    assert logged_in_with_password(member).get("/en/accounts/").status_code == 200


def test_the_operator_resets_a_lost_phone_with_a_command(enrolled):
    out = io.StringIO()
    call_command("second_factor_reset", enrolled.email.upper(), stdout=out)
    assert "Removed 2 two-factor device(s)" in out.getvalue()
    assert logged_in_with_password(enrolled).get("/en/secretariat/")["Location"].startswith(SETUP)


def test_the_secretariat_resets_a_lost_phone_in_the_admin_without_seeing_the_key(client, enrolled):
    other = UserFactory(is_secretariat=True, is_staff=True)
    client.force_login(other)
    device = TOTPDevice.objects.get(user=enrolled)
    page = client.get(f"/en/admin/otp_totp/totpdevice/{device.pk}/change/")
    assert page.status_code == 200 and device.key not in page.text
    assert client.get(f"/en/admin/otp_totp/totpdevice/{device.pk}/config/").status_code == 403
    deleted = client.post(f"/en/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert not TOTPDevice.objects.filter(user=enrolled).exists()


def test_who_must_pass_which_step():
    step = rules.second_factor_step
    assert step(verified=True, has_device=True, required=True) is None
    assert step(verified=False, has_device=True, required=False) == "verify"
    assert step(verified=False, has_device=True, required=True) == "verify"
    assert step(verified=False, has_device=False, required=True) == "enrol"
    assert step(verified=False, has_device=False, required=False) is None


def test_the_jury_needs_it_while_judging_and_deliberating_only():
    needed = {state for state in EditionState if seat_needs_second_factor(edition_state=state)}
    assert needed == {EditionState.JUDGING, EditionState.DELIBERATION}


def test_the_secretariat_and_the_admin_s_users_need_it_and_authorities_do_not(secretary):
    staff = UserFactory(is_staff=True)
    operator = UserFactory(is_superuser=True)
    member = UserFactory()
    assert [rules.second_factor_required(u) for u in (secretary, staff, operator, member)] == [
        True,
        True,
        True,
        False,
    ]


def test_recovery_codes_are_read_as_people_type_them():
    assert rules.recovery_code_normal(" AbCd-eFgh ") == "abcdefgh"
    assert rules.recovery_code_shown("abcdefgh") == "abcd-efgh"
    assert rules.key_shown("ABCDEFGHIJ") == "ABCD EFGH IJ"


def test_the_secretariat_cannot_reset_the_operator_s_device(client, secretary):
    operator = UserFactory(is_superuser=True, is_staff=True)
    device = app_device(operator)
    client.force_login(secretary)
    page = f"/en/admin/otp_totp/totpdevice/{device.pk}/delete/"
    assert client.post(page, {"post": "yes"}).status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()
