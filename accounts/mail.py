"""Sending e-mails: each person gets them in their own language, and no request ever
waits for the mail server. The lowest layer, so every app sends the same way.

- `mail_send` (in a request, a service or a task): renders the message now, in the
  person's language, and queues `mail_task`, which the task worker sends. The queued row
  holds the rendered message, so it must carry no secret: the secretariat can read the
  task table in the admin.
- `mail_send_now` (in a task only): renders and sends at once. For the messages that
  carry a link that opens an account (confirmation, password reset, invitation): their
  task is queued with ids only and builds the link in the worker.

The task is queued in the caller's transaction: with the database backend (production)
the queued e-mail is committed, or rolled back, with the rows it speaks of. A refusal by
the mail server fails the task in the worker (logged as an error, kept in the task table
with its traceback); the request that queued it has long answered.
"""

import base64
import logging
from email.utils import formataddr, parseaddr

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

log = logging.getLogger(__name__)

# The sender's name, in the recipient's language like the rest of the message.
SENDER_NAME = gettext_noop("Dosta!-Congress Prize")


def sender(language: str | None) -> str:
    """The From header: the address of DEFAULT_FROM_EMAIL, named in `language` ("Prix
    Dosta!-Congrès" for French); DEFAULT_FROM_EMAIL as it is when no language is known."""
    if not language:
        return settings.DEFAULT_FROM_EMAIL
    _name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    with translation.override(language):
        return formataddr((str(_(SENDER_NAME)), address))


def mail_render(*, language: str, subject: str, template: str, context: dict) -> tuple[str, str]:
    """The subject (a lazy or plain English string, translated here) and the body of
    `template`, both in `language`."""
    with translation.override(language):
        return " ".join(str(_(subject)).splitlines()), render_to_string(template, context)


def mail_deliver(
    *,
    to: str,
    subject: str,
    body: str,
    language: str | None = None,
    attachments=(),
    headers: dict | None = None,
) -> None:
    """In a task: hand one rendered message, from the sender named in `language` and
    saying its language (Content-Language) when known, to the mail server. A refusal is
    logged as an error and raised (OSError: smtplib's errors are OSErrors), which fails
    the task. `headers`: extra ones, such as List-Unsubscribe (RFC 2369, 8058)."""
    headers = {**({"Content-Language": language} if language else {}), **(headers or {})}
    message = EmailMessage(subject, body, sender(language), [to], headers=headers or None)
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    try:
        message.send()
    except OSError as error:
        log.error("E-mail “%s” to %s refused by the mail server: %s", subject, to, error)
        raise


@task()
def mail_task(to: str, subject: str, body: str, attachments: list, language: str = "") -> None:
    """Send one message rendered by `mail_send`; attachments come as (name, base64,
    type). `language` names the sender and the Content-Language (a task queued before it
    existed has none)."""
    files = [(name, base64.b64decode(data), mimetype) for name, data, mimetype in attachments]
    mail_deliver(to=to, subject=subject, body=body, language=language, attachments=files)


def mail_send(
    *, to: str, language: str, subject: str, template: str, context: dict, attachments=()
) -> None:
    """Render `template` and its subject in `language` and queue the message for the
    task worker. Side effect: one queued task (never a connection to the mail server)."""
    subject, body = mail_render(
        language=language, subject=subject, template=template, context=context
    )
    files = [
        (name, base64.b64encode(content).decode("ascii"), mimetype)
        for name, content, mimetype in attachments
    ]
    mail_task.enqueue(to=to, subject=subject, body=body, attachments=files, language=language)


def mail_send_now(
    *,
    to: str,
    language: str,
    subject: str,
    template: str,
    context: dict,
    attachments=(),
    headers: dict | None = None,
) -> None:
    """In a task: render and send at once (see the module's docstring)."""
    subject, body = mail_render(
        language=language, subject=subject, template=template, context=context
    )
    mail_deliver(
        to=to,
        subject=subject,
        body=body,
        language=language,
        attachments=attachments,
        headers=headers,
    )
