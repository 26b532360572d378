"""The call for entries the secretariat writes: its safe format, the settings page with
its preview, the home and edition pages while the call is open, and its PDFs."""

import io
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from prize import services
from prize.enums import EditionState
from prize.forms import EditionForm
from tests.factories import EditionFactory
from web import richtext

pytestmark = pytest.mark.django_db

CALL_EN = """Local and regional authorities of the member states may enter.

## What to send
- a description of the project, with photos
- the [rules](https://www.coe.int/dosta) and <script>alert("x")</script>
- [a trap](javascript:alert(1))

## Timetable
1. Call opens: 1 March
2. Deadline: 30 June

Questions: <mailto:dosta@example.org>. Şişli, Крагујевац and Reggio nell’Emilia won."""

CALL_FR = """Les collectivités locales et régionales des États membres peuvent participer.

## Quoi envoyer
- une description du projet, avec des photos"""


class Elements(HTMLParser):
    """The start tags of a page with their attributes, as a browser would read them."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def named(self, tag: str) -> list[dict]:
        return [attrs for name, attrs in self.tags if name == tag]


def form_data(edition, **changes) -> dict:
    data = {k: v for k, v in EditionForm.initial_from(edition).items() if v is not None}
    data.pop("eligible_countries", None)
    return {**data, **changes}


@pytest.fixture
def open_call(db):
    return EditionFactory(
        number=8,
        state=EditionState.OPEN,
        name={"en": "8th Dosta!-Congress Prize", "fr": "8e Prix Dosta!-Congrès"},
        call_text_en=CALL_EN,
        call_text_fr=CALL_FR,
    )


# --- The format ------------------------------------------------------------------------


def test_typed_html_is_shown_as_text_and_only_web_and_mail_links_are_links():
    html = str(richtext.to_html(CALL_EN, top=3))
    elements = Elements(html)
    assert [tag for tag, _ in elements.tags if tag not in ("li", "p", "br")] == [
        "h3", "ul", "a", "h3", "ol", "a",
    ]  # fmt: skip
    assert [a["href"] for a in elements.named("a")] == [
        "https://www.coe.int/dosta",
        "mailto:dosta@example.org",
    ]
    assert '&lt;script&gt;alert("x")&lt;/script&gt;' in html
    assert "[a trap](javascript:alert(1))" in html


@pytest.mark.parametrize(
    "typed",
    [
        '<img src=x onerror="alert(1)">',
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](  JAVASCRIPT:alert(1))",
        "[x](/relative)",
        "![photo](https://example.org/a.png)",
        "<a href='https://example.org'>x</a>",
        "> a quote\n\n    code\n\n| a | b |\n|---|---|",
    ],
)
def test_nothing_but_the_allowed_elements_comes_out(typed):
    allowed = {"p", "br", "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "h6"}
    elements = Elements(str(richtext.to_html(typed)))
    assert {tag for tag, _ in elements.tags} <= allowed
    assert all(a["href"].startswith("https://") for a in elements.named("a"))
    assert all(set(attrs) <= {"href", "rel", "start"} for _, attrs in elements.tags)


def test_headings_start_at_the_level_given_and_never_make_a_second_h1():
    assert str(richtext.to_html("# A\n## B", top=1)) == "<h2>A</h2>\n<h3>B</h3>\n"
    assert str(richtext.to_html("## A\n### B", top=3)) == "<h3>A</h3>\n<h4>B</h4>\n"
    assert str(richtext.to_html("# A\n###### B", top=4)) == "<h4>A</h4>\n<h6>B</h6>\n"


def test_the_plain_words_make_a_description_cut_at_a_word():
    assert richtext.to_plain("## What\n- [one](https://a.b) & two") == "What one & two"
    assert richtext.to_plain(CALL_EN, limit=40) == "Local and regional authorities of the…"


# --- The secretariat writes it ---------------------------------------------------------


def test_the_preview_shows_the_call_as_visitors_will_and_saves_nothing(client, secretary):
    edition = EditionFactory(number=8)
    client.force_login(secretary)
    data = form_data(edition, call_text_en=CALL_EN, call_text_fr="", preview="1")
    response = client.post("/en/secretariat/editions/8/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Preview of the call (not saved yet)" in html
    assert "<h5>What to send</h5>" in html
    assert '<a href="https://www.coe.int/dosta" rel="noopener noreferrer">rules</a>' in html
    assert "Empty: visitors will see the call in the other language, with a note." in html
    edition.refresh_from_db()
    assert (edition.call_text_en, edition.call_text_fr) == ("", "")


def test_the_call_is_saved_in_both_languages_from_the_settings(client, secretary):
    edition = EditionFactory(number=8)
    client.force_login(secretary)
    data = form_data(edition, call_text_en=CALL_EN, call_text_fr=CALL_FR)
    response = client.post("/fr/secretariat/editions/8/", data)
    assert response.status_code == 302
    edition.refresh_from_db()
    assert (edition.call_text_en, edition.call_text_fr) == (CALL_EN, CALL_FR)


def test_a_call_too_long_is_refused_by_the_page_and_the_service(client, secretary):
    edition = EditionFactory(number=8)
    client.force_login(secretary)
    too_long = "a" * (richtext.MAX_LENGTH + 1)
    response = client.post("/en/secretariat/editions/8/", form_data(edition, call_text_fr=too_long))
    assert response.status_code == 400
    assert "Ensure this value has at most 20000 characters" in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        services.edition_update(edition_id=edition.pk, by=secretary, call_text_fr=too_long)
    assert "call_text_fr" in refused.value.message_dict
    edition.refresh_from_db()
    assert edition.call_text_fr == ""


# --- The public pages ------------------------------------------------------------------


def test_the_home_page_shows_the_call_instead_of_the_generic_steps(client, open_call):
    html = client.get("/en/").content.decode()
    assert "Local and regional authorities of the member states may enter." in html
    assert "<h3>What to send</h3>" in html
    assert "How to enter" not in html
    assert '<div class="richtext" lang="en">' in html
    links = [a for a in Elements(html).named("a") if a.get("type") == "application/pdf"]
    assert [(a["href"], a["hreflang"]) for a in links] == [
        ("/en/editions/8/call.pdf", "en"),
        ("/fr/editions/8/call.pdf", "fr"),
    ]


def test_the_home_page_keeps_the_generic_steps_for_a_call_without_text(client, db):
    EditionFactory(number=8, state=EditionState.OPEN)
    html = client.get("/en/").content.decode()
    assert "How to enter" in html
    assert "call.pdf" not in html


def test_a_call_written_in_one_language_shows_in_the_other_with_a_note(client, open_call):
    open_call.call_text_fr = ""
    open_call.save()
    html = client.get("/fr/").content.decode()
    assert "Cet appel n’est disponible qu’en anglais pour l’instant." in html
    assert '<div class="richtext" lang="en">' in html
    open_call.call_text_fr, open_call.call_text_en = CALL_FR, ""
    open_call.save()
    html = client.get("/en/editions/8/").content.decode()
    assert "This call is only available in French for now." in html
    assert '<div class="richtext" lang="fr">' in html


def test_the_edition_page_shows_the_call_only_while_it_is_open(client, open_call):
    html = client.get("/fr/editions/8/").content.decode()
    assert "Les collectivités locales et régionales" in html
    assert '<h2 id="call-heading">Appel à candidatures</h2>' in html
    type(open_call).objects.filter(pk=open_call.pk).update(state=EditionState.SCREENING)
    html = client.get("/fr/editions/8/").content.decode()
    assert "Les collectivités locales et régionales" not in html


# --- The PDF ---------------------------------------------------------------------------


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_pdf_of_the_call_prints_it_in_each_language(client, open_call):
    english = client.get("/en/editions/8/call.pdf")
    assert english.status_code == 200
    assert english["Content-Type"] == "application/pdf"
    text = pdf_text(english.content)
    assert "Call for entries: 8th Dosta!-Congress Prize" in text
    assert "Şişli, Крагујевац and Reggio nell’Emilia won." in text
    assert '<script>alert("x")</script>' in text  # typed HTML printed as typed
    assert "Effective access of Roma to social rights" in text
    french = pdf_text(client.get("/fr/editions/8/call.pdf").content)
    assert "Appel à candidatures : 8e Prix Dosta!-Congrès" in french
    assert "Quoi envoyer" in french


def test_the_pdf_embeds_its_fonts_and_keeps_the_links(client, open_call):
    reader = PdfReader(io.BytesIO(client.get("/en/editions/8/call.pdf").content))
    fonts = {
        font.get_object()["/BaseFont"]
        for page in reader.pages
        for font in page["/Resources"]["/Font"].values()
    }
    assert all("DostaSans" in name or "Noto" in name or "+" in name for name in fonts)
    assert not any("Helvetica" in name for name in fonts)
    links = [
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
    ]
    assert links == ["https://www.coe.int/dosta", "mailto:dosta@example.org"]


def test_the_pdf_in_french_notes_a_call_written_only_in_english(client, open_call):
    open_call.call_text_fr = ""
    open_call.save()
    text = pdf_text(client.get("/fr/editions/8/call.pdf").content)
    assert "Cet appel n’est disponible qu’en anglais pour l’instant." in text
    assert "What to send" in text


@pytest.mark.parametrize("state", [EditionState.DRAFT, None])
def test_no_pdf_for_a_draft_edition_or_a_call_without_text(client, db, state):
    if state:
        EditionFactory(number=8, state=state, call_text_en=CALL_EN)
    else:
        EditionFactory(number=8, state=EditionState.OPEN)
    assert client.get("/en/editions/8/call.pdf").status_code == 404
