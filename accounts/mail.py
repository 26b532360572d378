"""Sending e-mails: each person gets them in their own language. The lowest layer, so
every app sends the same way."""

import smtplib

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _


def mail_send(
    *, to: str, language: str, subject: str, template: str, context: dict, attachments=()
) -> None:
    """Render `template` and its subject (a lazy or plain English string, translated here)
    in `language` and send it. Side effect: one e-mail."""
    with translation.override(language):
        body = render_to_string(template, context)
        message = EmailMessage(str(_(subject)), body, None, [to])
    for name, content, mimetype in attachments:
        message.attach(name, content, mimetype)
    message.send()


def mail_or_refuse(send, *, refused: str) -> None:
    """Call `send()` inside the caller's transaction; a refused e-mail becomes a
    ValidationError (`refused`, with %(error)s) so the transaction is rolled back."""
    try:
        send()
    except (OSError, smtplib.SMTPException) as error:
        raise ValidationError(refused % {"error": error}) from error
