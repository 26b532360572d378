"""Print an edition's computed ranking: a text table, or JSON as the contract shows."""

import json
from dataclasses import replace

from django.core.management.base import BaseCommand, CommandError

from jury import ranking, selectors
from prize.models import Edition


class Command(BaseCommand):
    help = "Print the computed ranking of an edition (shared/contracts/ranking.md)."

    def add_arguments(self, parser):
        parser.add_argument("number", type=int, help="the edition's number")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--aggregation",
            choices=ranking.AGGREGATIONS,
            help="rank under another aggregation than the edition's (to compare)",
        )

    def handle(self, *args, number: int, format: str, aggregation: str | None, **options):
        edition = Edition.objects.filter(number=number).first()
        if edition is None:
            raise CommandError(f"There is no edition {number}.")
        settings = selectors.ranking_settings(edition)
        if aggregation:
            settings = replace(settings, aggregation=aggregation)
        rows = ranking.rank(settings=settings, **selectors.ranking_input(edition=edition))
        if format == "json":
            data = ranking.as_json(edition=number, settings=settings, rows=rows)
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=1))
        else:
            self.stdout.write(self._table(edition, settings, rows))

    def _table(self, edition, settings, rows) -> str:
        lines = [
            f"Edition {edition.number}: {settings.aggregation}, {settings.place_numbering} "
            f"numbering, {settings.score_precision} decimals, {settings.places} places",
            f"{'place':>5}  {'score':>8}  {'jurors':>6}  entry / authority (country)",
        ]
        for row in rows:
            place = "" if row.place is None else f"{row.place}{'=' if row.ex_aequo else ''}"
            score = "—" if row.score is None else ranking.score_text(row.score, settings)
            mark = "*" if row.laureate else " "
            lines.append(
                f"{place:>5}{mark} {score:>8}  {row.jurors:>6}  {row.entry} / "
                f"{row.authority} ({row.country})"
            )
        lines.append("= ex aequo   * laureate")
        return "\n".join(lines)
