from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import ngettext

from results.interchange.importer import ImportRefused, import_editions
from results.interchange.parsing import printable


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
            heading = ngettext(
                "Nothing was imported: %(count)d problem.",
                "Nothing was imported: %(count)d problems.",
                count,
            ) % {"count": count}
            lines = "\n".join(f"  - {printable(str(p))}" for p in refused.problems)
            raise CommandError(f"{heading}\n{lines}") from None
        for edition in editions:
            count = edition.entries.count()
            self.stdout.write(
                ngettext(
                    "Imported edition %(number)d (%(count)d entry).",
                    "Imported edition %(number)d (%(count)d entries).",
                    count,
                )
                % {"number": edition.number, "count": count}
            )
