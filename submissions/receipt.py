"""The PDF receipt an authority gets when it submits an entry.

A pure function of its arguments: no database, no storage, so the same bytes can be
attached to the confirmation e-mail, offered for download and tested on their own.
"""

import io
from datetime import datetime
from xml.sax.saxutils import escape  # nosec B406 # writes reportlab markup, parses nothing
from zoneinfo import ZoneInfo

from django.utils import timezone, translation
from django.utils.translation import gettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from web.dates import date_format
from web.fonts import FontSet, register_fonts
from web.pdftext import a4_document, text_flowables

# Deadlines and submission times are Strasbourg times, whatever the submitter's zone.
STRASBOURG = ZoneInfo("Europe/Paris")
MARGIN = 20 * mm
LABEL_WIDTH = 42 * mm


def receipt_pdf(
    *,
    ref: str,
    title: str,
    authority: str,
    country: str,
    edition: str,
    submitted_at: datetime,
    summary: str,
    submitted_by: str,
    language: str,
) -> bytes:
    """The receipt as PDF bytes: A4, normally one page, in the given language."""
    fonts = register_fonts()
    styles = _styles(fonts)
    with translation.override(language):
        # Built inside override: gettext and the month names follow the submitter's language.
        story = [
            Paragraph(_text(gettext("Dosta!-Congress Prize for Municipalities")), styles["h1"]),
            Paragraph(_text(gettext("Receipt of submission")), styles["h2"]),
            _details_table(
                [
                    (gettext("Project title"), title),
                    (gettext("Authority"), f"{authority}, {country}"),
                    (gettext("Edition"), edition),
                    (gettext("Submitted on"), _strasbourg_time(submitted_at)),
                    (gettext("Submitted by"), submitted_by),
                    # Last: a detail for letters to the secretariat, not the entry's name.
                    (gettext("Entry reference"), ref),
                ],
                styles,
                fonts,
            ),
            Paragraph(_text(gettext("Summary")), styles["h3"]),
            *text_flowables(summary, styles["body"]),
            Spacer(1, 6 * mm),
            Paragraph(_text(_footer()), styles["footer"]),
        ]
        return _build(
            story,
            fonts=fonts,
            language=language,
            title=f"{gettext('Receipt of submission')} – {title}",
            subject=gettext("Dosta!-Congress Prize for Municipalities"),
        )


def _footer() -> str:
    return gettext(
        "Keep this receipt. The secretariat will check your entry's eligibility "
        "and write to you by e-mail."
    )


def _text(value: str) -> str:
    """User text made safe for Paragraph, whose input is a small XML-like markup:
    `<script>` must be printed as typed, never parsed as a tag."""
    return escape(value)


def _strasbourg_time(moment: datetime) -> str:
    """'1 March 2026, 23:30 (Strasbourg time)', month in the active language."""
    local = timezone.localtime(moment, STRASBOURG)  # refuses naive datetimes, as it should
    return f"{date_format(local, 'j F Y, H:i')} ({gettext('Strasbourg time')})"


def _details_table(rows: list[tuple[str, str]], styles: dict, fonts: FontSet) -> Table:
    """Labels on the left in bold, values on the right, each wrapping in its own cell."""
    width = A4[0] - 2 * MARGIN
    cells = [
        [Paragraph(_text(label), styles["label"]), Paragraph(_text(value), styles["body"])]
        for label, value in rows
    ]
    table = Table(cells, colWidths=[LABEL_WIDTH, width - LABEL_WIDTH], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                # Cells set their font even when they hold Paragraphs: without this line an
                # unembedded Helvetica would be listed among the page's fonts.
                ("FONTNAME", (0, 0), (-1, -1), fonts.regular),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
            ]
        )
    )
    return table


def _styles(fonts: FontSet) -> dict[str, ParagraphStyle]:
    """Our own styles on our embedded fonts: reportlab's samples default to Helvetica,
    which has no Cyrillic and no ‘č’."""
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=10.5, leading=14)
    return {
        "h1": ParagraphStyle("h1", body, fontName=fonts.bold, fontSize=16, leading=20),
        "h2": ParagraphStyle("h2", body, fontSize=13, leading=17, spaceBefore=2, spaceAfter=8),
        "h3": ParagraphStyle("h3", body, fontName=fonts.bold, spaceBefore=10, spaceAfter=3),
        "label": ParagraphStyle("label", body, fontName=fonts.bold),
        "body": body,
        "footer": ParagraphStyle("footer", body, fontSize=9.5, leading=13),
    }


def _build(story: list, *, fonts: FontSet, title: str, subject: str, language: str) -> bytes:
    """Lay the story out on A4; the same receipt gives the same bytes (stable tests,
    comparable copies)."""
    buffer = io.BytesIO()
    a4_document(
        buffer, font=fonts.regular, title=title, subject=subject, language=language, margin=MARGIN
    ).build(story)
    return buffer.getvalue()
