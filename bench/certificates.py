"""Certificates per second from our engine beside a bare reportlab document with the same
fonts and the same text, drawn at fixed places: no fitting, wrapping, frame or QR code."""

import io
import time
from datetime import date

from django.utils import translation
from django.utils.translation import gettext
from reportlab.pdfgen.canvas import Canvas

from prize import certificates
from prize.certificates import CertificateData, Signatory
from prize.fonts import register_fonts
from prize.texts import pick, place_label

SAMPLE = CertificateData(
    number="DC9-7K2M9Q",
    kind=certificates.LAUREATE,
    authority="City of Kragujevac",
    country="RS",
    title={"en": "Roma Youth Voices in the City Council", "fr": "Voix des jeunes Roms au conseil"},
    place=2,
    ex_aequo=True,
    edition_number=9,
    edition_name={
        "en": "9th Dosta!-Congress Prize for Municipalities",
        "fr": "9e Prix Dosta!-Congrès pour les municipalités",
    },
    ceremony_date=date(2027, 10, 21),
    ceremony_place="Strasbourg",
    ceremony_occasion={"en": "53rd Session of the Congress", "fr": "53e session du Congrès"},
    signatories=(
        Signatory("A. Example", {"en": "President of the Congress", "fr": "Président du Congrès"}),
        Signatory("B. Sample", {"en": "Dosta! campaign ambassador", "fr": "Ambassadrice"}),
    ),
    verify_url="https://dosta.example.org/c/DC9-7K2M9Q",
)


def bare_texts(data: CertificateData, language: str) -> list[tuple[str, bool, float]]:
    """The strings a page of the certificate shows: (text, bold, size)."""
    with translation.override(language):
        title = pick(data.title, language)
        texts = [
            (pick(data.edition_name, language).text, False, 16),
            (gettext("Certificate"), True, 40),
            (data.authority, True, 28),
            (title.text if title else "", False, 18),
            (place_label(data.place, data.ex_aequo), True, 24),
            (f"{data.ceremony_place}, {data.ceremony_date.isoformat()}", False, 13),
            (pick(data.ceremony_occasion, language).text, False, 13),
        ]
        for signatory in data.signatories:
            role = pick(signatory.role, language)
            texts += [(signatory.name, True, 12), (role.text if role else "", False, 10)]
        texts += [
            (gettext("Certificate no. %(number)s") % {"number": data.number}, False, 8),
            (gettext("Verify at %(url)s") % {"url": data.verify_url}, False, 8),
        ]
    return texts


def bare_render(pages: list[list[tuple[str, bool, float]]]) -> bytes:
    """The reference: reportlab's defaults, one drawString per text, fixed places."""
    fonts = register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(certificates.WIDTH, certificates.HEIGHT))
    for texts in pages:
        y = certificates.HEIGHT - 80
        for text, bold, size in texts:
            canvas.setFont(fonts.bold if bold else fonts.regular, size)
            canvas.drawString(90, y, text)
            y -= size * 1.4
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def rate(render, seconds: float) -> float:
    """Renders per second over about `seconds` (after one warm-up render)."""
    render()
    count, began = 0, time.perf_counter()
    while (elapsed := time.perf_counter() - began) < seconds:
        render()
        count += 1
    return count / elapsed


def figures(*, seconds: float) -> dict:
    pages = [bare_texts(SAMPLE, language) for language in SAMPLE.languages]
    # Interleaved halves, so a burst of load elsewhere on the machine hits both alike.
    engine = bare = 0.0
    for _ in range(2):
        engine += rate(lambda: certificates.render(SAMPLE), seconds / 4)
        bare += rate(lambda: bare_render(pages), seconds / 4)
    engine, bare = engine / 2, bare / 2
    return {
        "document": "two A4 landscape pages (English, French), Source Sans Pro embedded",
        "engine_per_second": round(engine, 1),
        "bare_reportlab_per_second": round(bare, 1),
        "ratio_to_bare": round(engine / bare, 3),
        "engine_pdf_bytes": len(certificates.render(SAMPLE)),
        "bare_pdf_bytes": len(bare_render(pages)),
        "target_met": engine / bare >= 0.8,
    }
