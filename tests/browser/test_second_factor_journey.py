"""Two-factor login in a real browser on a phone-sized window, in French: a member of the
secretariat logs in for the first time, is sent to set up an authenticator app (types
the key shown as text, as a person without a camera would), confirms with a code, keeps
the recovery codes; then logs in again, mistypes the code, and types the right one.

The expected words are the catalogue's (gettext in French), so the test reads the page
as a French reader does."""

import re
from base64 import b32decode

import pytest
from django.utils import translation
from django.utils.translation import gettext as _
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.browser.axe import AXE_JS, axe_check, blocking
from tests.factories import PASSWORD, UserFactory
from tests.otp import app_code

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def fr(text: str) -> str:
    with translation.override("fr"):
        return _(text)


@pytest.fixture
def phone(browser):
    """A phone-sized window in French; axe may run in it (hence no CSP: tests/browser/
    axe.py)."""
    context = browser.new_context(viewport=PHONE, locale="fr-FR", bypass_csp=True)
    context.add_init_script(path=str(AXE_JS))
    yield context.new_page()
    context.close()


def log_in_with_password(page, url: str, email: str) -> None:
    page.goto(f"{url}/fr/accounts/login/")
    page.get_by_label(fr("E-mail address")).fill(email)
    page.get_by_label(fr("Password")).fill(PASSWORD)
    page.get_by_role("button", name=fr("Log in")).click()


def no_sideways_scrolling(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_secretary_sets_up_two_factor_login_then_logs_in_with_a_code_in_french(
    live_server, phone, shot
):
    page, url = phone, live_server.url
    UserFactory(email="marie@coe.example", language="fr", is_secretariat=True, is_staff=True)
    violations = []

    log_in_with_password(page, url, "marie@coe.example")
    expect(page).to_have_url(re.compile(r"/fr/accounts/two-factor/setup/\?next="))
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Set up two-factor login"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("img.qr")).to_be_visible()
    assert no_sideways_scrolling(page)
    violations += axe_check(page, "set-up [fr, phone]")
    shot(page, "two-factor-setup-fr-phone")

    # No camera: the key typed into the app by hand, which then shows the code.
    key = page.locator("#otp-key").inner_text().replace(" ", "")
    code = f"{totp(b32decode(key), step=30):06d}"
    field = page.get_by_label(fr("6-digit code"))
    expect(field).to_have_attribute("autocomplete", "one-time-code")
    expect(field).to_have_attribute("inputmode", "numeric")
    field.fill(code)
    page.get_by_role("button", name=fr("Turn on two-factor login")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Your recovery codes"))
    codes = page.locator(".recovery-codes code")
    expect(codes).to_have_count(10)
    expect(page.get_by_role("button", name=fr("Print the codes"))).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name=fr("Download the codes (text file)")).click()
    saved = download.value.path().read_text(encoding="utf-8")
    assert all(code in saved for code in codes.all_inner_texts())
    assert no_sideways_scrolling(page)
    violations += axe_check(page, "recovery codes [fr, phone]")
    page.get_by_role("button", name=fr("I have kept my codes: continue")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Secretariat"))

    # Log out, then in again: the password, then the code.
    page.locator(".main-nav").get_by_role("button", name=fr("Log out")).click()
    log_in_with_password(page, url, "marie@coe.example")
    expect(page).to_have_url(re.compile(r"/fr/accounts/two-factor/code/\?next="))
    field = page.get_by_label(fr("6-digit code"))
    field.fill("000000")
    page.get_by_role("button", name=fr("Continue")).click()
    expect(page.locator(".error-summary")).to_be_focused()
    wrong = fr(
        "That code is not right. Type the 6 digits your authenticator app shows now (they "
        "change every 30 seconds). If it still fails, check that your phone sets its clock "
        "automatically."
    )
    expect(page.locator("#id_code_error")).to_have_text(wrong)
    expect(page.locator(".error-summary a")).to_have_text(wrong)
    expect(field).to_have_attribute("aria-invalid", "true")
    violations += axe_check(page, "code refused [fr, phone]")
    shot(page, "two-factor-code-refused-fr-phone")

    # One wrong code locks the device for a second: the time a person takes to look again.
    device = TOTPDevice.objects.get(user__email="marie@coe.example")
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    field.fill(app_code(device))
    page.get_by_role("button", name=fr("Continue")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(fr("Secretariat"))
    page.goto(f"{url}/fr/secretariat/")
    expect(page).to_have_url(f"{url}/fr/secretariat/")
    assert blocking(violations) == []
