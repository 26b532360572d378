"""The certificate PDF: what each language's page says, that every name prints in the
embedded fonts, that long texts fit inside the page, that its QR code scans, and that
stored facts render the same certificate."""

import io
import json
import re
from dataclasses import replace
from datetime import date

import pypdf
import pypdfium2
import pytest
import zxingcpp

from results.certificates import CertificateData, Signatory, facts_of, from_facts, render

NAMES = ["Şişli", "Surčin", "Jyväskylä", "Крагујевац", "Reggio nell’Emilia"]
URL = "https://dosta.example.org/c/DC5-7K2M9Q"
STANDARD_14 = {"Helvetica", "Times-Roman", "Courier", "Symbol", "ZapfDingbats"}


def make_data(**overrides) -> CertificateData:
    data = CertificateData(
        number="DC5-7K2M9Q",
        kind="laureate",
        authority="City of Kragujevac",
        country="RS",
        title={"en": "Roma Youth Voices", "fr": "Voix des jeunes Roms"},
        place=2,
        ex_aequo=True,
        edition_number=5,
        edition_name={
            "en": "5th Dosta!-Congress Prize for Municipalities",
            "fr": "5e Prix Dosta!-Congrès pour les municipalités",
        },
        ceremony_date=date(2015, 10, 21),
        ceremony_place="Strasbourg",
        ceremony_occasion={"en": "29th Session of the Congress", "fr": "29e session du Congrès"},
        signatories=(
            Signatory(
                "A. Example", {"en": "President of the Congress", "fr": "Président du Congrès"}
            ),
            Signatory("B. Sample", {"en": "Dosta! campaign ambassador"}),
        ),
        verify_url=URL,
    )
    return replace(data, **overrides)


def read(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def pages(pdf: bytes) -> list[str]:
    """Each page's text with every run of whitespace made one space: wrapping breaks lines."""
    return [" ".join(page.extract_text().split()) for page in read(pdf).pages]


def pixels(pdf: bytes, page: int, *, scale: float = 3):
    """The page as a PIL image, as a screen or a printer shows it (pdfium renders it)."""
    return pypdfium2.PdfDocument(pdf)[page].render(scale=scale).to_pil()


def scanned(pdf: bytes, page: int, *, scale: float = 3) -> list[str]:
    """What a QR code reader finds on the page rendered at 72 × scale dpi (zxing-cpp,
    the decoder of many phone apps)."""
    image = pixels(pdf, page, scale=scale)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return [barcode.text for barcode in found]


def char_boxes(pdf: bytes, page: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """(character, (left, bottom, right, top)) of every drawn character, in points."""
    text = pypdfium2.PdfDocument(pdf)[page].get_textpage()
    boxes = []
    for index in range(text.count_chars()):
        char = text.get_text_range(index, 1)
        if char.strip():
            boxes.append((char, text.get_charbox(index)))
    return boxes


def assert_inside_frame(pdf: bytes) -> None:
    """Every character of every page lies inside the frame's inner line (28 pt in)."""
    for page in range(len(read(pdf).pages)):
        boxes = char_boxes(pdf, page)
        assert boxes
        outside = [
            char
            for char, (left, bottom, right, top) in boxes
            if left < 28 or bottom < 28 or right > 842 - 28 or top > 595 - 28
        ]
        assert outside == []


def drawn(page: pypdf.PageObject) -> list[tuple[str, float]]:
    """(text, x where it starts) for every string drawn on the page."""
    runs = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            runs.append((text, tm[4] * cm[0] + cm[4]))

    page.extract_text(visitor_text=visit)
    return runs


def test_ex_aequo_place_is_worded_in_each_language():
    english, french = pages(render(make_data()))
    assert "2nd place ex aequo" in english
    assert "2e place ex aequo" in french


def test_shared_first_place_is_a_joint_prize():
    english, french = pages(render(make_data(place=1)))
    assert "1st place (joint)" in english
    assert "1re place (ex aequo)" in french


def test_single_place_has_no_tie_wording():
    english, french = pages(render(make_data(place=3, ex_aequo=False)))
    assert "3rd place" in english
    assert "3e place" in french
    assert "aequo" not in english + french
    assert "joint" not in english


def test_english_page_reads_in_order():
    english = pages(render(make_data()))[0]
    assert english == (
        "5th Dosta!-Congress Prize for Municipalities Certificate awarded to "
        "City of Kragujevac Serbia for the project “Roma Youth Voices” 2nd place ex aequo "
        "21 October 2015 · 29th Session of the Congress · Strasbourg "
        "A. Example President of the Congress B. Sample Dosta! campaign ambassador "
        f"Certificate no. DC5-7K2M9Q Verify at {URL}"
    )


def test_french_page_has_french_names_dates_and_roles():
    french = pages(render(make_data()))[1]
    # Only what translates today: the fixed sentences' catalogue is filled in later.
    for text in (
        "5e Prix Dosta!-Congrès pour les municipalités",
        "Serbie",
        "Voix des jeunes Roms",
        "21 octobre 2015 · 29e session du Congrès · Strasbourg",
        "Président du Congrès",
        "Dosta! campaign ambassador",  # the only role given for B. Sample
    ):
        assert text in french


@pytest.mark.parametrize("name", NAMES)
def test_every_european_name_prints(name):
    english, french = pages(render(make_data(authority=name)))
    assert name in english
    assert name in french


def test_names_print_in_titles_and_signatures_too():
    data = make_data(
        title={"en": f"{NAMES[1]} and {NAMES[2]}"},
        signatories=(Signatory(NAMES[3], {"en": NAMES[4]}),),
    )
    english, french = pages(render(data))
    assert f"“{NAMES[1]} and {NAMES[2]}”" in english
    assert f"« {NAMES[1]} and {NAMES[2]} »" in french  # no-break spaces extract as spaces
    for text in (english, french):
        assert f"{NAMES[3]} {NAMES[4]}" in text


def test_fonts_are_embedded_truetype_and_never_a_standard_font():
    for page in read(render(make_data(authority=NAMES[3]))).pages:
        used = [font.get_object() for font in page["/Resources"]["/Font"].values()]
        base_fonts = {str(font["/BaseFont"]).split("+", 1)[1] for font in used}
        assert base_fonts == {"NotoSans-Regular", "NotoSans-Bold"}
        assert base_fonts.isdisjoint(STANDARD_14)
        assert all("/FontFile2" in font["/FontDescriptor"] for font in used)


def test_pages_are_a4_landscape_one_per_language():
    reader = read(render(make_data()))
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(842, abs=1)
        assert float(page.mediabox.height) == pytest.approx(595, abs=1)


def test_languages_give_the_pages_and_their_order():
    assert len(read(render(make_data(languages=("fr",)))).pages) == 1
    french, english = pages(render(make_data(languages=("fr", "en"))))
    assert french.startswith("5e Prix Dosta!-Congrès pour les municipalités")
    assert english.startswith("5th Dosta!-Congress Prize for Municipalities")


def test_participation_certificate_has_no_place_wording():
    data = make_data(kind="participation", place=None, ex_aequo=False)
    english, french = pages(render(data))
    assert english.startswith(
        "5th Dosta!-Congress Prize for Municipalities Certificate of participation "
        "This certifies that City of Kragujevac Serbia "
        "took part in the competition with the project “Roma Youth Voices” 21 October 2015"
    )
    for text in (english, french):
        assert not re.search(r"\bplace\b", text)


def test_participation_without_title_says_the_authority_took_part():
    data = make_data(kind="participation", place=None, ex_aequo=False, title={})
    english = pages(render(data))[0]
    assert "City of Kragujevac Serbia took part in the competition 21 October 2015" in english


def test_missing_ceremony_date_and_occasion_leave_no_trace():
    data = make_data(ceremony_date=None, ceremony_occasion=None)
    english, french = pages(render(data))
    assert "2nd place ex aequo Strasbourg A. Example" in english
    for text in (english, french):
        assert "None" not in text
        assert "·" not in text


def test_no_ceremony_at_all_goes_straight_to_the_signatures():
    data = make_data(ceremony_date=None, ceremony_occasion={}, ceremony_place=None)
    english = pages(render(data))[0]
    assert "2nd place ex aequo A. Example" in english
    assert "None" not in english


def test_title_in_one_language_prints_on_both_pages():
    english, french = pages(render(make_data(title={"fr": "Voix des jeunes Roms"})))
    assert "“Voix des jeunes Roms”" in english
    assert "« Voix des jeunes Roms »" in french  # no-break spaces extract as spaces


def test_laureate_without_title_drops_the_project_line():
    english = pages(render(make_data(title={})))[0]
    assert "Serbia 2nd place ex aequo" in english
    assert "for the project" not in english


def test_missing_edition_name_falls_back_to_the_edition_number():
    english = pages(render(make_data(edition_name={})))[0]
    assert english.startswith("5th Dosta!-Congress Prize Certificate")


def test_longest_title_and_authority_still_render_within_the_frame():
    # 300 characters each: the most the entry and authority forms accept.
    authority = ("Metropolitan Municipality of " + " ".join(NAMES * 9))[:300].strip()
    title = ("Inclusive schooling, housing and health mediation for Roma families. " * 5)[:300]
    assert len(title) == 300
    assert 295 < len(authority) <= 300
    pdf = render(make_data(authority=authority, title={"en": title}))
    assert authority in pages(pdf)[0]
    assert f"“{title}”" in pages(pdf)[0]
    runs = [(text.strip().strip("“”"), x) for text, x in drawn(read(pdf).pages[0])]
    assert 1 < len([text for text, _ in runs if text in authority]) <= 3
    assert 1 < len([text for text, _ in runs if text in title]) <= 3
    assert_inside_frame(pdf)


@pytest.mark.parametrize("name", NAMES)
def test_long_names_in_every_script_fit_inside_the_frame(name):
    """A name and a title past what the forms accept, in each script: shrunk, wrapped,
    and still whole on both pages, with every character inside the frame."""
    authority = " ".join([f"Municipality of {name}"] * 12)
    title = " ".join([f"Roma families of {name} at school, at work and at home."] * 12)
    pdf = render(make_data(authority=authority, title={"en": title, "fr": title}))
    for text in pages(pdf):
        assert authority in text
        assert title in text
    assert_inside_frame(pdf)


def test_text_past_every_floor_shrinks_as_a_block_between_heading_and_signatures():
    """Forty times the above (imported data is not bound by the forms): the body shrinks
    as a whole, every word still printed, above the signature line and below the
    heading's ornament."""
    authority = " ".join([f"Municipality of {NAMES[3]}"] * 40)
    title = " ".join([f"Roma families of {NAMES[0]} at school, at work and at home."] * 40)
    pdf = render(make_data(authority=authority, title={"en": title}))
    assert authority in pages(pdf)[0]
    assert title in pages(pdf)[0]
    assert_inside_frame(pdf)
    signature_line, ornament = 128, 595 - 170
    between = [box for _, box in char_boxes(pdf, 0) if signature_line < box[1] < ornament]
    assert len(between) >= len("".join((authority + title).split()))  # all but spaces
    assert all(box[1] >= signature_line + 20 and box[3] <= ornament - 8 for box in between)


def test_a_word_longer_than_the_line_is_broken_not_drawn_off_the_page():
    word = "Llanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogoch" * 4
    pdf = render(make_data(authority=word, title={"en": word}))
    assert_inside_frame(pdf)
    assert all(word in " ".join(text.split()).replace(" ", "") for text in pages(pdf))


def test_long_signatory_roles_wrap_under_their_names():
    role = "President of the Congress of Local and Regional Authorities of the Council of Europe"
    data = make_data(signatories=(Signatory("A. Example", {"en": role}),) * 3)
    english = pages(render(data))[0]
    assert english.count(role) == 3
    assert_inside_frame(render(data))


def test_verify_url_and_number_are_printed():
    for text in pages(render(make_data())):
        assert URL in text
        assert "DC5-7K2M9Q" in text
    assert f"Verify at {URL}" in pages(render(make_data()))[0]


def test_qr_code_on_every_page_scans_to_the_verify_url():
    pdf = render(make_data())
    assert [scanned(pdf, page) for page in (0, 1)] == [[URL], [URL]]


@pytest.mark.parametrize("scale", [1, 2])
def test_qr_code_scans_at_screen_and_low_print_resolutions(scale):
    """72 and 144 dpi: a certificate shown small on a screen, or printed coarsely."""
    url = "https://prize.dosta.congress.coe.int/c/DC12-7K2M9Q"
    assert scanned(render(make_data(verify_url=url)), 0, scale=scale) == [url]


def test_qr_code_is_drawn_once_for_all_pages():
    reader = read(render(make_data()))
    forms = [page["/Resources"]["/XObject"] for page in reader.pages]
    assert all(len(form) == 1 for form in forms)
    assert len({next(iter(form.values())).idnum for form in forms}) == 1


def test_metadata_names_the_certificate_and_the_council():
    reader = read(render(make_data()))
    assert reader.metadata.title == "Certificate DC5-7K2M9Q – City of Kragujevac"
    assert reader.metadata.author == (
        "Council of Europe – Congress of Local and Regional Authorities"
    )
    assert reader.metadata.subject == "5th Dosta!-Congress Prize for Municipalities"
    assert reader.trailer["/Root"]["/Lang"] == "en"


def test_same_data_gives_the_same_bytes():
    """Two renders from equal data (no timestamp, no random id): byte for byte the same;
    another number gives other bytes, so the comparison is not vacuous."""
    first, second = render(make_data()), render(make_data())
    assert first.startswith(b"%PDF-") and first.rstrip().endswith(b"%%EOF")
    assert first == second
    assert render(make_data(number="DC5-ZZZZZZ")) != first


def test_facts_survive_json_and_render_the_same_certificate():
    data = make_data()
    facts = json.loads(json.dumps(facts_of(data)))
    again = from_facts(facts, number=data.number, verify_url=data.verify_url)
    assert again == data
    assert render(again) == render(data)


def test_facts_hold_plain_values_without_number_or_url():
    facts = facts_of(make_data())
    assert "number" not in facts
    assert "verify_url" not in facts
    assert facts["ceremony_date"] == "2015-10-21"
    assert facts["signatories"][1] == {
        "name": "B. Sample",
        "role": {"en": "Dosta! campaign ambassador"},
    }
    assert facts["languages"] == ["en", "fr"]


@pytest.mark.parametrize("occasion", [None, {}])
def test_facts_round_trip_with_missing_parts(occasion):
    data = make_data(
        kind="participation",
        place=None,
        ex_aequo=False,
        title={},
        ceremony_date=None,
        ceremony_place=None,
        ceremony_occasion=occasion,
        signatories=(),
        languages=("fr",),
    )
    facts = json.loads(json.dumps(facts_of(data)))
    assert from_facts(facts, number=data.number, verify_url=data.verify_url) == data


def test_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="unknown certificate kind"):
        render(make_data(kind="honourable mention"))


def test_laureate_without_place_is_refused():
    with pytest.raises(ValueError, match="needs its place"):
        render(make_data(place=None))
