"""Fuzzing two-factor login: the code after the password (the app's or a recovery code),
setting up an app, and removing the device. Whatever is typed, a clear answer and never
a 500; a session whose code was refused stays unverified."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from hypothesis import given
from hypothesis import strategies as st

from accounts.forms import AppCodeForm, RecoveryCodeForm, SecondFactorRemoveForm
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.runner import fuzzes, send, written_on_refusal
from tests.fuzz.strategies import form_data, text_values

PAGES = {"app": "/en/accounts/two-factor/code/", "recovery": "/en/accounts/two-factor/recovery/"}


def password_only(client) -> None:
    """The session of `send` passed the password only (send's client verifies it)."""
    session = client.session
    session.pop(DEVICE_ID_SESSION_KEY, None)
    session.save()


@fuzzes(
    "accounts:second_factor_verify",
    "accounts:second_factor_recovery",
    forms=(AppCodeForm, RecoveryCodeForm),
)
def test_the_code_after_the_password(people):
    @fuzz_settings()
    @given(
        kind=st.sampled_from(sorted(PAGES)),
        data=form_data(AppCodeForm().fields, {"next": text_values()}),
    )
    def example(kind, data):
        outcome = send(people.secretary, "post", PAGES[kind], data, prepare=password_only)
        assert outcome.status in (200, 400, 429)  # 200: an empty post shows the form
        assert DEVICE_ID_SESSION_KEY not in outcome.response.wsgi_request.session
        assert written_on_refusal(outcome) == []

    example()


@fuzzes("accounts:second_factor_setup", forms=(AppCodeForm,))
def test_setting_up_an_app(people):
    def without_a_device(client):
        password_only(client)
        TOTPDevice.objects.filter(user=people.other_secretary).delete()

    @fuzz_settings()
    @given(data=form_data(AppCodeForm().fields, {"next": text_values()}))
    def example(data):
        outcome = send(
            people.other_secretary,
            "post",
            "/en/accounts/two-factor/setup/",
            data,
            prepare=without_a_device,
        )
        assert outcome.status in (200, 400, 429)
        assert not TOTPDevice.objects.filter(user=people.other_secretary, confirmed=True)
        assert written_on_refusal(outcome) == []

    example()


@fuzzes("accounts:second_factor_remove", forms=(SecondFactorRemoveForm,))
def test_removing_the_device(people):
    @fuzz_settings()
    @given(data=form_data(SecondFactorRemoveForm().fields))
    def example(data):
        outcome = send(people.member_a, "post", "/en/accounts/two-factor/remove/", data)
        assert outcome.status in (200, 400, 429)
        assert written_on_refusal(outcome) == []

    example()
