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


def _name_cell(name, ref: str, *details: str) -> str:
    """An entry as people know it, its title then its authority, the reference after
    them in small type for the staff (every text escaped here)."""
    meta = " · ".join(escape(text) for text in (name.authority, *details, ref) if text)
    return f'{escape(name.title)}<br><span class="meta">{meta}</span>'


@register.simple_tag
def entry_progress_rows(entries) -> str:
    """The rows of the per-entry progress table (entries as dicts: ref, name, assigned,
    submitted)."""
    label = gettext("Jurors who submitted scores for %(title)s")
    rows = []
    for entry in entries:
        assigned, submitted = entry["assigned"], entry["submitted"]
        rows.append(
            f"<tr><td>{_name_cell(entry['name'], entry['ref'])}</td>"
            f'<td><progress max="{assigned or 1}" value="{submitted}" '
            f'aria-label="{escape(label % {"title": entry["name"].title})}"></progress> '
            f"{submitted}/{assigned}</td></tr>"
        )
    return mark_safe("".join(rows))  # noqa: S308  # nosec B308 B703 # every text escaped above


@register.simple_tag
def submitted_entry_options(entries) -> str:
    """The options of the reopen form: the entries with at least one submitted sheet."""
    options = (
        f'<option value="{escape(e["ref"])}">{escape(e["name"].title)} — '
        f"{escape(e['name'].authority)} ({escape(e['ref'])})</option>"
        for e in entries
        if e["submitted"]
    )
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
        f"<td>{_name_cell(line['name'], row.entry, jurors)}</td>{cells}<td>{spread_cell}</td></tr>"
    )


@register.simple_tag
def place_fields(table, typed=None, recorded=None) -> str:
    """For every ranked entry, named by its title and authority: a place field (filled
    in for the computed laureates, or with what the chair typed when the page comes back
    with an error) and the jury's statement in English and French, open for every entry
    with a place, so a newly promoted laureate has them too."""
    words = {
        "place": escape(gettext("Place (empty: not a laureate)")),
        "statement": escape(gettext("Jury statement (optional)")),
        "en": escape(gettext("Statement in English")),
        "fr": escape(gettext("Statement in French")),
    }
    fields = [
        _place_field(line, typed, words, (recorded or {}).get(line["row"].entry) or {})
        for line in table
        if line["row"].score is not None
    ]
    return mark_safe("".join(fields))  # noqa: S308  # nosec B308 B703 # every text escaped in _place_field


def _place_field(line: dict, typed, words: dict, recorded: dict) -> str:
    row, name = line["row"], line["name"]
    ref = escape(row.entry)
    if not typed:  # nothing posted: the computed proposal, with the recorded statements
        place = str(row.place) if row.laureate else ""
        texts = {lang: recorded.get(lang, "") for lang in ("en", "fr")}
    else:
        place = typed.get(f"place-{row.entry}", "")
        texts = {lang: typed.get(f"statement-{lang}-{row.entry}", "") for lang in ("en", "fr")}
    statements = "".join(
        f'<div class="field"><label for="changed-statement-{lang}-{ref}">{words[lang]}</label>'
        f'<textarea id="changed-statement-{lang}-{ref}" name="statement-{lang}-{ref}" rows="2" '
        f'lang="{lang}">\n{escape(texts[lang])}</textarea></div>'
        for lang in ("en", "fr")
    )
    opened = " open" if place.strip() or any(t.strip() for t in texts.values()) else ""
    return (
        f'<fieldset class="place-entry"><legend>{escape(name.title)} <span class="meta">'
        f"{escape(name.authority)} · {ref}</span></legend>"
        f'<div class="field"><label for="place-{ref}">{words["place"]}</label>'
        f'<input type="text" inputmode="numeric" pattern="[0-9]*" size="4" id="place-{ref}" '
        f'name="place-{ref}" value="{escape(place)}"></div>'
        f"<details{opened}><summary>{words['statement']}</summary>{statements}</details>"
        "</fieldset>"
    )


@register.simple_tag
def statement_fields(lines, typed=None, recorded=None) -> str:
    """The statements of the computed laureates, in the form that confirms the proposal:
    each labelled with the project's title, kept as typed when the page comes back, and
    otherwise as the chair recorded them."""
    typed, recorded = typed or {}, recorded or {}
    fields = []
    for line in lines:
        ref, title = escape(line["row"].entry), line["name"].title
        for lang, label in (
            ("en", gettext("Statement on “%(title)s” in English")),
            ("fr", gettext("Statement on “%(title)s” in French")),
        ):
            key = f"statement-{lang}-{line['row'].entry}"
            if typed:
                text = typed.get(key, "")
            else:
                text = (recorded.get(line["row"].entry) or {}).get(lang, "")
            fields.append(
                f'<div class="field"><label for="statement-{lang}-{ref}">'
                f"{escape(label % {'title': title})}</label>"
                f'<textarea id="statement-{lang}-{ref}" name="statement-{lang}-{ref}" rows="2" '
                f'lang="{lang}">\n{escape(text)}</textarea></div>'
            )
    return mark_safe("".join(fields))  # noqa: S308  # nosec B308 B703 # every text escaped above
