"""Two-factor login cannot be skipped: a session that passed the password only reaches
nothing but the second-factor pages and logging out, by any path (the secretariat's
pages, the admin, a juror's page during judging, a form post, the API), until the code.

`Client().force_login` is such a session (tests/otp.py)."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser
from django.core import mail
from django.test import Client, RequestFactory
from django_otp.middleware import OTPMiddleware

from accounts.models import User
from jury.models import Juror
from prize.enums import EditionState
from prize.models import Edition
from tests.factories import AuthorityFactory, EditionFactory, JurorFactory, UserFactory
from tests.otp import app_code, app_device

pytestmark = pytest.mark.django_db

SETUP = "/en/accounts/two-factor/setup/"
CODE = "/en/accounts/two-factor/code/"


def password_only(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def where(response) -> str:
    return response["Location"].split("?")[0] if response.status_code == 302 else ""


@pytest.mark.parametrize(
    "path",
    [
        "/en/secretariat/",
        "/en/secretariat/editions/new/",
        "/en/accounts/",
        "/en/accounts/invite/",
        "/en/accounts/two-factor/",
        "/en/",
        "/en/admin/",
        "/en/admin/accounts/user/",
        "/en/admin/otp_totp/totpdevice/",
        "/api/v1/editions/",
    ],
)
def test_the_secretariat_without_a_device_is_sent_to_set_one_up_from_every_page(secretary, path):
    response = password_only(secretary).get(path)
    assert (response.status_code, where(response)) == (302, SETUP)
    assert response["Location"].endswith(f"?next={path.replace('/', '%2F')}")


@pytest.mark.parametrize("path", ["/en/secretariat/", "/en/admin/", "/api/v1/"])
def test_the_secretariat_with_a_device_is_asked_for_the_code_from_every_page(secretary, path):
    app_device(secretary)
    response = password_only(secretary).get(path)
    assert (response.status_code, where(response)) == (302, CODE)


def test_a_post_to_a_secretariat_action_with_the_password_only_acts_on_nothing(secretary):
    app_device(secretary)
    client = password_only(secretary)
    invited = client.post("/en/accounts/invite/", {"email": "new@example.org", "language": "en"})
    created = client.post(
        "/en/secretariat/editions/new/", {"number": "99", "year": "2030", "name_en": "X"}
    )
    assert [(r.status_code, r["Location"]) for r in (invited, created)] == [(302, CODE)] * 2
    assert not User.objects.filter(email="new@example.org").exists()
    assert not Edition.objects.filter(number=99).exists()
    assert mail.outbox == []


def test_the_admin_logs_in_with_the_password_then_asks_for_the_code(client, secretary):
    device = app_device(secretary)
    form = {"username": secretary.email, "password": "a-long-test-password-42"}
    logged = client.post("/en/admin/login/?next=/en/admin/", {**form, "next": "/en/admin/"})
    assert (logged.status_code, logged["Location"]) == (302, "/en/admin/")
    asked = client.get("/en/admin/")
    assert asked["Location"] == f"{CODE}?next=%2Fen%2Fadmin%2F"
    passed = client.post(asked["Location"], {"code": app_code(device), "next": "/en/admin/"})
    assert passed["Location"] == "/en/admin/"
    assert client.get("/en/admin/").status_code == 200


def test_the_admin_site_itself_refuses_a_session_without_a_second_factor(secretary):
    """Beneath the middleware, the admin site (django-otp's OTPAdminSite) checks too."""
    request = RequestFactory().get("/en/admin/")
    request.session = {}
    request.user = secretary
    OTPMiddleware(lambda r: None)(request)
    assert admin.site.has_permission(request) is False
    request.user = AnonymousUser()
    assert admin.site.has_permission(request) is False


@pytest.fixture
def juror():
    edition = EditionFactory(number=71, state=EditionState.JUDGING)
    return JurorFactory(edition=edition, user=UserFactory(email="judge@example.org"))


@pytest.mark.parametrize("path", ["/en/jury/", "/en/jury/71/", "/en/accounts/", "/en/"])
def test_a_juror_during_judging_must_set_up_the_second_factor(juror, path):
    response = password_only(juror.user).get(path)
    assert (response.status_code, where(response)) == (302, SETUP)


@pytest.mark.parametrize("state", [EditionState.JUDGING, EditionState.DELIBERATION])
def test_a_juror_or_chair_whose_edition_is_at_work_must_use_it(juror, state):
    Edition.objects.filter(pk=juror.edition_id).update(state=state)
    Juror.objects.filter(pk=juror.pk).update(role="chair")
    assert where(password_only(juror.user).get("/en/jury/71/")) == SETUP


@pytest.mark.parametrize(
    "state",
    [EditionState.DRAFT, EditionState.OPEN, EditionState.SCREENING, EditionState.PUBLISHED],
)
def test_a_juror_whose_edition_is_not_at_work_may_log_in_with_the_password(juror, state):
    Edition.objects.filter(pk=juror.edition_id).update(state=state)
    assert password_only(juror.user).get("/en/accounts/").status_code == 200


def test_a_duty_that_starts_during_a_session_counts_from_the_next_page(juror):
    Edition.objects.filter(pk=juror.edition_id).update(state=EditionState.SCREENING)
    client = password_only(juror.user)
    assert client.get("/en/accounts/").status_code == 200
    Edition.objects.filter(pk=juror.edition_id).update(state=EditionState.JUDGING)
    assert where(client.get("/en/accounts/")) == SETUP


def test_the_juror_s_autosave_with_the_password_only_saves_nothing(juror):
    response = password_only(juror.user).post(
        "/en/jury/71/entries/some-entry/autosave/", {"value_c1": "7"}
    )
    assert (response.status_code, response["Location"]) == (302, SETUP)


def test_an_authority_may_log_in_with_the_password_until_it_sets_up_an_app():
    member = UserFactory()
    AuthorityFactory().members.add(member)
    assert password_only(member).get("/en/accounts/").status_code == 200
    app_device(member)
    assert where(password_only(member).get("/en/accounts/")) == CODE


def test_logging_out_works_before_the_second_factor(secretary):
    client = password_only(secretary)
    response = client.post("/en/accounts/logout/")
    assert (response.status_code, response["Location"]) == (302, "/en/")
    assert "_auth_user_id" not in client.session
    assert client.get("/en/secretariat/")["Location"].startswith("/en/accounts/login/")


def test_the_language_can_be_changed_before_the_second_factor(secretary):
    response = password_only(secretary).post("/i18n/setlang/", {"language": "fr", "next": SETUP})
    assert (response.status_code, response["Location"]) == (302, SETUP.replace("/en/", "/fr/"))


def test_a_password_only_session_cannot_set_up_a_second_app_to_skip_the_first(secretary):
    app_device(secretary)
    client = password_only(secretary)
    response = client.get(SETUP)
    assert where(response) == CODE
    assert client.post(SETUP, {"code": "123456"})["Location"].startswith(CODE)
    assert secretary.totpdevice_set.count() == 1
