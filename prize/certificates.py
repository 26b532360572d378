"""The certificates of the prize as PDF: a pure function of plain data.

No database, no storage: the caller freezes the facts (facts_of) when it issues a
certificate and renders them again from that JSON at any time (from_facts, render), so a
certificate printed twice says the same thing, byte for byte. One A4 landscape page per
language, in the order of CertificateData.languages.
"""

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from itertools import groupby

from django.utils import formats, translation
from django.utils.translation import gettext, pgettext
from reportlab.lib.colors import Color, HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from prize import qr
from prize.countries import country_name
from prize.fonts import FontSet, register_fonts
from prize.texts import pick, place_label, prize_title

LAUREATE = "laureate"
PARTICIPATION = "participation"
KINDS = (LAUREATE, PARTICIPATION)
AUTHOR = "Council of Europe – Congress of Local and Regional Authorities"

WIDTH, HEIGHT = landscape(A4)
CENTRE = WIDTH / 2
TEXT_WIDTH = WIDTH - 2 * 100  # the body column, well inside the frame
HEADING_WIDTH = 380
NAVY = HexColor("#1b365d")
GOLD = HexColor("#a48a45")
INK = HexColor("#1f1f1f")
GREY = HexColor("#5a5a5a")

# The bottom row: signatories on the left, the QR code and its caption on the right.
QR_SIZE = 66
QR_RIGHT = WIDTH - 70
QR_BOTTOM = 86
QR_FORM = "verification-qr"
QR_MASK = qr.MASK  # see prize/qr.py
SIGNATURE_LINE_Y = 128
SIGNATORIES_LEFT = 90
SIGNATORIES_RIGHT = QR_RIGHT - 190
SIGNATORY_SLOT = 250
# The body is centred vertically between the heading's ornament and the signatures.
BODY_TOP = 410
BODY_BOTTOM = 158


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
ROLE = Style(False, 9, 6, GREY, max_lines=2, wrap_below=8)
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


@dataclass(frozen=True)
class Line:
    """A line of text as it will be drawn, measured once: width is at its size."""

    text: str
    font: str
    size: float
    color: Color
    width: float
    gap: float = 0.0

    @property
    def height(self) -> float:
        """Its share of the body: the gap, the size, and room for descenders."""
        return self.gap + self.size * 1.3


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
        # Uncompressed: 53 KB instead of 30 KB, for a quarter less time per certificate
        # (zlib over the embedded font subsets was the largest cost left). A certificate
        # is rendered once by the worker and stored; the bytes are still deterministic.
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
        canvas.setTitle(f"{_heading(data)} {data.number} – {data.authority}")
        canvas.setSubject(_edition(data))
    canvas.setAuthor(AUTHOR)
    canvas.setCreator(AUTHOR)
    canvas.setViewerPreference("DisplayDocTitle", "true")


def _page(canvas: Canvas, data: CertificateData, fonts: FontSet) -> None:
    # Every line of the page goes into one text object, drawn once at the end: a
    # drawString per line made a text object per line (a sixth of the page's time).
    text = canvas.beginText()
    _frame(canvas)
    _header(canvas, text, data, fonts)
    _stack(text, _body(data, fonts))
    _signatories(canvas, text, data.signatories, fonts)
    _verification(canvas, text, data, fonts)
    canvas.drawText(text)
    canvas.showPage()


def _frame(canvas: Canvas) -> None:
    """A thin double frame: a stronger outer line, a hairline inside it."""
    canvas.setStrokeColor(NAVY)
    canvas.setLineWidth(1.6)
    canvas.rect(22, 22, WIDTH - 44, HEIGHT - 44)
    canvas.setLineWidth(0.5)
    canvas.rect(28, 28, WIDTH - 56, HEIGHT - 56)


def _header(canvas: Canvas, text: PDFTextObject, data: CertificateData, fonts: FontSet) -> None:
    """The prize's name, the heading, and a small ornament under it."""
    _draw(text, _set(_edition(data), EDITION, fonts)[0], HEIGHT - 92)
    # A narrower measure than the body's: "Certificate of participation" at the full
    # size would outweigh the authority's name.
    _draw(text, _set(_heading(data), HEADING, fonts, width=HEADING_WIDTH)[0], HEIGHT - 150)
    canvas.setStrokeColor(GOLD)
    canvas.setFillColor(GOLD)
    canvas.setLineWidth(0.8)
    y = HEIGHT - 170
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


def _body(data: CertificateData, fonts: FontSet) -> list[Line]:
    lead = gettext("awarded to") if data.kind == LAUREATE else gettext("This certifies that")
    return [
        *_set(lead, LEAD, fonts),
        *_set(data.authority, AUTHORITY, fonts),
        *_set(country_name(data.country), COUNTRY, fonts),
        *_project(data, fonts),
        *_place(data, fonts),
        *_ceremony(data, fonts),
    ]


def _project(data: CertificateData, fonts: FontSet) -> list[Line]:
    title = pick(data.title)
    if data.kind == LAUREATE:
        link = gettext("for the project") if title else ""
    elif title:
        link = gettext("took part in the competition with the project")
    else:
        link = gettext("took part in the competition")
    lines = _set(link, LINK, fonts) if link else []
    if title:
        quoted = pgettext("quoted project title", "“%(title)s”") % {"title": title.text}
        lines += _set(quoted, TITLE, fonts)
    return lines


def _place(data: CertificateData, fonts: FontSet) -> list[Line]:
    if data.kind != LAUREATE:
        return []
    return _set(place_label(data.place, data.ex_aequo), PLACE, fonts)


def _ceremony(data: CertificateData, fonts: FontSet) -> list[Line]:
    """Date, occasion and place, each only when known: a missing one leaves no trace."""
    occasion = pick(data.ceremony_occasion)
    parts = [
        formats.date_format(data.ceremony_date, "j F Y") if data.ceremony_date else "",
        occasion.text if occasion else "",
        data.ceremony_place or "",
    ]
    text = " · ".join(part.strip() for part in parts if part.strip())
    return _set(text, CEREMONY, fonts) if text else []


def _stack(text: PDFTextObject, lines: list[Line]) -> None:
    """Draw the lines centred, the whole block in the middle of the body's band."""
    total = sum(line.height for line in lines)
    y = BODY_TOP - max(0.0, (BODY_TOP - BODY_BOTTOM - total) / 2)
    for line in lines:
        y -= line.gap + line.size
        _draw(text, line, y)
        y -= line.size * 0.3


def _draw(
    text: PDFTextObject, line: Line, y: float, x: float = CENTRE, *, align: float = 0.5
) -> None:
    """Set line with the point x at align of its width: 0.5 centres it, 1 ends it at x.
    The width is already known: drawCentredString would measure the text again."""
    text.setFont(line.font, line.size)
    text.setFillColor(line.color)
    text.setTextOrigin(x - line.width * align, y)
    text.textOut(line.text)


# --- Fitting text: shrink to the width, wrap over a few lines -----------------------


def _set(text: str, style: Style, fonts: FontSet, width: float = TEXT_WIDTH) -> list[Line]:
    """The text in style, at the largest size that fits width in the style's lines."""
    font = fonts.bold if style.bold else fonts.regular
    size, parts = _fit(text, font, style, width)
    return [
        Line(part, font, size, style.color, part_width * size, style.gap if i == 0 else 0.0)
        for i, (part, part_width) in enumerate(parts)
    ]


def _words(text: str) -> list[str]:
    """Split on ordinary white space only: the no-break spaces of French typography
    (« titre », n° 12) keep their neighbours together on one line."""
    return [word for word in re.split(r"[ \t\r\n]+", text) if word]


def _fit(text: str, font: str, style: Style, width: float) -> tuple[float, list[tuple[str, float]]]:
    """(size, [(line, width at size 1)]). Widths are measured at size 1: a string's width
    grows linearly with the size, so choosing a size is arithmetic, not measuring again."""
    text = " ".join(_words(text))
    full = stringWidth(text, font, 1)
    if full * style.one_line_floor <= width:
        return (min(style.size, width / full) if full else style.size), [(text, full)]
    return _fit_lines(text, font, style, width)


def _fit_lines(
    text: str, font: str, style: Style, width: float
) -> tuple[float, list[tuple[str, float]]]:
    """Wrapped: the largest size, in half points, whose greedy wrapping fits."""
    words = [(word, stringWidth(word, font, 1)) for word in _words(text)]
    space = stringWidth(" ", font, 1)
    size = style.one_line_floor
    while True:
        lines = _wrap(words, space, width / size)
        fits = len(lines) <= style.max_lines and all(w <= width / size for _, w in lines)
        if fits or size <= style.floor:
            return size, _clip(lines, style.max_lines, font)
        size -= 0.5


def _wrap(words: list[tuple[str, float]], space: float, limit: float) -> list[tuple[str, float]]:
    """Greedy wrapping: (line, width) pairs, each line as full as limit allows."""
    lines: list[tuple[str, float]] = []
    for word, width in words:
        if lines and lines[-1][1] + space + width <= limit:
            text, used = lines[-1]
            lines[-1] = (f"{text} {word}", used + space + width)
        else:
            lines.append((word, width))
    return lines or [("", 0.0)]


def _clip(lines: list[tuple[str, float]], max_lines: int, font: str) -> list[tuple[str, float]]:
    """Only when even the floor size is too big: the last line allowed ends with an
    ellipsis rather than running into the signatures."""
    if len(lines) <= max_lines:
        return lines
    last = lines[max_lines - 1][0] + " …"
    return [*lines[: max_lines - 1], (last, stringWidth(last, font, 1))]


# --- Signatories and verification ---------------------------------------------------


def _signatories(
    canvas: Canvas, text: PDFTextObject, signatories: tuple[Signatory, ...], fonts: FontSet
) -> None:
    """Side by side in equal slots, the group centred on the page when it fits left of
    the QR code (one or two short ones do), else filling the row up to it."""
    if not signatories:
        return
    slot = min(SIGNATORY_SLOT, (SIGNATORIES_RIGHT - SIGNATORIES_LEFT) / len(signatories))
    left = min(CENTRE - slot * len(signatories) / 2, SIGNATORIES_RIGHT - slot * len(signatories))
    for index, signatory in enumerate(signatories):
        _signatory(canvas, text, signatory, left + slot * (index + 0.5), slot - 24, fonts)


def _signatory(
    canvas: Canvas,
    text: PDFTextObject,
    signatory: Signatory,
    x: float,
    width: float,
    fonts: FontSet,
) -> None:
    """A line to sign on, the name under it, the role (one or two lines) under the name."""
    canvas.setStrokeColor(INK)
    canvas.setLineWidth(0.6)
    half = min(width, 190) / 2
    canvas.line(x - half, SIGNATURE_LINE_Y, x + half, SIGNATURE_LINE_Y)
    _draw(text, _set(signatory.name, NAME, fonts, width)[0], SIGNATURE_LINE_Y - 15, x)
    role = pick(signatory.role)
    for i, line in enumerate(_set(role.text, ROLE, fonts, width) if role else []):
        _draw(text, line, SIGNATURE_LINE_Y - 27 - i * line.size * 1.2, x)


def _verification(
    canvas: Canvas, text: PDFTextObject, data: CertificateData, fonts: FontSet
) -> None:
    """The QR code bottom right, the number and the URL under it, flush right and a
    quiet zone (four modules) below the code."""
    canvas.saveState()
    canvas.translate(QR_RIGHT - QR_SIZE, QR_BOTTOM)
    canvas.doForm(QR_FORM)
    canvas.restoreState()
    number = gettext("Certificate no. %(number)s") % {"number": data.number}
    verify = gettext("Verify at %(url)s") % {"url": data.verify_url}
    for i, caption in enumerate((number, verify)):
        line = _set(caption, CAPTION, fonts, width=230)[0]
        _draw(text, line, QR_BOTTOM - 17 - i * 10, QR_RIGHT, align=1)


def _define_qr(canvas: Canvas, url: str) -> None:
    """The QR code of the verification URL, drawn once as a form that every page shows.
    Module coordinates are integers scaled to size, and each run of dark modules is one
    rectangle of a single path: one fill, so no hairline seams between rows."""
    modules = qr.modules(url)
    count = len(modules)
    canvas.beginForm(QR_FORM, 0, 0, QR_SIZE, QR_SIZE)
    canvas.scale(QR_SIZE / count, QR_SIZE / count)
    canvas.setFillColor(INK)
    # Written as PDF operators: formatting some 250 rectangles through reportlab's path
    # objects (pure-Python number formatting) cost as much as the rest of the page.
    canvas.addLiteral("\n".join(_qr_runs(modules)) + "\nf")
    canvas.endForm()


def _qr_runs(modules: list[list[bool]]) -> Iterator[str]:
    """'x y width 1 re' for each horizontal run of dark modules; PDF's y grows upwards."""
    top = len(modules) - 1
    for row, cells in enumerate(modules):
        column = 0
        for dark, run in groupby(cells):
            length = len(list(run))
            if dark:
                yield f"{column} {top - row} {length} 1 re"
            column += length
