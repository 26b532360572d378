"""Delete what the retention periods no longer allow to keep (docs/deploy.md,
"Retention"): run it daily from the operator's scheduler."""

from django.core.management.base import BaseCommand

from accounts.personal_data import purge


class Command(BaseCommand):
    help = (
        "Delete expired sessions, never-confirmed accounts, old failed logins and the "
        "unsubmitted drafts of closed editions, past their retention periods "
        "(settings.RETENTION_DAYS). --dry-run counts them and deletes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run: bool, **options):
        verb = "would be deleted" if dry_run else "deleted"
        # Each rule commits on its own: a failure half-way keeps what was already done.
        for name, count in purge(dry_run=dry_run):
            self.stdout.write(f"{name}: {count} {verb}")
