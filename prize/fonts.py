"""The fonts of the prize's PDFs (receipts, certificates).

reportlab's built-in fonts (Helvetica…) cover Latin-1 only, so Şişli, Surčin, Крагујевац
or the typographic apostrophe of Reggio nell’Emilia would come out as black boxes. We embed
Source Sans Pro instead, which covers Latin Extended and Cyrillic. It is installed as a
dependency (the PyPI package font-source-sans-pro, locked in uv.lock), never
copied by hand, so every machine that runs `make run` or `make test` has the same files.
"""

import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

PACKAGE = "font_source_sans_pro"
DISTRIBUTION = "font-source-sans-pro"
REGULAR = "DostaSans"
BOLD = "DostaSans-Bold"
# Our stable names → the files the package ships. Callers only ever see our names, so the
# typeface can change without touching the documents.
FILES = {REGULAR: "SourceSansPro-Regular.ttf", BOLD: "SourceSansPro-Bold.ttf"}


@dataclass(frozen=True)
class FontSet:
    """The names under which the fonts are registered with reportlab."""

    regular: str
    bold: str


@cache
def register_fonts() -> FontSet:
    """Register the regular and bold fonts once per process and return their names.

    Cached because parsing a TTF costs a few milliseconds and reportlab's registry is
    global anyway: registering again would only redo the work.
    """
    for name, filename in FILES.items():
        pdfmetrics.registerFont(TTFont(name, _font_path(filename)))
    # A family, so that <b> inside a Paragraph picks the bold file rather than faking it.
    pdfmetrics.registerFontFamily(
        REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD
    )
    return FontSet(regular=REGULAR, bold=BOLD)


def missing_glyphs(text: str, font_name: str) -> set[str]:
    """The characters of text that the registered TrueType font font_name cannot draw.

    Control characters (newlines, tabs) are left out: they are layout, never drawn.
    """
    register_fonts()  # so that the house names always resolve
    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, TTFont):
        raise TypeError(f"{font_name} is not a TrueType font; its character map is unknown")
    cmap = font.face.charToGlyph
    return {c for c in set(text) if ord(c) not in cmap and unicodedata.category(c) != "Cc"}


def _font_path(filename: str) -> str:
    """The file's path inside the installed package, or a RuntimeError saying what to do."""
    try:
        path = resources.files(PACKAGE) / "files" / filename
    except ModuleNotFoundError:
        raise RuntimeError(_install_hint(f"the Python package {PACKAGE} is missing")) from None
    if not path.is_file():
        raise RuntimeError(_install_hint(f"{filename} is missing from {PACKAGE}"))
    return str(path)


def _install_hint(problem: str) -> str:
    return (
        f"PDF fonts not found: {problem}. Install the pinned {DISTRIBUTION} package "
        "with `make run` or `make test` (uv installs it from uv.lock)."
    )
