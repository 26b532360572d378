"""The secretariat's exports of an edition's jury work: every score and comment as CSV
and XLSX, and a PDF jury report. Plain data in, bytes out."""

import io
from xml.sax.saxutils import escape  # nosec B406 # writes reportlab markup, parses nothing

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from web.fonts import register_fonts
from web.pdftext import text_flowables
from web.spreadsheets import csv_bytes, csv_cell

COLUMNS = (
    "juror",
    "juror_name",
    "entry",
    "authority",
    "country",
    "criterion",
    "value",
    "comment",
    "state",
    "submitted_at",
    "overall_comment",
    "round",  # 1, or 2 for the final round of an edition with a shortlist
)


def scores_csv(rows: list[dict]) -> bytes:
    """A cell a spreadsheet would read as a formula gets a leading apostrophe
    (web.spreadsheets); the XLSX marks its cells as text instead."""
    return csv_bytes(COLUMNS, ([csv_cell(row[c]) for c in COLUMNS] for row in rows))


def scores_xlsx(rows: list[dict]) -> bytes:
    buffer = io.BytesIO()
    scores_workbook(rows).save(buffer)
    return buffer.getvalue()


def scores_workbook(rows: list[dict]) -> Workbook:
    """Write-only (streamed: an edition's thousands of scores never sit in memory as
    cells). Texts are string cells, so a comment typed as “=1+1” or “-5” reads back
    exactly as typed: no formula, and no apostrophe added as in the CSV."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("scores")
    sheet.append([_text_cell(sheet, c) for c in COLUMNS])
    for row in rows:
        cells = [_text_cell(sheet, row[c]) for c in COLUMNS]
        cells[COLUMNS.index("value")] = row["value"]  # a number stays a number
        sheet.append(cells)
    return workbook


def _text_cell(sheet, value) -> Cell | None:
    """openpyxl reads any string starting with “=” as a formula; its type is set back
    to string after the value, which is what makes the cell text."""
    if value is None:
        return None
    cell = WriteOnlyCell(sheet, value=_xml_safe(str(value)))
    cell.data_type = "s"
    return cell


def _xml_safe(text: str) -> str:
    """Control characters (a vertical tab pasted from a word processor) cannot be written
    in XML at all, and openpyxl refuses the cell: they become the spreadsheet's own
    escape, _x000B_, which Excel shows as the character. Other text is left untouched."""
    return ILLEGAL_CHARACTERS_RE.sub(lambda found: f"_x{ord(found[0]):04X}_", text)


def report_pdf(*, title: str, table: list[dict], decision, generated: str) -> bytes:
    """The jury report: the computed ranking with its spreads, and the decision with the
    jury's statements. `table` comes from jury.selectors.deliberation."""
    fonts = register_fonts()
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=9.5, leading=12)
    heading = ParagraphStyle("h", fontName=fonts.bold, fontSize=15, leading=19, spaceAfter=6)
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        title=title,
        author="Council of Europe",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        initialFontName=fonts.regular,
    )
    story = [
        Paragraph(escape(title), heading),
        Paragraph(escape(generated), body),
        Spacer(1, 4 * mm),
        _ranking_table(table, body, fonts),
        Spacer(1, 6 * mm),
        *_decision(decision, body, heading),
    ]
    document.build(story)
    return buffer.getvalue()


def _ranking_table(table: list[dict], body, fonts) -> Table:
    header = [_("Place"), _("Entry"), _("Authority"), _("Score"), _("Jurors"), "min", "max", "σ"]
    cells = [[Paragraph(escape(str(h)), body) for h in header]]
    for line in table:
        row = line["row"]
        place = "" if row.place is None else f"{row.place}{' =' if row.ex_aequo else ''}"
        values = [
            place,
            row.entry,
            row.authority,
            "—" if row.score is None else str(row.score),
            str(row.jurors),
            *(_number(line[k]) for k in ("min", "max", "sd")),
        ]
        cells.append([Paragraph(escape(v), body) for v in values])
    result = Table(cells, repeatRows=1, hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return result


def _number(value) -> str:
    return "" if value is None else f"{value:.2f}"


def _decision(decision, body, heading) -> list:
    if decision is None:
        return [Paragraph(escape(_("The jury has not recorded a decision yet.")), body)]
    story = [Paragraph(escape(_("The jury's decision")), heading)]
    story += text_flowables(decision.reason, body)
    for result in decision.results.all():
        line = f"{result.place}{' ex aequo' if result.ex_aequo else ''} — {result.entry.ref}"
        story.append(Paragraph(escape(line), body))
        for language, text in (result.statement or {}).items():
            story.append(Paragraph(escape(f"[{language}]"), body))
            story += text_flowables(text, body)
    story.append(Paragraph(escape(f"SHA-256: {decision.digest}"), body))
    return story
