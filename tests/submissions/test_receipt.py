"""The PDF receipt: what it says, in which language, and that any European name prints."""

import io
from datetime import UTC, datetime

import pypdf
import pytest

from submissions.receipt import receipt_pdf
from web import fonts
from web.fonts import FontSet, missing_glyphs, register_fonts

NAMES = ["Şişli", "Surčin", "Jyväskylä", "Крагујевац", "Reggio nell’Emilia"]

FOOTER = (
    "Keep this receipt. The secretariat will check your entry's eligibility and write "
    "to you by e-mail."
)


def make_receipt(**overrides) -> bytes:
    arguments = {
        "ref": "D9-0042",
        "title": "Roma Youth Voices",
        "authority": "Surčin",
        "country": "Serbia",
        "edition": "9th edition (2026)",
        "submitted_at": datetime(2026, 3, 1, 22, 30, tzinfo=UTC),
        "summary": "A youth council for Roma and non-Roma pupils.",
        "submitted_by": "Ana Petrović",
        "language": "en",
    }
    return receipt_pdf(**(arguments | overrides))


def read(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def lines(pdf: bytes) -> list[str]:
    reader = read(pdf)
    return [line for page in reader.pages for line in page.extract_text().splitlines()]


def flat(pdf: bytes) -> str:
    """The text with every run of whitespace made one space: wrapping breaks lines anywhere."""
    return " ".join(" ".join(lines(pdf)).split())


def test_english_receipt_lists_the_entry_in_strasbourg_time():
    assert lines(make_receipt()) == [
        "Dosta!-Congress Prize for Municipalities",
        "Receipt of submission",
        "Project title",
        "Roma Youth Voices",
        "Authority",
        "Surčin, Serbia",
        "Edition",
        "9th edition (2026)",
        "Submitted on",
        "1 March 2026, 23:30 (Strasbourg time)",
        "Submitted by",
        "Ana Petrović",
        "Entry reference",
        "D9-0042",
        "Summary",
        "A youth council for Roma and non-Roma pupils.",
        FOOTER,
    ]


def test_summer_time_is_two_hours_ahead_of_utc():
    pdf = make_receipt(submitted_at=datetime(2026, 7, 14, 21, 59, tzinfo=UTC))
    assert "14 July 2026, 23:59 (Strasbourg time)" in lines(pdf)


def test_french_receipt_has_french_dates_and_language():
    pdf = make_receipt(language="fr")
    # Only Django's own month names are certain: the labels' catalogue comes later.
    assert "1er mars 2026, 23:30" in flat(pdf)
    assert read(pdf).trailer["/Root"]["/Lang"] == "fr"


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError):
        make_receipt(submitted_at=datetime(2026, 3, 1, 22, 30))


def test_european_names_print_with_every_glyph():
    pdf = make_receipt(
        title=NAMES[4], authority=NAMES[0], summary=f"{NAMES[1]}\n{NAMES[2]}", submitted_by=NAMES[3]
    )
    text = lines(pdf)
    assert text[3] == "Reggio nell’Emilia"
    assert text[5] == "Şişli, Serbia"
    assert text[11] == "Крагујевац"
    assert text[15:17] == ["Surčin", "Jyväskylä"]
    font_set = register_fonts()
    for font_name in (font_set.regular, font_set.bold):
        assert missing_glyphs(" ".join(NAMES), font_name) == set()


def test_missing_glyphs_names_what_the_font_lacks():
    assert missing_glyphs("Şişli 中 😀\n", "DostaSans") == {"中", "😀"}


def test_fonts_are_embedded_subsets_of_noto_sans():
    page = read(make_receipt()).pages[0]
    used = [font.get_object() for font in page["/Resources"]["/Font"].values()]
    base_fonts = {str(font["/BaseFont"]).split("+", 1)[1] for font in used}
    assert base_fonts == {"NotoSans-Regular", "NotoSans-Bold"}
    assert all("/FontFile2" in font["/FontDescriptor"] for font in used)


def test_markup_in_user_text_is_printed_literally():
    pdf = make_receipt(title="<script>alert(1)</script>", summary="Fish & <b>chips</b> &amp;")
    text = lines(pdf)
    assert text[3] == "<script>alert(1)</script>"
    assert text[15] == "Fish & <b>chips</b> &amp;"


def test_summary_keeps_its_paragraphs_and_lists():
    summary = "It brought together:\r\n- 120 children\r\n- 12 Roma mediators\r\n\r\n-5 degrees."
    pdf = make_receipt(summary=summary)
    # pypdf reads each bullet, drawn apart from its item, as a line of its own.
    assert lines(pdf)[-7:] == [
        "It brought together:",
        "•",
        "120 children",
        "•",
        "12 Roma mediators",
        "-5 degrees.",
        FOOTER,
    ]
    used = read(pdf).pages[0]["/Resources"]["/Font"].values()
    assert {str(font.get_object()["/BaseFont"]).split("+", 1)[1] for font in used} == {
        "NotoSans-Regular",
        "NotoSans-Bold",
    }


def test_a_summary_of_a_thousand_characters_fits_on_one_page():
    summary = ("Inclusive schooling and housing for Roma families in Jyväskylä. " * 16)[:1000]
    assert len(summary) == 1000
    pdf = make_receipt(summary=summary)
    assert len(read(pdf).pages) == 1
    assert " ".join(summary.split()) in flat(pdf)


def test_metadata_names_the_receipt_and_the_council():
    metadata = read(make_receipt()).metadata
    assert metadata.title == "Receipt of submission – Roma Youth Voices"
    assert metadata.author == "Council of Europe"
    assert metadata.subject == "Dosta!-Congress Prize for Municipalities"


def test_same_receipt_gives_the_same_bytes():
    first, second = make_receipt(), make_receipt()
    assert first.startswith(b"%PDF-")
    assert first == second


def test_register_fonts_is_cached_under_stable_names():
    assert register_fonts() is register_fonts()
    assert register_fonts() == FontSet(regular="DostaSans", bold="DostaSans-Bold")


def test_fonts_ship_with_their_licence():
    for filename in fonts.FILES.values():
        assert (fonts.DIRECTORY / filename).is_file()
    licence = (fonts.DIRECTORY / "OFL.txt").read_text()
    assert "SIL OPEN FONT LICENSE" in licence
    assert "Copyright 2015 Google LLC" in licence


def test_missing_font_file_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setattr(fonts, "DIRECTORY", tmp_path)
    with pytest.raises(RuntimeError, match=r"NotoSans-Regular\.ttf\. The fonts are part of"):
        register_fonts.__wrapped__()  # past the cache, which holds the real registration
