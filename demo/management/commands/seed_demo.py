"""Demo data: the seven past editions, an 8th edition open for entries, and one account
per role. Idempotent: run it as often as you like."""

from base64 import b32decode
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from accounts.rules import key_shown, recovery_code_shown
from accounts.services import (
    second_factor_set,
    user_create,
    user_secretariat_set,
    user_superuser_revoke,
)
from demo.alliance import alliance_demo
from jury.enums import JurorRole
from jury.models import Juror
from jury.services import juror_add
from prize import services
from prize.models import Edition
from results import services as results_services
from results.interchange.importer import import_editions
from results.interchange.parsing import parse
from submissions.models import Authority
from submissions.services import authority_create, authority_member_add

HISTORY = Path(settings.BASE_DIR) / "prize" / "data" / "dosta-history.json"
DEMO_PASSWORD = "dosta-demo-2026"  # nosec B105 # the demo's published password (README)
ACCOUNTS = [
    ("secretariat@example.org", "Demo Secretariat", "secretariat"),
    ("authority@example.org", "Demo Authority Member", "authority member"),
    ("juror@example.org", "Demo Juror", "juror"),
    ("chair@example.org", "Demo Jury Chair", "jury chair"),
]
DEMO_EDITION = 8
# Two-factor login: the demo's secretariat, juror and chair (who need it while the demo
# edition is judged) share this published key and these recovery codes, restored by
# every run. `manage.py demo_totp_code EMAIL` prints the current code.
DEMO_TOTP_KEY = "DOSTADEMOKEYFORTESTINGTWOFACTORS"  # published (README)
DEMO_RECOVERY_CODES = [f"demo{n:04d}" for n in range(1, 11)]
SECOND_FACTOR_ROLES = ("secretariat", "juror", "jury chair")


class Command(BaseCommand):
    help = "Load the past editions and a demo 8th edition open for entries, with demo logins."

    def handle(self, *args, **options):
        with transaction.atomic():
            self._history()
            users = self._accounts()
            edition = self._edition(users["secretariat@example.org"])
            self._roles(edition, users)
            alliance_demo(secretary=users["secretariat@example.org"], member=users[ACCOUNTS[1][0]])
            devices = self._second_factor(users)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Logins (password for all: {DEMO_PASSWORD}):")
        )
        for email, _name, role in ACCOUNTS:
            self.stdout.write(f"  {role:<17} {email}")
        self._print_second_factor(devices)

    def _second_factor(self, users: dict) -> list:
        """The demo's authenticator app for the roles that need two-factor login."""
        key = b32decode(DEMO_TOTP_KEY).hex()
        return [
            second_factor_set(user=users[email], key=key, recovery_codes=DEMO_RECOVERY_CODES)
            for email, _name, role in ACCOUNTS
            if role in SECOND_FACTOR_ROLES
        ]

    def _print_second_factor(self, devices: list) -> None:
        write = self.stdout.write
        write("Two-factor login (secretariat, juror, chair): after the password, a 6-digit code.")
        write(f"  Key for any authenticator app (time-based, 6 digits): {key_shown(DEMO_TOTP_KEY)}")
        for device in devices:
            write(f"  {device.config_url}")
        write("  The current code without an app: python manage.py demo_totp_code EMAIL")
        codes = " ".join(recovery_code_shown(code) for code in DEMO_RECOVERY_CODES)
        write(f"  Recovery codes (each once per account, until the next seed_demo): {codes}")

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

    def _accounts(self) -> dict:
        """The demo's logins. None is a superuser: the secretariat's is staff in the
        Secretariat group. Accounts made by an older seed_demo, when the secretariat's
        was a superuser, are brought in line."""
        users = {}
        User = get_user_model()
        for email, name, role in ACCOUNTS:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = user_create(
                    email=email,
                    password=DEMO_PASSWORD,
                    name=name,
                    is_secretariat=role == "secretariat",
                )
            else:
                user_superuser_revoke(user=user)
                if role == "secretariat":
                    user_secretariat_set(user=user, member=True)
            users[email] = user
        return users

    def _edition(self, secretary) -> Edition:
        edition = Edition.objects.filter(number=DEMO_EDITION).first()
        if edition is not None:
            return edition
        today = timezone.localdate()
        deadline = datetime.combine(
            today + timedelta(days=120), time(23, 59), tzinfo=ZoneInfo("Europe/Paris")
        )
        edition = services.edition_create(
            by=secretary,
            number=DEMO_EDITION,
            year=today.year,
            name={
                "en": "8th Dosta!-Congress Prize for Municipalities",
                "fr": "8e Prix Dosta!-Congrès pour les municipalités",
            },
            project_start=date(today.year - 2, 1, 1),
            project_end=date(today.year - 1, 12, 31),
            submission_deadline=deadline,
            ceremony_place="Strasbourg",
        )
        return results_services.edition_transition(
            edition_id=edition.pk, action="open_call", by=secretary, note="Demo call for entries"
        )

    def _roles(self, edition: Edition, users: dict) -> None:
        member = users["authority@example.org"]
        if not member.authorities.exists():
            authority = Authority.objects.filter(name="City of Cluj-Napoca", country="RO").first()
            if authority is None:
                authority_create(
                    name="City of Cluj-Napoca", kind="municipality", country="RO", members=[member]
                )
            else:
                authority_member_add(authority=authority, user=member)
        for ref, email, role in (
            ("demo-juror", "juror@example.org", JurorRole.MEMBER),
            ("demo-chair", "chair@example.org", JurorRole.CHAIR),
        ):
            if not Juror.objects.filter(edition=edition, ref=ref).exists():
                user = users[email]
                juror_add(
                    edition=edition,
                    ref=ref,
                    name=user.name,
                    email=email,
                    country="FR",
                    role=role,
                    user=user,
                )
