"""The edition's statistics as a one-page PDF report, in the active language: the key
figures, entries by state, kind and country, submission times, the jurors' progress
and, once public, the results. Figures in, bytes out.

The page is A4 portrait; whatever does not fit is scaled down as a block (KeepInFrame),
so it stays one page with every figure on it. Names are drawn in the embedded Noto Sans
(web.fonts), so Şişli, Surčin and Крагујевац print."""

import io
from xml.sax.saxutils import escape  # nosec B406 # writes reportlab markup, parses nothing

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, Spacer, Table, TableStyle

from prize.countries import country_name
from results.statistics import EditionFigures, Tally, timing_summary
from web.fonts import register_fonts
from web.pdftext import a4_document

MARGIN = 15 * mm
BLUE = colors.HexColor("#0b3d6e")
LINE = colors.HexColor("#c9d3de")
OUTLINE = colors.HexColor("#4a5360")
BAR_WIDTH = 30 * mm
FRAME_PADDING = 6  # reportlab's default on each side of SimpleDocTemplate's frame
COUNTRIES = 12  # the others are summed on one line, to keep to one page


class Styles:
    def __init__(self):
        fonts = register_fonts()
        self.regular, self.bold = fonts.regular, fonts.bold
        self.body = ParagraphStyle("body", fontName=fonts.regular, fontSize=8.5, leading=10.5)
        self.title = ParagraphStyle("t", fontName=fonts.bold, fontSize=15, leading=19)
        self.heading = ParagraphStyle(
            "h", fontName=fonts.bold, fontSize=10.5, leading=13, spaceBefore=5, spaceAfter=2
        )


def statistics_pdf(*, figures: EditionFigures, title: str, generated: str, facts: list[str]):
    """The report as PDF bytes. `facts` are the key figures as sentences, already worded
    for the page (dates in the active language)."""
    styles = Styles()
    buffer = io.BytesIO()
    document = a4_document(
        buffer,
        font=styles.regular,
        title=title,
        language=(get_language() or "en")[:2],
        margin=MARGIN,
    )
    width = document.width - 2 * FRAME_PADDING
    height = document.height - 2 * FRAME_PADDING
    story = [
        Paragraph(escape(title), styles.title),
        Paragraph(escape(generated), styles.body),
        Spacer(1, 2 * mm),
        *[Paragraph(escape(fact), styles.body) for fact in facts],
        *_body(figures, styles, width),
    ]
    document.build([KeepInFrame(width, height, story, mode="shrink")])
    return buffer.getvalue()


def _body(figures: EditionFigures, styles: Styles, width: float) -> list:
    half = (width - 6 * mm) / 2
    left = [
        *_section(_("Entries by state"), _tallies(figures.by_state), styles, half),
        *_section(_("Entries by kind of authority"), _tallies(figures.by_kind), styles, half),
    ]
    if figures.timing:
        rows = _tallies(figures.timing.windows)
        left += _section(_("Submission times against the deadline"), rows, styles, half)
        left.append(Paragraph(escape(timing_summary(figures.timing)), styles.body))
    right = _section(_("Entries by country"), _countries(figures.by_country), styles, half)
    if figures.jurors:
        rows = [(j.name, j.submitted, j.expected) for j in figures.jurors]
        right += _section(_("Jurors' score sheets submitted"), rows, styles, half)
    columns = Table([[left, right]], colWidths=[half + 6 * mm, half])
    columns.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story = [columns]
    if figures.results:
        story += [Paragraph(escape(_("Results")), styles.heading), *_results(figures, styles)]
    return story


def _tallies(tallies: list[Tally]) -> list[tuple]:
    return [(t.label, t.count, None) for t in tallies]


def _countries(tallies: list[Tally]) -> list[tuple]:
    rows = _tallies(tallies[:COUNTRIES])
    rest = tallies[COUNTRIES:]
    if rest:
        label = _("%(number)d other countries") % {"number": len(rest)}
        rows.append((label, sum(t.count for t in rest), None))
    return rows


def _section(heading: str, rows: list[tuple], styles: Styles, width: float) -> list:
    """A heading and a table of (label, number, total or None) with a bar per row."""
    if not rows:
        return [Paragraph(escape(heading), styles.heading), Paragraph("—", styles.body)]
    scale = max((total or number for _l, number, total in rows), default=0) or 1
    data = [
        [Paragraph(escape(label), styles.body), _number(number, total), _bar(number, total, scale)]
        for label, number, total in rows
    ]
    table = Table(data, colWidths=[width - BAR_WIDTH - 16 * mm, 14 * mm, BAR_WIDTH])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), styles.regular),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, LINE),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return [Paragraph(escape(heading), styles.heading), table]


def _number(number: int, total: int | None) -> str:
    return str(number) if total is None else f"{number} / {total}"


def _bar(number: int, total: int | None, scale: int) -> Drawing:
    drawing = Drawing(BAR_WIDTH, 3 * mm)
    unit = (BAR_WIDTH - 2) / scale
    if total is not None:
        drawing.add(Rect(0, 0, total * unit, 3 * mm, fillColor=colors.white, strokeColor=OUTLINE))
    if number:
        drawing.add(Rect(0, 0, number * unit, 3 * mm, fillColor=BLUE, strokeColor=None))
    return drawing


def _results(figures: EditionFigures, styles: Styles) -> list:
    lines = []
    for group in figures.results:
        for result in group.results:
            authority = result.entry.authority
            text = f"<b>{escape(group.label)}</b> – {escape(authority.name)} "
            text += f"({escape(country_name(authority.country))})"
            if result.entry.title_text:
                text += f" · {escape(result.entry.title_text)}"
            lines.append(Paragraph(text, styles.body))
    return lines
