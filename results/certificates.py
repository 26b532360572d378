"""The certificates of the prize as PDF: a pure function of plain data.

No database, no storage: the caller freezes the facts (facts_of) when it issues a
certificate and renders them again from that JSON at any time (from_facts, render), so a
certificate printed twice says the same thing, byte for byte. One A4 landscape page per
language, in the order of CertificateData.languages.

The texts are reportlab Paragraphs (platypus), each in a box of the page that shrinks
it when it would overflow; the QR code of the verification address is segno's.
"""

import io
import math
import re
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from xml.sax.saxutils import escape  # nosec B406 # writes reportlab markup, parses nothing

import segno
from django.utils import translation
from django.utils.translation import gettext, pgettext
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepInFrame, Paragraph

from prize.countries import country_name
from prize.texts import pick, place_label, prize_title
from web.dates import date_format
from web.fonts import FontSet, register_fonts

LAUREATE = "laureate"
PARTICIPATION = "participation"
KINDS = (LAUREATE, PARTICIPATION)
AUTHOR = "Council of Europe – Congress of Local and Regional Authorities"

WIDTH, HEIGHT = landscape(A4)
CENTRE = WIDTH / 2
NAVY = HexColor("#1b365d")
GOLD = HexColor("#a48a45")
INK = HexColor("#1f1f1f")
GREY = HexColor("#5a5a5a")
_SPACES = re.compile(r"[ \t\r\n]+")


@dataclass(frozen=True)
class Box:
    """Where a block of text may go: its left edge, its top, its width and height."""

    left: float
    top: float
    width: float
    height: float


FRAME_INSIDE = 40  # the lowest any text goes: above the frame's inner line (at 28)
TEXT_LEFT = 100  # the body column, well inside the frame
TEXT_WIDTH = WIDTH - 2 * TEXT_LEFT
EDITION_BOX = Box(TEXT_LEFT, HEIGHT - 74, TEXT_WIDTH, 34)
# A narrower measure than the body's: "Certificate of participation" at the full size
# would outweigh the authority's name.
HEADING_BOX = Box(CENTRE - 190, HEIGHT - 108, 380, 52)
ORNAMENT_Y = HEIGHT - 170
# The body is centred vertically between the heading's ornament and the signatures.
BODY = Box(TEXT_LEFT, 410, TEXT_WIDTH, 410 - 158)

# The bottom row: signatories on the left, the QR code and its caption on the right.
QR_SIZE = 66
QR_RIGHT = WIDTH - 70
QR_BOTTOM = 86
QR_FORM = "verification-qr"
CAPTION_BOX = Box(QR_RIGHT - 230, QR_BOTTOM - 9, 230, QR_BOTTOM - 9 - FRAME_INSIDE)
SIGNATURE_LINE_Y = 128
SIGNATORIES_LEFT = 90
SIGNATORIES_RIGHT = QR_RIGHT - 190
SIGNATORY_SLOT = 250


@dataclass(frozen=True)
class Style:
    """How a text is set: at size when it fits, else smaller down to floor, wrapped over
    at most max_lines; gap is the extra space above it in the body."""

    bold: bool
    size: float
    floor: float
    color: Color
    max_lines: int = 1
    gap: float = 0.0
    wrap_below: float = 0.0  # stay on one line down to this size; 0: wrap at any size

    @property
    def one_line_floor(self) -> float:
        """The smallest size the text keeps on a single line before it may wrap."""
        return self.floor if self.max_lines == 1 else (self.wrap_below or self.size)

    @property
    def wrapped_range(self) -> float:
        """How far the size may still go down once the text wraps."""
        return self.one_line_floor - self.floor


EDITION = Style(False, 17, 10, NAVY)
HEADING = Style(True, 40, 20, NAVY)
LEAD = Style(False, 13, 8, GREY)
# A name shrinks on its line before it wraps: three lines of 30 pt bold would shout.
AUTHORITY = Style(True, 30, 10, INK, max_lines=3, gap=6, wrap_below=20)
COUNTRY = Style(False, 15, 9, GREY, gap=1)
LINK = Style(False, 13, 8, GREY, gap=14)
TITLE = Style(False, 18, 8, INK, max_lines=3, gap=2)
PLACE = Style(True, 24, 12, NAVY, gap=16)
CEREMONY = Style(False, 12, 7, GREY, gap=14)
NAME = Style(True, 11, 6, INK)
ROLE = Style(False, 9, 6, GREY, max_lines=2, wrap_below=8, gap=2)
CAPTION = Style(False, 8, 5, GREY)


@dataclass(frozen=True)
class Signatory:
    name: str
    role: dict[str, str]


@dataclass(frozen=True)
class CertificateData:
    number: str
    kind: str
    authority: str
    country: str
    title: dict[str, str]
    place: int | None
    ex_aequo: bool
    edition_number: int
    edition_name: dict[str, str]
    ceremony_date: date | None
    ceremony_place: str | None
    ceremony_occasion: dict[str, str] | None
    signatories: tuple[Signatory, ...]
    verify_url: str
    languages: tuple[str, ...] = ("en", "fr")
    # The authority's name in French, when it has one: the French page prints it.
    authority_fr: str = ""

    def authority_in(self, language: str) -> str:
        return (
            self.authority_fr
            if (language.startswith("fr") and self.authority_fr)
            else (self.authority)
        )


# --- Facts: what the caller stores to render the same certificate again -------------


def facts_of(data: CertificateData) -> dict:
    """The data as JSON-ready values, less the number and URL (they name the certificate
    rather than say what it certifies, and the URL depends on where the site runs)."""
    return {
        "kind": data.kind,
        "authority": data.authority,
        "country": data.country,
        "title": dict(data.title),
        "place": data.place,
        "ex_aequo": data.ex_aequo,
        "edition_number": data.edition_number,
        "edition_name": dict(data.edition_name),
        "ceremony_date": data.ceremony_date.isoformat() if data.ceremony_date else None,
        "ceremony_place": data.ceremony_place,
        "ceremony_occasion": (
            None if data.ceremony_occasion is None else dict(data.ceremony_occasion)
        ),
        "signatories": [{"name": s.name, "role": dict(s.role)} for s in data.signatories],
        "languages": list(data.languages),
        # Only when there is one: the facts (and digests) of the others stay as they were.
        **({"authority_fr": data.authority_fr} if data.authority_fr else {}),
    }


def from_facts(facts: dict, *, number: str, verify_url: str) -> CertificateData:
    """The data again from facts_of's dict (as read back from JSON)."""
    ceremony_date = facts["ceremony_date"]
    occasion = facts["ceremony_occasion"]
    return CertificateData(
        number=number,
        kind=facts["kind"],
        authority=facts["authority"],
        country=facts["country"],
        title=dict(facts["title"]),
        place=facts["place"],
        ex_aequo=facts["ex_aequo"],
        edition_number=facts["edition_number"],
        edition_name=dict(facts["edition_name"]),
        ceremony_date=date.fromisoformat(ceremony_date) if ceremony_date else None,
        ceremony_place=facts["ceremony_place"],
        ceremony_occasion=dict(occasion) if occasion is not None else None,
        signatories=tuple(Signatory(s["name"], dict(s["role"])) for s in facts["signatories"]),
        verify_url=verify_url,
        languages=tuple(facts.get("languages", ("en", "fr"))),
        authority_fr=facts.get("authority_fr", ""),
    )


# --- The document --------------------------------------------------------------------


def render(data: CertificateData) -> bytes:
    """The certificate as PDF bytes, one page per language."""
    _check(data)
    fonts = register_fonts()
    buffer = io.BytesIO()
    # invariant: no creation date or random id, so the same facts give the same bytes.
    canvas = Canvas(
        buffer,
        pagesize=(WIDTH, HEIGHT),
        invariant=1,
        # Uncompressed: 55 KB instead of 33 KB, for about an eighth less time per
        # certificate (zlib over the embedded font subsets). A certificate is rendered once by the
        # worker and stored; the bytes are still deterministic.
        pageCompression=0,
        initialFontName=fonts.regular,  # else an unembedded Helvetica sits in each page
        lang=data.languages[0],
    )
    _describe(canvas, data)
    _define_qr(canvas, data.verify_url)
    for language in data.languages:
        with translation.override(language):
            _page(canvas, data, fonts)
    canvas.save()
    return buffer.getvalue()


def _check(data: CertificateData) -> None:
    if data.kind not in KINDS:
        raise ValueError(f"unknown certificate kind {data.kind!r}; expected one of {KINDS}")
    if data.kind == LAUREATE and not data.place:
        raise ValueError("a laureate's certificate needs its place")
    if not data.languages:
        raise ValueError("a certificate needs at least one language")


def _describe(canvas: Canvas, data: CertificateData) -> None:
    """The document's metadata, in its first language: what a viewer or an archive shows."""
    with translation.override(data.languages[0]):
        name = data.authority_in(data.languages[0])
        canvas.setTitle(f"{_heading(data)} {data.number} – {name}")
        canvas.setSubject(_edition(data))
    canvas.setAuthor(AUTHOR)
    canvas.setCreator(AUTHOR)
    canvas.setViewerPreference("DisplayDocTitle", "true")


def _page(canvas: Canvas, data: CertificateData, fonts: FontSet) -> None:
    _frame(canvas)
    _header(canvas, data, fonts)
    _block(canvas, _body(data, fonts), box=BODY, valign=0.5)
    _signatories(canvas, data.signatories, fonts)
    _verification(canvas, data, fonts)
    canvas.showPage()


def _frame(canvas: Canvas) -> None:
    """A thin double frame: a stronger outer line, a hairline inside it."""
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(1.6)
    canvas.rect(22, 22, WIDTH - 44, HEIGHT - 44)
    canvas.setLineWidth(0.5)
    canvas.rect(28, 28, WIDTH - 56, HEIGHT - 56)


def _header(canvas: Canvas, data: CertificateData, fonts: FontSet) -> None:
    """The prize's name, the heading, and a small ornament under it."""
    _block(canvas, [_fit(_edition(data), EDITION, fonts, EDITION_BOX.width)], box=EDITION_BOX)
    heading = _fit(_heading(data), HEADING, fonts, HEADING_BOX.width)
    _block(canvas, [heading], box=HEADING_BOX, valign=1)  # its baseline stays put
    canvas.setStrokeColor(GOLD)
    canvas.setFillColor(GOLD)
    canvas.setLineWidth(0.8)
    y = ORNAMENT_Y
    canvas.line(CENTRE - 80, y, CENTRE - 9, y)
    canvas.line(CENTRE + 9, y, CENTRE + 80, y)
    path = canvas.beginPath()  # a small diamond between the two rules
    path.moveTo(CENTRE - 4, y)
    path.lineTo(CENTRE, y + 4)
    path.lineTo(CENTRE + 4, y)
    path.lineTo(CENTRE, y - 4)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _edition(data: CertificateData) -> str:
    name = pick(data.edition_name)
    return name.text if name else prize_title(data.edition_number)


def _heading(data: CertificateData) -> str:
    if data.kind == LAUREATE:
        return pgettext("certificate heading", "Certificate")
    return pgettext("certificate heading", "Certificate of participation")


# --- The body: who, from where, for what, which place, when -------------------------


def _body(data: CertificateData, fonts: FontSet) -> list[Paragraph]:
    lead = gettext("awarded to") if data.kind == LAUREATE else gettext("This certifies that")
    width = BODY.width
    return [
        _fit(lead, LEAD, fonts, width),
        _fit(data.authority_in(translation.get_language() or "en"), AUTHORITY, fonts, width),
        _fit(country_name(data.country), COUNTRY, fonts, width),
        *_project(data, fonts, width),
        *_place(data, fonts, width),
        *_ceremony(data, fonts, width),
    ]


def _project(data: CertificateData, fonts: FontSet, width: float) -> list[Paragraph]:
    title = pick(data.title)
    if data.kind == LAUREATE:
        link = gettext("for the project") if title else ""
    elif title:
        link = gettext("took part in the competition with the project")
    else:
        link = gettext("took part in the competition")
    found = [_fit(link, LINK, fonts, width)] if link else []
    if title:
        quoted = pgettext("quoted project title", "“%(title)s”") % {"title": title.text}
        found.append(_fit(quoted, TITLE, fonts, width))
    return found


def _place(data: CertificateData, fonts: FontSet, width: float) -> list[Paragraph]:
    if data.kind != LAUREATE:
        return []
    return [_fit(place_label(data.place, data.ex_aequo), PLACE, fonts, width)]


def _ceremony(data: CertificateData, fonts: FontSet, width: float) -> list[Paragraph]:
    """Date, occasion and place, each only when known: a missing one leaves no trace."""
    occasion = pick(data.ceremony_occasion)
    parts = [
        date_format(data.ceremony_date, "j F Y") if data.ceremony_date else "",
        occasion.text if occasion else "",
        data.ceremony_place or "",
    ]
    text = " · ".join(part.strip() for part in parts if part.strip())
    return [_fit(text, CEREMONY, fonts, width)] if text else []


# --- Setting text: reportlab's Paragraph wraps, KeepInFrame keeps it in its box -------


def _fit(
    text: str, style: Style, fonts: FontSet, width: float, *, align: int = TA_CENTER
) -> Paragraph:
    """The text as a Paragraph at the largest size that fits width: first on one line,
    shrinking from the style's size down to its one-line floor; then wrapped over at
    most max_lines, shrinking down to the floor. Text that needs more lines even at the
    floor keeps them all: the box it is drawn in (_block) shrinks it as a whole, so
    nothing is cut off and nothing leaves the page."""
    font = fonts.bold if style.bold else fonts.regular
    # Ordinary white space only: the no-break spaces of French typography (« titre »,
    # n° 12) keep their neighbours together, in the measure as in Paragraph's wrapping.
    text = " ".join(_SPACES.split(text.strip(" \t\r\n")))
    one_line = stringWidth(text, font, 1)  # widths grow linearly with the size
    if one_line * style.one_line_floor <= width:
        size = style.size if not one_line else min(style.size, width / one_line)
        return _paragraph(text, style, font, math.floor(size * 10) / 10, align)
    # Half-point sizes, largest first; wrapping at a smaller size never takes more lines,
    # so the largest that fits is found by bisection.
    sizes = [style.one_line_floor - i / 2 for i in range(int(2 * style.wrapped_range) + 1)]
    low, high = 0, len(sizes) - 1
    while low < high:
        middle = (low + high) // 2
        paragraph = _paragraph(text, style, font, sizes[middle], align)
        if _lines(paragraph, width) <= style.max_lines:
            high = middle
        else:
            low = middle + 1
    return _paragraph(text, style, font, sizes[low], align)


def _paragraph(text: str, style: Style, font: str, size: float, align: int) -> Paragraph:
    return Paragraph(
        escape(text),  # typed text printed as typed: reportlab reads `<b>`, `&amp;` as markup
        ParagraphStyle(
            "certificate",
            fontName=font,
            fontSize=size,
            leading=size * 1.25,
            textColor=style.color,
            alignment=align,
            spaceBefore=style.gap,
            splitLongWords=1,  # a word longer than the line is broken, not drawn past it
        ),
    )


def _lines(paragraph: Paragraph, width: float) -> int:
    paragraph.wrap(width, HEIGHT)
    return len(paragraph.blPara.lines)


def _block(canvas: Canvas, flowables: list[Flowable], *, box: Box, valign: float = 0.0) -> None:
    """The flowables one under the other in the box; valign places them in its height:
    0 at the top, 0.5 in the middle, 1 at the bottom. When they would not fit even at
    their floors, KeepInFrame shrinks them as a whole to the box."""
    if not flowables:
        return
    heights = [flowable.wrapOn(canvas, box.width, box.height)[1] for flowable in flowables]
    gaps = [0.0] + [flowable.getSpaceBefore() for flowable in flowables[1:]]
    height = sum(heights) + sum(gaps)
    if height > box.height:
        frame = KeepInFrame(box.width, box.height, flowables, mode="shrink")
        _width, height = frame.wrapOn(canvas, box.width, box.height)
        frame.drawOn(canvas, box.left, box.top - height - (box.height - height) * valign)
        return
    y = box.top - (box.height - height) * valign
    for flowable, flowable_height, gap in zip(flowables, heights, gaps, strict=True):
        y -= gap + flowable_height
        flowable.drawOn(canvas, box.left, y)


# --- Signatories and verification ---------------------------------------------------


def _signatories(canvas: Canvas, signatories: tuple[Signatory, ...], fonts: FontSet) -> None:
    """Side by side in equal slots, the group centred on the page when it fits left of
    the QR code (one or two short ones do), else filling the row up to it."""
    if not signatories:
        return
    slot = min(SIGNATORY_SLOT, (SIGNATORIES_RIGHT - SIGNATORIES_LEFT) / len(signatories))
    left = min(CENTRE - slot * len(signatories) / 2, SIGNATORIES_RIGHT - slot * len(signatories))
    for index, signatory in enumerate(signatories):
        _signatory(canvas, signatory, left + slot * (index + 0.5), slot - 24, fonts)


def _signatory(
    canvas: Canvas, signatory: Signatory, x: float, width: float, fonts: FontSet
) -> None:
    """A line to sign on, the name under it, the role (one or two lines) under the name."""
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.6)
    half = min(width, 190) / 2
    canvas.line(x - half, SIGNATURE_LINE_Y, x + half, SIGNATURE_LINE_Y)
    role = pick(signatory.role)
    texts = [_fit(signatory.name, NAME, fonts, width)]
    if role:
        texts.append(_fit(role.text, ROLE, fonts, width))
    box = Box(x - width / 2, SIGNATURE_LINE_Y - 4, width, SIGNATURE_LINE_Y - 4 - FRAME_INSIDE)
    _block(canvas, texts, box=box)


def _verification(canvas: Canvas, data: CertificateData, fonts: FontSet) -> None:
    """The QR code bottom right, the number and the URL under it, flush right and a
    quiet zone (four modules) below the code."""
    canvas.saveState()
    canvas.translate(QR_RIGHT - QR_SIZE, QR_BOTTOM)
    canvas.doForm(QR_FORM)
    canvas.restoreState()
    number = gettext("Certificate no. %(number)s") % {"number": data.number}
    verify = gettext("Verify at %(url)s") % {"url": data.verify_url}
    captions = [
        _fit(text, CAPTION, fonts, CAPTION_BOX.width, align=TA_RIGHT) for text in (number, verify)
    ]
    _block(canvas, captions, box=CAPTION_BOX)


def _define_qr(canvas: Canvas, url: str) -> None:
    """The QR code of the verification URL (segno: error correction M, or higher when the
    code's size allows it; segno's own mask choice), drawn once as a form that every page
    shows. Each run of dark modules is one rectangle of a single path, in module units
    scaled to size: one fill, so no seams between rows."""
    code = segno.make_qr(url, error="m")
    rows = list(code.matrix_iter(scale=1, border=0))
    count = len(rows)
    canvas.beginForm(QR_FORM, 0, 0, QR_SIZE, QR_SIZE)
    canvas.scale(QR_SIZE / count, QR_SIZE / count)
    canvas.setFillColor(INK)
    path = canvas.beginPath()
    for row, cells in enumerate(rows):
        column = 0
        for dark, run in groupby(cells):
            length = len(list(run))
            if dark:
                path.rect(column, count - 1 - row, length, 1)  # PDF's y grows upwards
            column += length
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.endForm()
