from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prize.interchange.importer import ImportRefused, import_editions


class Command(BaseCommand):
    help = "Import editions from interchange files (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--replace", action="store_true", help="Replace editions that already exist."
        )

    def handle(self, *args, files, replace, **options):
        try:
            editions = import_editions(files, replace=replace)
        except ImportRefused as refused:
            count = len(refused.problems)
            lines = "\n".join(f"  - {p}" for p in refused.problems)
            raise CommandError(
                f"Nothing was imported: {count} problem{'s' if count > 1 else ''}.\n{lines}"
            ) from None
        for edition in editions:
            self.stdout.write(
                f"Imported edition {edition.number} ({edition.entries.count()} entries)."
            )
