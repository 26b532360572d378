"""manage.py import_alliance FILE --by EMAIL [--dry-run]: the participants that joined
the Alliance before the site, from the secretariat's CSV file (alliance.importing says
the format and what an import does). All or nothing."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.addresses import normalise_email
from alliance import importing


class Command(BaseCommand):
    help = (
        "Import the Alliance's participants from a CSV file (UTF-8; header: "
        f"{importing.HEADER}[,name_fr]). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--by", required=True, help="E-mail address of the secretariat member importing."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would happen; write nothing."
        )

    def handle(self, *args, file: Path, by: str, dry_run: bool, **options):
        user = get_user_model().objects.filter(email=normalise_email(by)).first()
        if user is None:
            raise CommandError(f"No account has the address {by}.")
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.") from None
        service = (
            importing.participants_import_preview if dry_run else importing.participants_import
        )
        try:
            plan = service(data=data, by=user)
            if plan.problems:
                raise ValidationError(plan.problems)
        except PermissionDenied as error:
            raise CommandError(str(error)) from None
        except ValidationError as error:
            lines = "\n".join(f"  - {message}" for message in error.messages)
            raise CommandError(f"Nothing was imported:\n{lines}") from None
        for step in plan.steps:
            changes = "; ".join(step.changes)
            self.stdout.write(
                f"line {step.row.line}: {step.row.name} ({step.row.country}): {step.action}"
                + (f" ({changes})" if changes else "")
            )
        counts = ", ".join(f"{plan.count(action)} {action}" for action in importing.ACTIONS)
        self.stdout.write(("Dry run, nothing written: " if dry_run else "Imported: ") + counts)
