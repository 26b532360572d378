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


def paired_rates(engine, bare, seconds: float) -> tuple[float, float]:
    """Renders per second of each, timed in alternation (one engine certificate, one bare
    page, ...) so that a change of load on the machine hits both alike, and in CPU time of
    this process (the same as wall time on a quiet machine; on a busy one, not counting
    the time other processes held the CPU)."""
    engine(), bare()  # warm-up: fonts parsed, caches filled
    spent = {engine: 0.0, bare: 0.0}
    count, began = 0, time.perf_counter()
    while time.perf_counter() - began < seconds:
        for render in (engine, bare):
            start = time.process_time()
            render()
            spent[render] += time.process_time() - start
        count += 1
    return count / spent[engine], count / spent[bare]


def figures(*, seconds: float) -> dict:
    pages = [bare_texts(SAMPLE, language) for language in SAMPLE.languages]

    def engine():
        return certificates.render(SAMPLE)

    def bare():
        return bare_render(pages)

    engine_rate, bare_rate = paired_rates(engine, bare, seconds)
    return {
        "document": "two A4 landscape pages (English, French), Source Sans Pro embedded",
        "engine_per_second": round(engine_rate, 1),
        "bare_reportlab_per_second": round(bare_rate, 1),
        "ratio_to_bare": round(engine_rate / bare_rate, 3),
        "engine_pdf_bytes": len(engine()),
        "bare_pdf_bytes": len(bare()),
        "reportlab_c_accelerator": _accelerated(),
        "target_met": engine_rate / bare_rate >= 0.8,
    }


def _accelerated() -> bool:
    from reportlab.lib import rl_accel  # noqa: PLC0415

    return not rl_accel.fp_str.__name__.startswith("_py")
