"""Delete stored files that no row refers to: run it from cron (see docs/deploy.md)."""

from datetime import timedelta

from django.core.management.base import BaseCommand

from prize.services.media import media_orphans_delete


class Command(BaseCommand):
    help = "Delete media files (photos, attachments, certificates) no database row refers to."

    def add_arguments(self, parser):
        parser.add_argument(
            "--min-age-minutes",
            type=int,
            default=60,
            help="Leave younger files alone: they may belong to an upload under way (60).",
        )
        parser.add_argument("--dry-run", action="store_true", help="List, delete nothing.")

    def handle(self, *args, min_age_minutes, dry_run, **options):
        names = media_orphans_delete(min_age=timedelta(minutes=min_age_minutes), dry_run=dry_run)
        for name in names:
            self.stdout.write(name)
        verb = "would be deleted" if dry_run else "deleted"
        self.stdout.write(f"{len(names)} orphan file(s) {verb}.")
