"""Demo data: the seven past editions (the archive, from the history data), and next to
them one demo edition in each phase of the prize (open, screening, judging, deliberation,
published), with invented authorities and people who each have something to do.
Idempotent: a second run changes nothing. `--reset` deletes the demo data (never the
archive) and builds it again."""

import contextlib
import io
import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.rules import key_shown, recovery_code_shown
from demo import data
from demo.alliance import alliance_demo
from demo.editions import Cast, certificate_to_verify, editions_build
from demo.news import call_text_ensure, news_demo
from demo.people import (
    DEMO_RECOVERY_CODES,
    DEMO_TOTP_KEY,
    authorities_ensure,
    people_ensure,
    second_factor_ensure,
)
from demo.reset import demo_delete, demo_editions, legacy_delete
from prize.models import Edition
from results.interchange.importer import import_editions
from results.interchange.parsing import parse

HISTORY = Path(settings.BASE_DIR) / "prize" / "data" / "dosta-history.json"
DEMO_PASSWORD = data.DEMO_PASSWORD
WHAT_TO_DO = {
    "secretariat": "entries to screen (Demo · eligibility screening), a conflict to decide "
    "(Demo · jury scoring), an Alliance request",
    "approver": "approve the jury's decision once the chair records it (Demo · deliberation)",
    "chair": "record the decision with its tie for the 2nd place (Demo · deliberation)",
    "juror": "entries to score, one sheet saved as a draft (Demo · jury scoring)",
    "juror2": "a sheet to submit; a conflict flagged for the chair (Demo · jury scoring)",
    "juror3": "two entries still to score (Demo · jury scoring)",
    "authority": "a draft to finish (Demo · open), information to send (Demo · screening)",
}


@contextlib.contextmanager
def _quiet(name: str):
    """The task backend's log line per task (over two hundred) for the time of the build."""
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class Command(BaseCommand):
    help = (
        "Load the past editions, and demo editions in every phase with demo logins. "
        "--reset deletes the demo data (never the archive) and builds it again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the demo editions, authorities and people first, then build again.",
        )

    def handle(self, *args, reset: bool = False, **options):
        started = time.monotonic()
        demo_editions()  # refuses before anything changes if a real edition has a demo number
        for line in legacy_delete():
            self.stdout.write(f"Removed what an older seed_demo made: {line}.")
        if reset:
            counts = demo_delete()
            self.stdout.write(
                "Deleted the demo data: {editions} editions, {authorities} authorities, "
                "{people} people, {news} news items.".format(**counts)
            )
        self._history()
        # The demo's e-mails go to invented addresses; with the console backend of
        # `make run` they would bury the logins below, so they are not shown.
        with contextlib.redirect_stdout(io.StringIO()), _quiet("django.tasks"):
            devices = self._build()
        self.stdout.write(f"Demo data ready in {time.monotonic() - started:.1f} s.")
        self._print_logins()
        self._print_second_factor(devices)

    def _build(self) -> list:
        with transaction.atomic():
            users = people_ensure()
            authorities = authorities_ensure(users)
            devices = second_factor_ensure(users)
        editions_build(Cast(users=users, authorities=authorities), write=self.stdout.write)
        with transaction.atomic():
            alliance_demo(users=users, authorities=authorities)
            call_text_ensure(by=users["secretariat"])
            news_demo(by=users["secretariat"])
        return devices

    def _print_logins(self) -> None:
        write = self.stdout.write
        write(self.style.SUCCESS(f"Demo logins (password for all: {DEMO_PASSWORD}):"))
        for key in data.LOGINS:
            person = data.PEOPLE_BY_KEY[key]
            write(f"  {person.role:<24} {person.email:<30} {WHAT_TO_DO[key]}")
        write("  Demo editions: “Demo · …” (numbers 91–95); the archive is editions 1–7.")
        certificate = certificate_to_verify()
        if certificate is not None:
            write(
                f"  A certificate to verify ({certificate.entry.authority.name}, 1st place of "
                f"“Demo · results published”): /en/certificates/{certificate.number}/"
            )

    def _print_second_factor(self, devices: list) -> None:
        write = self.stdout.write
        write("Two-factor login (secretariat, chair, jurors): after the password, a 6-digit code.")
        write(f"  Key for any authenticator app (time-based, 6 digits): {key_shown(DEMO_TOTP_KEY)}")
        for device in devices:
            write(f"  {device.config_url}")
        write("  The current code without an app: python manage.py demo_totp_code EMAIL")
        codes = " ".join(recovery_code_shown(code) for code in DEMO_RECOVERY_CODES)
        write(f"  Recovery codes (once each per account; seed_demo restores them): {codes}")

    def _history(self) -> None:
        known = set(Edition.objects.values_list("number", flat=True))
        wanted = [e["edition"]["number"] for e in parse(HISTORY.read_text(encoding="utf-8"))]
        if set(wanted) <= known:
            return
        if known & set(wanted):
            self.stdout.write(
                "Some past editions exist already; replacing the seven of the archive."
            )
        import_editions([HISTORY], replace=True)
        self.stdout.write(f"Imported the past editions {min(wanted)}–{max(wanted)}.")
