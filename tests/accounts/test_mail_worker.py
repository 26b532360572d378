"""No request waits for the mail server, and none tells by its work whether an address has
an account: registering and asking for a password reset queue the same task for a known
and an unknown address, and the task worker sends the e-mail. Shown with a real, slow SMTP
server on 127.0.0.1 (aiosmtpd) that does not even greet a client until it is released,
and the production task backend (a table in the database)."""

import asyncio
import email
import io
import threading
from email.policy import default as email_policy

import pytest
from aiosmtpd.controller import Controller
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tests.factories import PASSWORD, UserFactory
from tests.s3server import free_port

KNOWN = "maria@example.org"


class SlowMailServer:
    """An aiosmtpd handler: each client waits at EHLO until `release` is set."""

    def __init__(self):
        self.release = threading.Event()
        self.greeted = 0
        self.messages = []

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        self.greeted += 1
        await asyncio.get_running_loop().run_in_executor(None, self.release.wait, 20)
        session.host_name = hostname
        return responses

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email_policy)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 OK"


@pytest.fixture
def slow_mail_server(settings):
    handler = SlowMailServer()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": controller.port, "timeout": 30},
        }
    }
    yield handler
    handler.release.set()
    controller.stop()


@pytest.fixture
def task_table(settings):
    """The production task backend: tasks wait in the database for a worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", stdout=io.StringIO())


def queued() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("known", [True, False], ids=["known-address", "unknown-address"])
def test_no_request_waits_for_a_slow_mail_server(client, slow_mail_server, task_table, known):
    if known:
        UserFactory(email=KNOWN, language="en")
    registered = client.post(
        "/en/accounts/register/",
        {"email": KNOWN, "name": "Maria", "language": "en", "password": PASSWORD},
    )
    reset = client.post("/en/accounts/password-reset/", {"email": KNOWN})

    # Both answered while the mail server would not even greet anyone; nothing was sent.
    assert registered["Location"] == "/en/accounts/register/sent/"
    assert reset["Location"] == "/en/accounts/password-reset/sent/"
    assert slow_mail_server.greeted == 0
    assert mail.outbox == []
    # The same work for either address: the same two tasks, waiting for a worker.
    assert queued() == ["accounts.tasks.password_reset_mail", "accounts.tasks.registration_mail"]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"READY"}

    slow_mail_server.release.set()
    run_worker()
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    subjects = sorted(message["Subject"] for _rcpt, message in slow_mail_server.messages)
    if known:  # the owner is told, and gets the reset link an unknown address never gets
        assert subjects == [
            "Reset your password – Dosta!-Congress Prize",
            "You already have an account",
        ]
    else:
        assert subjects == ["Confirm your e-mail address"]
    assert {tuple(rcpt) for rcpt, _content in slow_mail_server.messages} == {(KNOWN,)}


@pytest.mark.django_db(transaction=True)
def test_no_link_that_opens_an_account_is_kept_in_the_task_table(
    client, slow_mail_server, task_table, secretary
):
    """The secretariat reads the task table in the admin: the links that confirm an
    address, reset a password or accept an invitation are made by the worker."""
    UserFactory(email=KNOWN)
    client.post(
        "/en/accounts/register/",
        {"email": "new@example.org", "name": "N", "language": "en", "password": PASSWORD},
    )
    client.post("/en/accounts/password-reset/", {"email": KNOWN})
    client.force_login(secretary)
    client.post("/en/accounts/invite/", {"email": "inv@example.org", "name": "I", "language": "en"})
    stored = " ".join(str(args) for args in DBTaskResult.objects.values_list("args_kwargs"))
    assert len(queued()) == 3
    assert "/confirm/" not in stored and "/password-reset/" not in stored
    assert "/invitation/" not in stored
    slow_mail_server.release.set()
    run_worker()
    bodies = " ".join(message.get_content() for _rcpt, message in slow_mail_server.messages)
    assert bodies.count("http://testserver/en/accounts/") >= 3
    assert "/en/accounts/confirm/" in bodies and "/en/accounts/invitation/" in bodies
