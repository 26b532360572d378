"""The call for entries as a PDF, in one language, for people who print it or pass it on.

A pure function of plain data (no database, no request): the view gathers the edition's
facts, this lays them out. The secretariat's text comes through web.pdftext, in the
same safe format as on the pages, in embedded Noto Sans so Şişli or Крагујевац print.
"""

import io
from dataclasses import dataclass
from datetime import date, datetime
from xml.sax.saxutils import escape  # nosec B406 # writes reportlab markup, parses nothing

from django.utils import timezone, translation
from django.utils.translation import gettext
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, Paragraph

from web.dates import date_format
from web.fonts import FontSet, register_fonts
from web.pdftext import a4_document, richtext_flowables

from .texts import Localized

MARGIN = 20 * mm


@dataclass(frozen=True)
class CallFacts:
    """What the PDF prints, in the language it is made in."""

    edition: str  # its name
    text: Localized | None  # the secretariat's call, possibly in the other language
    deadline: datetime | None
    project_start: date | None
    project_end: date | None
    criteria: list[str]
    address: str  # the edition's page, absolute


def call_pdf(facts: CallFacts, *, language: str) -> bytes:
    """The call as PDF bytes, A4, in `language` (its own words; the text as written)."""
    fonts = register_fonts()
    styles = _styles(fonts)
    with translation.override(language):
        story = [
            Paragraph(escape(gettext("Dosta!-Congress Prize for Municipalities")), styles["h1"]),
            Paragraph(
                escape(gettext("Call for entries: %(name)s") % {"name": facts.edition}),
                styles["h2"],
            ),
            *_dates(facts, styles),
            *_criteria(facts.criteria, styles),
            *_text(facts.text, language, styles),
            Paragraph(escape(facts.address), styles["footer"]),
        ]
        title = gettext("Call for entries: %(name)s") % {"name": facts.edition}
        return _build(story, fonts=fonts, title=title, language=language)


def _dates(facts: CallFacts, styles: dict) -> list:
    lines = []
    if facts.deadline:
        moment = timezone.localtime(facts.deadline, timezone.get_default_timezone())
        lines.append(
            gettext("Deadline: %(date)s (Strasbourg time)")
            % {"date": date_format(moment, "DATETIME_FORMAT")}
        )
    if facts.project_start and facts.project_end:
        lines.append(
            gettext("Projects that ran between %(start)s and %(end)s may enter.")
            % {
                "start": date_format(facts.project_start, "DATE_FORMAT"),
                "end": date_format(facts.project_end, "DATE_FORMAT"),
            }
        )
    return [Paragraph(escape(line), styles["body"]) for line in lines]


def _criteria(criteria: list[str], styles: dict) -> list:
    if not criteria:
        return []
    items = [ListItem(Paragraph(escape(name), styles["body"])) for name in criteria]
    body = styles["body"]
    return [
        Paragraph(escape(gettext("Award criteria")), styles["h3"]),
        ListFlowable(
            items,
            bulletType="1",
            bulletFormat="%s.",
            bulletFontName=body.fontName,
            bulletFontSize=body.fontSize,
            leftIndent=body.fontSize * 1.8,
        ),
    ]


def _text(text: Localized | None, language: str, styles: dict) -> list:
    if text is None:
        return []
    story = []
    if text.lang != language:
        note = (
            gettext("This call is only available in French for now.")
            if text.lang == "fr"
            else gettext("This call is only available in English for now.")
        )
        story.append(Paragraph(escape(note), styles["note"]))
    headings = {2: styles["h3"], 3: styles["h4"]}
    return story + richtext_flowables(text.text, styles["body"], headings)


def _styles(fonts: FontSet) -> dict[str, ParagraphStyle]:
    body = ParagraphStyle("body", fontName=fonts.regular, fontSize=10.5, leading=14.5, spaceAfter=5)
    return {
        "h1": ParagraphStyle("h1", body, fontName=fonts.bold, fontSize=16, leading=20),
        "h2": ParagraphStyle("h2", body, fontSize=14, leading=18, spaceAfter=10),
        "h3": ParagraphStyle(
            "h3", body, fontName=fonts.bold, fontSize=12, spaceBefore=10, spaceAfter=4
        ),
        "h4": ParagraphStyle("h4", body, fontName=fonts.bold, spaceBefore=8, spaceAfter=3),
        "note": ParagraphStyle("note", body, textColor="#444444", spaceBefore=8),
        "body": body,
        "footer": ParagraphStyle("footer", body, fontSize=9, textColor="#444444", spaceBefore=14),
    }


def _build(story: list, *, fonts: FontSet, title: str, language: str) -> bytes:
    buffer = io.BytesIO()
    a4_document(
        buffer,
        font=fonts.regular,
        title=title,
        subject=gettext("Dosta!-Congress Prize for Municipalities"),
        language=language,
        margin=MARGIN,
    ).build(story)
    return buffer.getvalue()
