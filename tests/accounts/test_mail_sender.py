"""Every e-mail speaks the recipient's language to the end: the sender's name in the
From header too, through `mail_send`, the queued task and the mail server's view."""

import email
from email.policy import default as email_policy

import pytest
from django.core import mail

from accounts.mail import mail_send, mail_task
from tests.factories import UserFactory


def _from_header(message) -> str:
    """The From header as a mail program shows it, after the MIME encoding."""
    parsed = email.message_from_bytes(message.message().as_bytes(), policy=email_policy)
    return str(parsed["From"])


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Prix Dosta!-Congrès <prize@example.org>"),
        ("en", "Dosta!-Congress Prize <prize@example.org>"),
    ],
)
def test_the_sender_is_named_in_the_recipients_language(settings, language, expected):
    settings.DEFAULT_FROM_EMAIL = "Dosta!-Congress Prize <prize@example.org>"
    mail_send(
        to="maria@example.org",
        language=language,
        subject="Your invitation to the Dosta!-Congress Prize",
        template="emails/authority_invitation.txt",
        context={"invitation": None, "by": None, "link": "http://testserver/"},
    )
    (sent,) = mail.outbox
    assert _from_header(sent) == expected
    assert sent.to == ["maria@example.org"]


def test_a_task_queued_before_the_language_was_passed_keeps_the_configured_sender(settings):
    settings.DEFAULT_FROM_EMAIL = "Dosta!-Congress Prize <prize@example.org>"
    mail_task.enqueue(to="maria@example.org", subject="Hello", body="Body", attachments=[])
    (sent,) = mail.outbox
    assert _from_header(sent) == "Dosta!-Congress Prize <prize@example.org>"


@pytest.mark.django_db
def test_a_password_reset_in_french_comes_from_the_french_prize_name(client, settings):
    settings.DEFAULT_FROM_EMAIL = "Dosta!-Congress Prize <prize@example.org>"
    UserFactory(email="claire@example.org", language="fr")
    client.post("/fr/accounts/password-reset/", {"email": "claire@example.org"})
    (sent,) = mail.outbox
    assert _from_header(sent) == "Prix Dosta!-Congrès <prize@example.org>"
