from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import get_format
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext

from prize.enums import Aggregation

register = template.Library()


@register.filter
def aggregation_label(name: str) -> str:
    return Aggregation(name).label


@register.simple_tag
def spread(low, high, scale) -> str:
    """The range of an entry's juror totals on the criteria's scale, as a small SVG bar
    (attributes, not inline styles, so the Content Security Policy stays strict)."""
    start = Decimal(low) * 100 / scale
    width = max(Decimal(high) * 100 / scale - start, Decimal(1))
    return format_html(
        '<svg class="spread" viewBox="0 0 100 10" preserveAspectRatio="none" width="120" '
        'height="12" aria-hidden="true" focusable="false">'
        '<rect x="0" y="4" width="100" height="2" class="spread-scale"></rect>'
        '<rect x="{}" y="1" width="{}" height="8" class="spread-range"></rect></svg>',
        f"{start:.1f}",
        f"{width:.1f}",
    )


# The chair's page lists every entry three times (progress, ranking, places): 2,000 rows
# each at the size. Built here as plain strings, escaping only the texts, instead
# of a template loop (some 40 template nodes per row: seconds per page at that size).


def _decimal(value, places: int | None = None) -> str:
    """A number as the page's language writes it (decimal comma in French)."""
    if places is not None:
        value = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return str(value).replace(".", get_format("DECIMAL_SEPARATOR"))


@register.simple_tag
def entry_progress_rows(entries) -> str:
    """The rows of the per-entry progress table (entries as dicts: ref, assigned, submitted)."""
    label = gettext("Jurors who submitted scores for %(ref)s")
    rows = []
    for entry in entries:
        ref, assigned, submitted = escape(entry["ref"]), entry["assigned"], entry["submitted"]
        rows.append(
            f'<tr><td>{ref}</td><td><progress max="{assigned or 1}" value="{submitted}" '
            f'aria-label="{escape(label % {"ref": entry["ref"]})}"></progress> '
            f"{submitted}/{assigned}</td></tr>"
        )
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703 # every text escaped above


@register.simple_tag
def submitted_entry_options(entries) -> str:
    """The options of the reopen form: the entries with at least one submitted sheet."""
    options = (f"<option>{escape(e['ref'])}</option>" for e in entries if e["submitted"])
    return mark_safe("".join(options))  # noqa: S308  # nosec B308 B703 # every text escaped above


@register.simple_tag
def ranking_rows(table, scale) -> str:
    """The rows of the ranking proposal: place, entry, each aggregation, the spread."""
    words = {
        "ex_aequo": " " + escape(gettext("ex aequo")),
        "separator": get_format("DECIMAL_SEPARATOR"),
    }
    rows = "".join(_ranking_row(line, scale, words) for line in table)
    return mark_safe(rows)  # noqa: S308  # nosec B308 B703 # every text escaped in _ranking_row


def _ranking_row(line: dict, scale, words: dict) -> str:
    row = line["row"]
    place = "—" if row.place is None else str(row.place)
    jurors = ngettext("%(n)s juror", "%(n)s jurors", row.jurors) % {"n": row.jurors}
    cells = "".join(
        f"<td>{'—' if cell.score is None else str(cell.score).replace('.', words['separator'])}"
        f"{f' <span class="meta">({cell.place})</span>' if cell.place else ''}</td>"
        for _name, cell in line["others"]
    )
    spread_cell = ""
    if line["min"] is not None:
        spread_cell = (
            f"{spread(line['min'], line['max'], scale)}"
            f" {_decimal(line['min'], 2)} – {_decimal(line['max'], 2)}, σ {_decimal(line['sd'], 2)}"
        )
    return (
        f"<tr{' class="laureate-row"' if row.laureate else ''}>"
        f"<td>{place}{words['ex_aequo'] if row.ex_aequo else ''}</td>"
        f'<td>{escape(row.entry)}<br><span class="meta">{escape(row.authority)} · '
        f"{escape(jurors)}</span></td>{cells}<td>{spread_cell}</td></tr>"
    )


@register.simple_tag
def place_fields(table) -> str:
    """A place field for every ranked entry, filled in for the laureates."""
    label = gettext("Place of %(ref)s (empty: not a laureate)")
    fields = []
    for line in table:
        row = line["row"]
        if row.score is None:
            continue
        ref = escape(row.entry)
        fields.append(
            f'<div class="field"><label for="place-{ref}">'
            f"{escape(label % {'ref': row.entry})}</label>"
            f'<input type="number" min="1" id="place-{ref}" name="place-{ref}" '
            f'value="{row.place if row.laureate else ""}"></div>'
        )
    return mark_safe("".join(fields))  # noqa: S308  # nosec B308 B703 # every text escaped above
