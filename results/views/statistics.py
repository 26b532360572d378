"""The secretariat's statistics: a page per edition and one across editions, with their
CSV files and the edition's one-page PDF report."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.decorators import secretariat_only
from prize.models import Edition
from results import charts, statistics
from results.statistics_pdf import statistics_pdf
from web.dates import date_format
from web.spreadsheets import csv_bytes

CSV = "text/csv; charset=utf-8"


@secretariat_only
def overview(request):
    data = statistics.overview()
    per_edition = [
        charts.Bar(
            _("Edition %(number)d (%(year)d)")
            % {"number": row.edition.number, "year": row.edition.year},
            row.received,
        )
        for row in reversed(data.rows)
    ]
    kinds = [tally.label for tally in data.by_kind]
    context = {
        "overview": data,
        "kinds": kinds,
        # Edition, year, state, received, countries, one per kind, last 48 hours, laureates.
        "columns": 7 + len(kinds),
        "charts": {
            "editions": _chart("editions", _("Entries received per edition"), per_edition),
            "kind": _tally_chart("kind", _("Entries by kind of authority"), data.by_kind),
            "country": _tally_chart("country", _("Entries by country"), data.by_country),
        },
    }
    return render(request, "results/statistics.html", context)


@secretariat_only
def edition(request, number: int):
    edition = get_object_or_404(Edition, number=number)
    figures = statistics.edition_figures(edition=edition)
    context = {
        "edition": edition,
        "figures": figures,
        "facts": facts(figures),
        "charts": _edition_charts(figures),
        "timing_summary": statistics.timing_summary(figures.timing) if figures.timing else "",
    }
    return render(request, "results/edition_statistics.html", context)


def _edition_charts(figures: statistics.EditionFigures) -> dict:
    shown = {
        "state": _tally_chart("state", _("Entries by state"), figures.by_state),
        "kind": _tally_chart("kind", _("Entries by kind of authority"), figures.by_kind),
        "country": _tally_chart("country", _("Entries by country"), figures.by_country),
    }
    if figures.timing:
        shown["timing"] = _tally_chart(
            "timing", _("Submission times against the deadline"), figures.timing.windows
        )
    if figures.jurors:
        bars = [charts.Bar(j.name, j.submitted, j.expected) for j in figures.jurors]
        shown["jurors"] = _chart("jurors", _("Jurors' score sheets submitted"), bars)
    return shown


def _tally_chart(chart_id: str, title: str, tallies: list[statistics.Tally]):
    return _chart(chart_id, title, [charts.Bar(t.label, t.count) for t in tallies])


def _chart(chart_id: str, title: str, bars: list[charts.Bar]):
    if not charts.worth_drawing(bars):
        return None
    return charts.html(charts.bar_chart(chart_id=f"chart-{chart_id}", title=title, bars=bars))


def facts(figures: statistics.EditionFigures) -> list[str]:
    """The key figures as sentences, for the page and the PDF."""
    said = [
        _("Entries received: %(received)d (all entries, drafts and withdrawn included: %(all)d).")
        % {"received": figures.received, "all": figures.entries},
        _("Countries: %(countries)d.") % {"countries": figures.countries},
    ]
    edition = figures.edition
    if edition.submission_deadline:
        when = date_format(timezone.localtime(edition.submission_deadline), "DATETIME_FORMAT")
        said.append(_("Deadline: %(when)s.") % {"when": when})
    if figures.timing:
        said.append(statistics.timing_summary(figures.timing))
    return said


@secretariat_only
def edition_pdf(request, number: int):
    edition = get_object_or_404(Edition, number=number)
    figures = statistics.edition_figures(edition=edition)
    title = _("Statistics: %(edition)s") % {"edition": edition.display_name}
    state = _("State: %(state)s.") % {"state": edition.get_state_display()}
    generated = _("Generated on %(when)s.") % {
        "when": date_format(timezone.localtime(), "DATETIME_FORMAT")
    }
    pdf = statistics_pdf(
        figures=figures, title=title, generated=f"{generated} {state}", facts=facts(figures)
    )
    return _download(pdf, "application/pdf", f"statistics-{number}.pdf")


TALLY_COLUMNS = ("dimension", "code", "label", "entries")


@secretariat_only
def edition_csv(request, number: int):
    """Entries by state, country and kind, one row per heading."""
    figures = statistics.edition_figures(edition=get_object_or_404(Edition, number=number))
    rows = [
        (dimension, t.code, t.label, t.count)
        for dimension, tallies in (
            ("state", figures.by_state),
            ("country", figures.by_country),
            ("kind", figures.by_kind),
        )
        for t in tallies
    ]
    return _download(csv_bytes(TALLY_COLUMNS, rows), CSV, f"statistics-{number}.csv")


@secretariat_only
def overview_csv(request):
    """Every edition's received entries by country and kind, one row per heading."""
    data = statistics.overview()
    rows = []
    for row in data.rows:
        rows.append((row.edition.number, "received", "", _("Entries received"), row.received))
        rows += [(row.edition.number, "kind", t.code, t.label, t.count) for t in row.by_kind]
    rows += [("", "country", t.code, t.label, t.count) for t in data.by_country]
    return _download(csv_bytes(("edition", *TALLY_COLUMNS), rows), CSV, "statistics.csv")


ENTRY_COLUMNS = (
    "reference",
    "title",
    "authority",
    "country",
    "country_name",
    "kind",
    "state",
    "submitted_at",
)


@secretariat_only
def entries_csv(request, number: int):
    edition = get_object_or_404(Edition, number=number)
    rows = statistics.entry_rows(edition=edition)
    return _download(csv_bytes(ENTRY_COLUMNS, rows), CSV, f"entries-{number}.csv")


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
