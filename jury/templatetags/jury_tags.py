from decimal import ROUND_HALF_UP, Decimal
from functools import wraps

from django import template
from django.template import engines
from django.utils.formats import get_format
from django.utils.html import format_html
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
# each at the issue's size. Each table is a template (templates/jury/rows/); the numbers
# are written here, as the page's language writes them, so the templates' loops stay
# short.


def _rows(template_name: str):
    """The tag's dict rendered by the Jinja2 engine "rows" (settings: TEMPLATES)."""

    def decorate(function):
        @wraps(function)
        def render(*args, **kwargs) -> str:
            template = engines["rows"].get_template(template_name)
            html = template.render(function(*args, **kwargs))
            return mark_safe(html)  # noqa: S308  # nosec B308 B703 # Jinja2 escaped every value

        return render

    return decorate


def _decimal(value, places: int | None = None) -> str:
    """A number as the page's language writes it (decimal comma in French)."""
    if places is not None:
        value = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return str(value).replace(".", get_format("DECIMAL_SEPARATOR"))


@register.simple_tag
@_rows("jury/rows/entry_progress.html")
def entry_progress_rows(entries) -> dict:
    """The rows of the per-entry progress table (entries as dicts: ref, name, assigned,
    submitted)."""
    label = gettext("Jurors who submitted scores for %(title)s")
    return {
        "rows": [
            {
                "title": e["name"].title,
                "authority": e["name"].authority,
                "ref": e["ref"],
                "assigned": e["assigned"],
                "submitted": e["submitted"],
                "max": e["assigned"] or 1,
                "label": label % {"title": e["name"].title},
            }
            for e in entries
        ]
    }


@register.simple_tag
@_rows("jury/rows/ranking.html")
def ranking_rows(table, scale) -> dict:
    """The rows of the ranking proposal: place, entry, each aggregation, the spread."""
    separator = get_format("DECIMAL_SEPARATOR")
    rows = []
    for line in table:
        row = line["row"]
        spread_bar = low = high = sd = None
        if line["min"] is not None:
            spread_bar = spread(line["min"], line["max"], scale)
            low, high, sd = (_decimal(line[k], 2) for k in ("min", "max", "sd"))
        rows.append(
            {
                "place": "—" if row.place is None else row.place,
                "ex_aequo": row.ex_aequo,
                "laureate": row.laureate,
                "title": line["name"].title,
                "authority": line["name"].authority,
                "jurors": ngettext("%(n)s juror", "%(n)s jurors", row.jurors) % {"n": row.jurors},
                "ref": row.entry,
                "cells": [
                    ("—" if c.score is None else str(c.score).replace(".", separator), c.place)
                    for _name, c in line["others"]
                ],
                "spread": spread_bar,
                "low": low,
                "high": high,
                "sd": sd,
            }
        )
    return {"rows": rows, "ex_aequo": gettext("ex aequo")}


@register.simple_tag
@_rows("jury/rows/place_fields.html")
def place_fields(table, typed=None, recorded=None) -> dict:
    """For every ranked entry, named by its title and authority: a place field (filled
    in for the computed laureates, or with what the chair typed when the page comes back
    with an error) and the jury's statement in English and French, open for every entry
    with a place, so a newly promoted laureate has them too."""
    fields = []
    for line in table:
        row = line["row"]
        if row.score is None:
            continue
        if not typed:  # nothing posted: the computed proposal, with the recorded statements
            mine = (recorded or {}).get(row.entry) or {}
            place = str(row.place) if row.laureate else ""
            texts = {lang: mine.get(lang, "") for lang in ("en", "fr")}
        else:
            place = typed.get(f"place-{row.entry}", "")
            texts = {lang: typed.get(f"statement-{lang}-{row.entry}", "") for lang in ("en", "fr")}
        fields.append(
            {
                "ref": row.entry,
                "title": line["name"].title,
                "authority": line["name"].authority,
                "place": place,
                "open": bool(place.strip() or any(t.strip() for t in texts.values())),
                **texts,
            }
        )
    words = {
        "place": gettext("Place (empty: not a laureate)"),
        "statement": gettext("Jury statement (optional)"),
        "en": gettext("Statement in English"),
        "fr": gettext("Statement in French"),
    }
    return {"fields": fields, "words": words}


@register.simple_tag
@_rows("jury/rows/statement_fields.html")
def statement_fields(lines, typed=None, recorded=None) -> dict:
    """The statements of the computed laureates, in the form that confirms the proposal:
    each labelled with the project's title, kept as typed when the page comes back, and
    otherwise as the chair recorded them."""
    typed, recorded = typed or {}, recorded or {}
    label_en = gettext("Statement on “%(title)s” in English")
    label_fr = gettext("Statement on “%(title)s” in French")
    fields = []
    for line in lines:
        ref = line["row"].entry
        texts = {
            lang: typed.get(f"statement-{lang}-{ref}", "")
            if typed
            else (recorded.get(ref) or {}).get(lang, "")
            for lang in ("en", "fr")
        }
        title = line["name"].title
        fields.append(
            {
                "ref": ref,
                "label_en": label_en % {"title": title},
                "label_fr": label_fr % {"title": title},
                **texts,
            }
        )
    return {"fields": fields}
