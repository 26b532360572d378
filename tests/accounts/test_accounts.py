"""Log in with an e-mail address, log out, reset a password, accept an invitation."""

import re

import pytest
from django.core import mail

from accounts.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_login_with_email_in_any_case(client):
    user = UserFactory(email="maria@example.org")
    response = client.post(
        "/en/accounts/login/", {"username": "Maria@Example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/start/"
    assert client.get("/en/accounts/").context["user"] == user


def test_login_with_a_wrong_password_says_what_to_do(client):
    UserFactory(email="maria@example.org")
    response = client.post(
        "/en/accounts/login/", {"username": "maria@example.org", "password": "nope"}
    )
    assert response.status_code == 200
    assert (
        "That e-mail address and password do not match an account. Check both, or reset "
        "your password."
    ) in response.content.decode()
    assert 'value="maria@example.org"' in response.content.decode()


def test_logout_is_a_post(client):
    client.force_login(UserFactory())
    assert client.post("/en/accounts/logout/").status_code == 302
    assert client.get("/en/accounts/").status_code == 302


def test_password_reset_by_email_sets_a_new_password(client):
    UserFactory(email="maria@example.org")
    response = client.post("/en/accounts/password-reset/", {"email": "maria@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/en/accounts/password-reset/\S+/)", mail.outbox[0].body)
    page = client.get(link.group(1), follow=True)
    assert "Choose a new password" in page.content.decode()
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "another-long-password-7", "new_password2": "another-long-password-7"},
    )
    assert response.status_code == 302
    assert client.login(username="maria@example.org", password="another-long-password-7")


def test_invitation_in_the_invitees_language_sets_a_password_and_logs_in(client, secretary):
    client.force_login(secretary)
    response = client.post(
        "/en/accounts/invite/",
        {"email": "Juge@Example.org", "name": "Anne Juge", "language": "fr"},
    )
    assert response.status_code == 302
    invited = User.objects.get(email="juge@example.org")
    assert not invited.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["juge@example.org"]
    assert message.subject == "Votre invitation au Prix Dosta!-Congrès"
    path = re.search(r"http://testserver(/fr/accounts/invitation/\S+/)", message.body).group(1)

    client.logout()
    page = client.get(path, follow=True)
    assert "Bienvenue" in page.content.decode()
    response = client.post(
        page.redirect_chain[-1][0],
        {"new_password1": "a-juror-password-2026", "new_password2": "a-juror-password-2026"},
    )
    assert response.status_code == 302
    assert client.get("/fr/accounts/").context["user"] == invited
    # The link works once.
    client.logout()
    assert "Ce lien n'est plus valable" in client.get(path, follow=True).content.decode()


def test_invitation_to_an_existing_address_is_refused_with_a_sentence(client, secretary):
    UserFactory(email="taken@example.org")
    client.force_login(secretary)
    response = client.post(
        "/en/accounts/invite/", {"email": "taken@example.org", "name": "X", "language": "en"}
    )
    assert response.status_code == 400
    assert "taken@example.org already has an account." in response.content.decode()
    assert mail.outbox == []


def test_only_the_secretariat_can_invite(client):
    client.force_login(UserFactory())
    assert client.get("/en/accounts/invite/").status_code == 403
    response = client.post("/en/accounts/invite/", {"email": "x@example.org", "language": "en"})
    assert response.status_code == 403
    assert not User.objects.filter(email="x@example.org").exists()


def test_invitation_whose_email_the_server_refuses_keeps_the_account_and_logs_an_error(
    client, secretary, mail_server_down, caplog
):
    """The mail is sent by the task worker, after the request answered: a refusal fails
    that task (logged as an error) and the secretariat can invite again later."""
    client.force_login(secretary)
    response = client.post(
        "/en/accounts/invite/", {"email": "far@example.org", "name": "Far Away", "language": "en"}
    )
    assert response.status_code == 302
    assert User.objects.filter(email="far@example.org").exists()
    refusals = [r for r in caplog.records if r.levelname == "ERROR" and r.name == "accounts.mail"]
    assert [r.getMessage().split(": [Errno")[0] for r in refusals] == [
        "E-mail “Your invitation to the Dosta!-Congress Prize” to far@example.org refused by "
        "the mail server"
    ]
    failed = [r.getMessage() for r in caplog.records if r.name == "django.tasks"]
    assert any("accounts.tasks.invitation_mail state=FAILED" in m for m in failed)


def test_a_person_invited_to_the_secretariat_is_staff_in_its_group_not_a_superuser(
    client, secretary
):
    client.force_login(secretary)
    data = {"email": "new@coe.example", "name": "New", "language": "en", "is_secretariat": "on"}
    assert client.post("/en/accounts/invite/", data).status_code == 302
    invited = User.objects.get(email="new@coe.example")
    assert (invited.is_staff, invited.is_superuser, invited.is_secretariat) == (True, False, True)
    assert list(invited.groups.values_list("name", flat=True)) == ["Secretariat"]
    client.post(
        "/en/accounts/invite/", {**data, "email": "other@coe.example", "is_secretariat": ""}
    )
    other = User.objects.get(email="other@coe.example")
    assert (other.is_staff, other.is_superuser, other.is_secretariat) == (False, False, False)


def test_being_a_superuser_does_not_make_anyone_the_secretariat(client):
    operator = User.objects.create_superuser("root@example.org", PASSWORD)
    operator.groups.clear()
    operator = User.objects.get(pk=operator.pk)
    assert operator.is_secretariat is False
    client.force_login(operator)
    assert client.get("/en/secretariat/").status_code == 403
