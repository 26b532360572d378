"""E-mail while developing (settings/local.py): every message the site sends is written
to the console decoded, as a person reads it (Django's console backend prints the raw
message, quoted-printable: a long link is cut over two lines with "="), and kept as an
.eml file that the page "E-mails sent" (`dev_views.sent_mail`, DEBUG only) shows,
newest first. Nothing here is used in production."""

import os
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend
from django.urls import NoReverseMatch, reverse

BACKEND = "accounts.dev_mail.EmailBackend"
SHOWN = 50  # messages on the page: the newest


class EmailBackend(ConsoleEmailBackend):
    """The console backend, decoded, keeping each message in `file_path` (an option of
    MAILERS, named as for Django's file backend)."""

    def __init__(self, *args, file_path, **kwargs):
        super().__init__(*args, **kwargs)
        self.file_path = Path(file_path)

    def write_message(self, message) -> None:
        raw = message.message().as_bytes()
        keep(self.file_path, raw)
        self.stream.write(console_text(read(raw)))


def keep(directory: Path, raw: bytes) -> Path:
    """Store one message under a name that sorts by time; it appears whole or not at all
    (written aside, then renamed), so the page never reads half a message."""
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{time.time_ns():020d}-{uuid.uuid4().hex[:8]}"
    partial = directory / f".{name}.part"
    partial.write_bytes(raw)
    target = directory / f"{name}.eml"
    os.replace(partial, target)
    return target


@dataclass
class KeptMail:
    """One sent message, decoded: its parts as text, never as markup to render."""

    id: str
    sent_at: datetime | None
    subject: str
    sender: str
    to: list[str]
    cc: list[str]
    language: str
    text: str
    html: str
    attachments: list[str] = field(default_factory=list)


def read(raw: bytes, *, id: str = "") -> KeptMail:
    message: EmailMessage = message_from_bytes(raw, policy=policy.default)  # type: ignore[assignment]
    text, html = message.get_body(("plain",)), message.get_body(("html",))
    date = message["Date"]
    return KeptMail(
        id=id,
        sent_at=date.datetime if date else None,
        subject=str(message["Subject"] or ""),
        sender=str(message["From"] or ""),
        to=_addresses(message, "To"),
        cc=_addresses(message, "Cc"),
        language=str(message["Content-Language"] or ""),
        text=text.get_content() if text else "",
        html=html.get_content() if html else "",
        attachments=[part.get_filename() or "?" for part in message.iter_attachments()],
    )


def _addresses(message: EmailMessage, header: str) -> list[str]:
    value = message[header]
    return [str(address) for address in value.addresses] if value else []


def console_text(mail: KeptMail) -> str:
    lines = [f"Subject: {mail.subject}", f"From: {mail.sender}", f"To: {', '.join(mail.to)}"]
    if mail.cc:
        lines.append(f"Cc: {', '.join(mail.cc)}")
    if mail.language:
        lines.append(f"Language: {mail.language}")
    if mail.attachments:
        lines.append(f"Attachments: {', '.join(mail.attachments)}")
    body = mail.text or mail.html
    return "\n".join([*lines, "", body.rstrip("\n"), "-" * 79, ""])


def kept_directory() -> Path | None:
    """Where the development backend keeps messages, if it is the one in use."""
    config = getattr(settings, "MAILERS", {}).get("default", {})
    if config.get("BACKEND") != BACKEND:
        return None
    return Path(config["OPTIONS"]["file_path"])


def kept_mails(directory: Path, *, limit: int = SHOWN) -> list[KeptMail]:
    """The newest `limit` messages kept in `directory`, newest first."""
    if not directory.is_dir():
        return []
    files = sorted(directory.glob("*.eml"), reverse=True)[:limit]
    return [read(path.read_bytes(), id=path.stem) for path in files]


def dev_mail_link(request) -> dict:
    """Context processor of settings/local.py: the footer links to the kept e-mails."""
    if not settings.DEBUG:
        return {}
    try:
        return {"dev_mail_url": reverse("dev_mail")}
    except NoReverseMatch:
        return {}
