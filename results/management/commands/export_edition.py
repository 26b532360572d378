from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from prize.models import Edition
from results.interchange.exporter import dumps, export_edition


class Command(BaseCommand):
    help = "Export one edition in the interchange format (to standard output or a file)."

    def add_arguments(self, parser):
        parser.add_argument("number", type=int)
        parser.add_argument("-o", "--output", type=Path, help="File to write; photos go beside it.")

    def handle(self, *args, number, output, **options):
        try:
            data = export_edition(number, photo_dir=output.parent if output else None)
        except Edition.DoesNotExist:
            raise CommandError(f"There is no edition {number}.") from None
        except ValueError as error:
            raise CommandError(str(error)) from None
        text = dumps(data)
        if output:
            output.write_text(text, encoding="utf-8")
            self.stderr.write(f"Wrote edition {number} to {output}.")
        else:
            self.stdout.write(text)
