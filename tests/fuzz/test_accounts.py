"""Fuzzing the account forms: register, log in, password reset and set, invitations,
the language switch and the confirmation link."""

from urllib.parse import quote

from django.contrib.auth import forms as auth_forms
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from hypothesis import given
from hypothesis import strategies as st

from accounts.forms import (
    AdminLoginForm,
    EmailAuthenticationForm,
    InvitationForm,
    PasswordResetForm,
    RegistrationForm,
)
from tests.factories import PASSWORD
from tests.fuzz.conftest import fuzz_settings
from tests.fuzz.runner import fuzzes, send, written_on_refusal
from tests.fuzz.strategies import form_data, path_segments, text_values, wire


@fuzzes("accounts:register", forms=(RegistrationForm,))
def test_register(people):
    valid = {"email": "new.one@example.org", "name": "N", "language": "fr", "password": PASSWORD}

    @fuzz_settings()
    @given(data=form_data(RegistrationForm().fields, valid=valid), as_member=st.booleans())
    def example(data, as_member):
        outcome = send(
            people.member_a if as_member else None, "post", "/en/accounts/register/", data
        )
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []

    example()


@fuzzes("accounts:login", forms=(EmailAuthenticationForm,))
def test_login(people):
    fields = EmailAuthenticationForm().fields
    known = st.sampled_from([people.member_a.email, PASSWORD]).map(wire)

    @fuzz_settings()
    @given(data=form_data(fields, {"username": known, "next": text_values()}))
    def example(data):
        outcome = send(None, "post", "/en/accounts/login/", data)
        assert outcome.status < 500
        # A refused password is recorded by design: the login throttle counts it.
        assert written_on_refusal(outcome, by_design=("accounts.LoginFailure",)) == []

    example()


@fuzzes("admin_login", forms=(AdminLoginForm,))
def test_admin_login(people):
    fields = AdminLoginForm().fields
    known = st.sampled_from([people.secretary.email, PASSWORD]).map(wire)

    @fuzz_settings()
    @given(data=form_data(fields, {"username": known, "next": text_values()}))
    def example(data):
        outcome = send(None, "post", "/en/admin/login/", data)
        assert outcome.status < 500
        # A refused password is recorded by design: the login throttle counts it.
        assert written_on_refusal(outcome, by_design=("accounts.LoginFailure",)) == []

    example()


@fuzzes("accounts:password_reset", forms=(PasswordResetForm, auth_forms.PasswordResetForm))
def test_password_reset(people):
    @fuzz_settings()
    @given(data=form_data(PasswordResetForm().fields))
    def example(data):
        outcome = send(None, "post", "/en/accounts/password-reset/", data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []

    example()


def _reset_link(user, kind="password-reset") -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return f"/en/accounts/{kind}/{uid}/{default_token_generator.make_token(user)}/"


@fuzzes("accounts:password_reset_confirm", "accounts:invitation", forms=(SetPasswordForm,))
def test_password_set(people):
    """The link from the e-mail puts the token in the session; then the new password."""
    fields = SetPasswordForm(people.member_a).fields
    user = people.member_a

    def follow_link(kind):
        def prepare(client):
            return client.get(_reset_link(user, kind))["Location"]

        return prepare

    @fuzz_settings()
    @given(data=form_data(fields), kind=st.sampled_from(["password-reset", "invitation"]))
    def example(data, kind):
        outcome = send(None, "post", "", data, prepare=follow_link(kind))
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []

    example()


@fuzzes("accounts:password_reset_confirm", "accounts:invitation", "accounts:confirm")
def test_links_with_forged_tokens(people):
    links = ["password-reset/{}/{}/", "invitation/{}/{}/", "confirm/{}{}/"]

    @fuzz_settings()
    @given(link=st.sampled_from(links), uid=path_segments(), token=path_segments())
    def example(link, uid, token):
        url = "/en/accounts/" + link.format(quote(uid, safe=""), quote(token, safe=""))
        outcome = send(None, "get", url)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []

    example()


@fuzzes("accounts:invite", forms=(InvitationForm,))
def test_invite(people):
    valid = {"email": "new.one@example.org", "name": "N", "language": "en"}

    @fuzz_settings()
    @given(data=form_data(InvitationForm().fields, valid=valid))
    def allowed(data):
        outcome = send(people.secretary, "post", "/en/accounts/invite/", data)
        assert outcome.status < 500
        assert written_on_refusal(outcome) == []

    @fuzz_settings(0.3)
    @given(data=form_data(InvitationForm().fields))
    def refused(data):
        outcome = send(people.member_a, "post", "/en/accounts/invite/", data)
        assert outcome.status == 403
        assert outcome.changed == []

    allowed()
    refused()


@fuzzes("set_language")
def test_set_language(people):
    @fuzz_settings()
    @given(language=text_values(), next_url=text_values())
    def example(language, next_url):
        data = {"language": [language], "next": [next_url]}
        outcome = send(None, "post", "/i18n/setlang/", data)
        assert outcome.status < 500
        assert outcome.changed == []

    example()
