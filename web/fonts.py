"""The fonts of the prize's PDFs (certificates, receipts, the jury's report).

reportlab's built-in fonts (Helvetica…) cover Latin-1 only, so Şişli, Surčin, Крагујевац
or the typographic apostrophe of Reggio nell’Emilia would come out as black boxes. We embed
Noto Sans instead, which covers Latin Extended, Greek and Cyrillic. Its files live in the
repository (web/data/fonts/, with their licence, the SIL Open Font License), so a fresh
clone renders the same PDFs on any machine, with no system font and no font package.
"""

import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DIRECTORY = Path(__file__).resolve().parent / "data" / "fonts"
REGULAR = "DostaSans"
BOLD = "DostaSans-Bold"
# Our stable names → the files in DIRECTORY. Callers only ever see our names, so the
# typeface can change without touching the documents.
FILES = {REGULAR: "NotoSans-Regular.ttf", BOLD: "NotoSans-Bold.ttf"}


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
    """The file's path in the repository, or a RuntimeError saying what is wrong."""
    path = DIRECTORY / filename
    if not path.is_file():
        raise RuntimeError(
            f"PDF font not found: {path}. The fonts are part of the repository "
            "(web/data/fonts/); restore them from version control."
        )
    return str(path)
